import { renderDigest, renderEmail } from '../mail/render-email.js';
import type { DigestView, NotificationView } from '../mail/notification-view.js';
import type { MailTransport } from '../mail/transport.js';
import type { EngineDeps } from './engine-deps.js';
import { enqueueMail } from './enqueue.js';

/** How long a claimed send may take before another worker may try again (a crash mid-send). */
const SEND_LEASE_MS = 5 * 60_000;
const MAX_RETRY_DELAY_MS = 3_600_000;

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

function addressList(people: { name: string; email: string }[]): { name: string; address: string }[] {
  return people.map((p) => ({ name: p.name, address: p.email }));
}

/** The delay before retry `attempt` (1-based): MAIL_RETRY_DELAY, doubling, at most an hour. */
export function retryDelayMs(firstDelayMs: number, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, firstDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Sends one outbox row: claims it with a lease (so two workers never send it at once), renders the
 * Vietnamese template, hands it to the transport and marks it sent; a failure schedules the next attempt
 * or, after MAIL_MAX_ATTEMPTS, marks it failed with the reason.
 */
export async function sendNotification(deps: EngineDeps, transport: MailTransport, notificationId: bigint): Promise<SendOutcome> {
  const now = deps.now();
  const claimed = await deps.prisma.notification.updateManyAndReturn({
    where: { id: notificationId, status: 'pending', nextAttemptAt: { lte: new Date(now + 1000) } },
    data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now + SEND_LEASE_MS) },
    include: { task: { select: { code: true } } },
  });
  const row = claimed[0];
  if (!row) return 'skipped';
  const view = row.view as unknown as NotificationView;
  const digest = row.kind === 'digest' ? (row.view as unknown as DigestView & { to: NotificationView['to']; cc: NotificationView['cc'] }) : null;
  const taskCodes = row.taskId === null ? ((row.view as { taskCodes?: string[] }).taskCodes ?? []) : [row.task?.code ?? ''];
  const rendered = digest ? renderDigest(digest) : renderEmail(view);
  const headers: Record<string, string | string[]> = { 'X-DA06-Kind': row.kind, 'X-DA06-Task': taskCodes };
  try {
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
        headers,
        date: new Date(now),
      },
      `${row.id}-${(taskCodes[0] ?? 'digest').replace(/[^A-Za-z0-9.-]/g, '_')}-${row.kind}.eml`,
    );
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const failed = row.attempts >= deps.config.MAIL_MAX_ATTEMPTS;
    const nextAttemptAt = new Date(deps.now() + retryDelayMs(deps.config.mailRetryDelayMs, row.attempts));
    await deps.prisma.notification.update({
      where: { id: row.id },
      data: failed ? { status: 'failed', lastError: reason } : { lastError: reason, nextAttemptAt },
    });
    deps.logger.warn({ notification: row.id.toString(), task: taskCodes[0], attempt: row.attempts, failed, reason }, 'email send failed');
    if (!failed) await enqueueMail(deps, [{ id: row.id, nextAttemptAt, attempts: row.attempts }], 'r');
    return failed ? 'failed' : 'retry';
  }
  // The server has accepted it: from here on it must never be sent again (a crash before this update is the
  // one window where a duplicate can happen, carrying the same Message-ID).
  await deps.prisma.notification.update({ where: { id: row.id }, data: { status: 'sent', sentAt: new Date(deps.now()), lastError: null } });
  deps.logger.info({ notification: row.id.toString(), task: taskCodes[0], kind: row.kind, to: row.recipients.length }, 'email sent');
  return 'sent';
}
