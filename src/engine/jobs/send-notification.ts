import type { db } from '../../db/prisma.js';
import { sqlOn } from '../../db/sql.js';
import { renderDigest, renderEmail } from '../../mail/render-email.js';
import type { DigestView, NotificationView } from '../../mail/notification-view.js';
import type { MailAddress } from '../../mail/compose-message.js';
import type { MailTransport } from '../../mail/transport.js';
import type { EngineDeps } from '../engine-deps.js';
import { enqueueMail } from './enqueue.js';

/** How long a claimed send may take before another worker may try again (a crash mid-send). */
const SEND_LEASE_MS = 5 * 60_000;
const MAX_RETRY_DELAY_MS = 3_600_000;

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** What sending needs: PostgreSQL, the configuration, a logger, a clock, and the mail queue for retries. */
export type SenderDeps = Pick<EngineDeps, 'pool' | 'config' | 'logger' | 'now' | 'queues'>;

/** A claimed outbox row: what `deliver` makes its email from. */
type ClaimedRow = Pick<db.Notification, 'id' | 'attempts' | 'taskId' | 'kind' | 'subject' | 'messageId' | 'inReplyTo'> & { view: unknown; taskCode: string | null };

function addressList(people: { name: string; email: string }[]): MailAddress[] {
  return people.map((p) => ({ name: p.name, address: p.email }));
}

/** The delay before retry `attempt` (1-based): MAIL_RETRY_DELAY, doubling, at most an hour. */
export function retryDelayMs(firstDelayMs: number, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, firstDelayMs * 2 ** Math.max(0, attempt - 1));
}

// One statement claims the whole batch: a row is taken only while pending and due, and the lease moves its
// next attempt out of every other worker's reach.
async function claim(deps: SenderDeps, ids: readonly bigint[], now: number): Promise<ClaimedRow[]> {
  return sqlOn(deps.pool).query<ClaimedRow>(
    `UPDATE "Notification" AS n SET attempts = n.attempts + 1, "nextAttemptAt" = $2::timestamp(3)
     WHERE n.id = ANY($1::bigint[]) AND n.status = 'pending' AND n."nextAttemptAt" <= $3::timestamp(3)
     RETURNING n.id, n.attempts, n."taskId", n.kind, n.subject, n."messageId", n."inReplyTo", n.view, (SELECT code FROM "Task" WHERE id = n."taskId") AS "taskCode"`,
    [ids, new Date(now + SEND_LEASE_MS).toISOString(), new Date(now + 1000).toISOString()],
  );
}

/**
 * The copies of one notice: one message for everyone, unless it carries personal workspace links. Then each
 * official with a link gets a copy with their own link only (a link is a credential: no one else may see it),
 * and everyone else one copy without links; every copy names all the notice's addressees and shares its
 * Message-ID, so it reads as the one notice it is.
 */
export function copiesOf(view: NotificationView): { view: NotificationView; envelopeTo?: string[] }[] {
  const links = view.workspaceLinks ?? [];
  if (links.length === 0) return [{ view }];
  const owners = new Set(links.map((l) => l.email.toLowerCase()));
  const others = [...view.to, ...view.cc].map((p) => p.email).filter((email) => !owners.has(email.toLowerCase()));
  return [
    ...links.map((link) => ({ view: { ...view, workspaceLinks: [link] }, envelopeTo: [link.email] })),
    ...(others.length > 0 ? [{ view: { ...view, workspaceLinks: [] }, envelopeTo: [...new Set(others)] }] : []),
  ];
}

