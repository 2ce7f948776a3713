import { Worker } from 'node:worker_threads';
import type { MailTransport } from '../../mail/transport.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueMail } from './enqueue.js';
import type { MailThreadReply } from './mail-thread.js';
import { sendNotifications, type SendOutcome } from './send-notification.js';
import type { OutboxContent } from '../write/write-transitions.js';

/** Where a sweep's emails are sent: in this thread, or in the mail thread beside it. */
export interface MailLane {
  send(ids: readonly bigint[], written: ReadonlyMap<bigint, OutboxContent>): Promise<SendOutcome[]>;
  close(): Promise<void>;
}

/** Sends in this thread, on `transport` (tests, and any caller with a transport of its own). */
export function inlineMailLane(deps: EngineDeps, transport: MailTransport): MailLane {
  return { send: (ids, written) => sendNotifications(deps, transport, ids, written), close: async () => {} };
}

/**
 * Sends in a worker thread of this process: rendering, composing and handing 500 emails to the transport take
 * about as long as deciding them, so a storm uses both cores of a small machine instead of one. The thread
 * reads the rows back from the outbox (the claim), so nothing large crosses between the threads; its retries
 * come back here to be queued. If the thread fails, sends fall back to this thread.
 */
export function threadMailLane(deps: EngineDeps, transport: MailTransport): MailLane {
  const inline = inlineMailLane(deps, transport);
  const url = new URL(import.meta.url.endsWith('.ts') ? './mail-thread.ts' : './mail-thread.js', import.meta.url);
  const thread = new Worker(url, { execArgv: process.execArgv });
  const waiting = new Map<number, { resolve: (o: SendOutcome[]) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failed: Error | null = null;
  let closing = false;
  thread.on('message', (reply: MailThreadReply) => {
    const entry = waiting.get(reply.seq);
    waiting.delete(reply.seq);
    if ('error' in reply) return entry?.reject(new Error(reply.error));
    const retries = reply.retries.map((r) => ({ id: BigInt(r.id), nextAttemptAt: new Date(r.nextAttemptAt), attempts: r.attempts }));
    void (retries.length ? enqueueMail(deps, retries, 'r') : Promise.resolve()).then(
      () => entry?.resolve(reply.outcomes),
      (error: Error) => entry?.reject(error),
    );
  });
  const fail = (error: Error) => {
    failed ??= error;
    deps.logger.error({ err: error.message }, 'mail thread stopped; sending in the main thread');
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => {
    if (code !== 0 && !closing) fail(new Error(`mail thread exited with code ${code}`));
  });
  return {
    send(ids, written) {
      if (failed) return inline.send(ids, written);
      return new Promise((resolve, reject) => {
        seq += 1;
        waiting.set(seq, { resolve, reject });
        thread.postMessage({ seq, ids: ids.map(String) });
      });
    },
    async close() {
      if (failed) return;
      closing = true;
      const exited = new Promise((r) => thread.once('exit', r));
      thread.postMessage('close');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await thread.terminate();
    },
  };
}
