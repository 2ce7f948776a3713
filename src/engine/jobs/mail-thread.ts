// The mail thread's entry (see mail-lane.ts): it sends the outbox rows it is handed — claim, render, compose,
// hand to the transport, mark sent — on a core of its own, with its own PostgreSQL connections and transport.
import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../../config.js';
import { createPool } from '../../db/sql.js';
import { createLogger } from '../../logger.js';
import { createMailTransport } from '../../mail/transport.js';
import { sendNotifications, type RetryRow, type SendOutcome } from './send-notification.js';

export interface MailThreadRequest {
  seq: number;
  ids: string[];
}

export type MailThreadReply = { seq: number; outcomes: SendOutcome[]; retries: { id: string; nextAttemptAt: number; attempts: number }[] } | { seq: number; error: string };

const port = parentPort;
if (!port) throw new Error('mail-thread.ts runs as a worker thread of `da06 worker`');
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'stdout');
const pool = createPool(config.DATABASE_URL, 4, (error) => logger.warn({ err: error.message }, 'mail thread: idle PostgreSQL connection lost'));
const transport = createMailTransport({ smtpUrl: config.SMTP_URL, outboxDir: config.MAIL_OUTBOX_DIR });

port.on('message', (request: MailThreadRequest | 'close') => {
  if (request === 'close') {
    transport.close();
    void pool.end().then(() => port.close());
    return;
  }
  const retries: RetryRow[] = [];
  const deps = { pool, config, logger, now: Date.now, retryLater: (rows: RetryRow[]) => void retries.push(...rows) };
  sendNotifications(deps, transport, request.ids.map(BigInt)).then(
    (outcomes) => port.postMessage({ seq: request.seq, outcomes, retries: retries.map((r) => ({ id: r.id.toString(), nextAttemptAt: r.nextAttemptAt.getTime(), attempts: r.attempts })) } satisfies MailThreadReply),
    (error: unknown) => port.postMessage({ seq: request.seq, error: (error as Error).message } satisfies MailThreadReply),
  );
});