async function deliver(deps: SenderDeps, transport: MailTransport, row: ClaimedRow, now: number): Promise<void> {
  const view = row.view as unknown as NotificationView;
  const digest = row.kind === 'digest' ? (row.view as unknown as DigestView & { to: NotificationView['to']; cc: NotificationView['cc'] }) : null;
  const taskCodes = row.taskId === null ? ((row.view as { taskCodes?: string[] }).taskCodes ?? []) : [row.taskCode ?? ''];
  const copies = digest ? [{ view }] : copiesOf(view);
  const name = `${row.id}-${(taskCodes[0] ?? 'digest').replace(/[^A-Za-z0-9.-]/g, '_')}-${row.kind}`;
  for (const [i, copy] of copies.entries()) {
    const rendered = digest ? renderDigest(digest) : renderEmail(copy.view);
    await transport.send(
      {
        from: deps.config.MAIL_FROM,
        to: addressList(view.to),
        cc: addressList(view.cc),
        subject: row.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: row.messageId,
        ...(row.inReplyTo ? { inReplyTo: row.inReplyTo, references: [row.inReplyTo] } : {}),
        kind: row.kind,
        taskCodes,
        date: new Date(now),
        ...(copy.envelopeTo ? { envelopeTo: copy.envelopeTo } : {}),
      },
      copies.length === 1 ? `${name}.eml` : `${name}-${i + 1}.eml`,
    );
  }
}

async function recordFailure(deps: SenderDeps, row: ClaimedRow, error: unknown): Promise<SendOutcome> {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const failed = row.attempts >= deps.config.MAIL_MAX_ATTEMPTS;
  const nextAttemptAt = new Date(deps.now() + retryDelayMs(deps.config.mailRetryDelayMs, row.attempts));
  await sqlOn(deps.pool).query(
    `UPDATE "Notification" SET "lastError" = $2, status = CASE WHEN $3 THEN 'failed'::"NotificationStatus" ELSE status END,
       "nextAttemptAt" = CASE WHEN $3 THEN "nextAttemptAt" ELSE $4::timestamp(3) END WHERE id = $1`,
    [row.id, reason, failed, nextAttemptAt.toISOString()],
  );
  deps.logger.warn({ notification: row.id.toString(), kind: row.kind, attempt: row.attempts, failed, reason }, 'email send failed');
  if (!failed) await enqueueMail(deps, [{ id: row.id, nextAttemptAt, attempts: row.attempts }], 'r');
  return failed ? 'failed' : 'retry';
}

/**
 * Sends a batch of outbox rows: claims them with a lease (so two workers never send one at once), renders the
 * Vietnamese templates, hands them to the transport together and marks the accepted ones sent in one
 * statement; a failure schedules that row's next attempt or, after MAIL_MAX_ATTEMPTS, marks it failed.
 */
export async function sendNotifications(
  deps: SenderDeps,
  transport: MailTransport,
  ids: readonly bigint[],
): Promise<SendOutcome[]> {
  const now = deps.now();
  const rows = await claim(deps, ids, now);
  const outcome = new Map<bigint, SendOutcome>();
  const results = await Promise.allSettled(rows.map((row) => deliver(deps, transport, row, now)));
  const sent: bigint[] = [];
  for (const [i, result] of results.entries()) {
    const row = rows[i] as ClaimedRow;
    if (result.status === 'fulfilled') sent.push(row.id);
    else outcome.set(row.id, await recordFailure(deps, row, result.reason));
  }
  // The server has accepted these: from here on they must never be sent again (a crash before this update is
  // the one window where a duplicate can happen, carrying the same Message-ID).
  if (sent.length) {
    await sqlOn(deps.pool).query(`UPDATE "Notification" SET status = 'sent', "sentAt" = $2::timestamp(3), "lastError" = NULL WHERE id = ANY($1::bigint[])`, [
      sent,
      new Date(deps.now()).toISOString(),
    ]);
    for (const id of sent) outcome.set(id, 'sent');
    deps.logger.info({ sent: sent.length }, 'emails sent');
  }
  return ids.map((id) => outcome.get(id) ?? 'skipped');
}

/** Sends one outbox row (see `sendNotifications`). */
export async function sendNotification(deps: SenderDeps, transport: MailTransport, notificationId: bigint): Promise<SendOutcome> {
  const [outcome] = await sendNotifications(deps, transport, [notificationId]);
  return outcome ?? 'skipped';
}
