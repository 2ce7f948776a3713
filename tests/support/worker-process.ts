import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/da06.js');

/** One pino line of a child's stdout (only the fields the tests read). */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A `da06 worker` child process, with its structured log kept for assertions. */
export interface WorkerProcess {
  pid: number;
  logs: LogLine[];
  /** Resolves once a log line matches (checked on each line), rejects on timeout or if the child exits first. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends a signal; resolves when the child has exited, with its exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: boolean;
  /** Everything the child wrote to stderr (a crash shows here). */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/** Starts `node bin/da06.js worker` with `env` on top of this process's environment, always logging at info (JSON lines). */
export function spawnWorker(env: Record<string, string>, extraArgs: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', ...extraArgs], {
    // The harness env is silent; the tests read the worker's log, so info is forced.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  let err = '';
  let buffered = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = { code, signal };
      resolve(exit);
      for (const l of [...listeners]) l();
    });
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      try {
        logs.push(JSON.parse(text) as LogLine);
      } catch {
        logs.push({ level: 30, msg: text });
      }
    }
    for (const l of [...listeners]) l();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });

  return {
    pid: child.pid!,
    logs,
    get exited() {
      return exit !== null;
    },
    stderr: () => err,
    waitForLog(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < logs.length; seen += 1) {
            const line = logs[seen]!;
            if (predicate(line)) {
              done();
              resolve(line);
              return;
            }
          }
          if (exit) {
            done();
            reject(new Error(`worker ${child.pid} exited (${JSON.stringify(exit)}) before the awaited log line; stderr: ${err.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`worker ${child.pid}: no matching log line within ${timeoutMs} ms (last: ${logs.slice(-3).map((l) => l.msg).join(' | ')})`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!exit) child.kill(signal);
      return exitedPromise;
    },
  };
}

/** Resolves once `worker` has started and finished its first reconcile pass (or skipped it: another process held the lease). */
export async function workerReady(worker: WorkerProcess, timeoutMs = 20_000): Promise<void> {
  await worker.waitForLog((l) => l.msg === 'worker started', timeoutMs);
}

/** Kills every worker child still running (for afterAll, whatever happened in the tests). */
export async function killAllWorkers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/**
 * The number of emails each worker says it sent, once their logs add up to `total`: a worker logs right after
 * marking its rows sent, and its stdout reaches the test a moment later.
 */
export async function emailsSentPerWorker(workers: readonly WorkerProcess[], total: number, timeoutMs = 5000): Promise<number[]> {
  const perWorker = () => workers.map((w) => w.logs.filter((l) => l.msg === 'emails sent').reduce((n, l) => n + Number(l.sent), 0));
  const deadline = Date.now() + timeoutMs;
  while (perWorker().reduce((a, b) => a + b, 0) !== total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return perWorker();
}
