import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/** A throwaway Redis Cluster of masters on loopback, started by a test and removed after it. */
export interface TestRedisCluster {
  /** The seed nodes as da06 takes them in REDIS_URL (with REDIS_CLUSTER=true). */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

/** Why a Redis Cluster cannot be started on this machine (redis-server or redis-cli missing), or null. */
export function redisClusterUnavailable(): string | null {
  for (const tool of ['redis-server', 'redis-cli']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install -y redis-server), so no Redis Cluster can be started`;
    }
  }
  return null;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// A cluster node also listens on its port + 10000 (the cluster bus), so both must be free.
async function freeNodePort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + 10_000))) return port;
  }
  throw new Error('no free loopback port pair (N, N+10000) found for a Redis Cluster node');
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ask<T>(port: number, command: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return await command(redis);
  } finally {
    redis.disconnect();
  }
}

/** Starts `masters` redis-server processes in cluster mode on free loopback ports, joins them, and waits for `cluster_state:ok`. */
export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'da06-redis-cluster-'));
  const processes: ChildProcess[] = [];
  const ports: number[] = [];
  const output: string[] = [];
  const stop = async () => {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < masters; i += 1) {
      const port = await freeNodePort(taken);
      taken.add(port).add(port + 10_000);
      ports.push(port);
      // No persistence: the cluster lives as long as the test file, and PostgreSQL is the record anyway.
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir];
      const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
      processes.push(child);
    }
    for (const port of ports) await waitFor(`redis-server on port ${port}`, async () => (await ask(port, (r) => r.ping())) === 'PONG', 10_000);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await waitFor(`cluster_state:ok on port ${port}`, async () => (await ask(port, (r) => r.cluster('INFO'))).includes('cluster_state:ok'), 15_000);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nredis-server output:\n${output.join('').slice(-2000)}`, { cause: error });
  }
  return { url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','), ports, stop };
}
