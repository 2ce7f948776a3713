import { expect } from 'vitest';
import type { Engine } from '../../src/engine/engine-deps.js';
import { mailJobId } from '../../src/queue/job-id.js';
import { outboxRows } from './delivery-ledger.js';

/** send-notification.ts claims a row for this long before sending it. */
export const SEND_LEASE_MS = 5 * 60_000;

/**
 * What a worker killed at `killedAt` had in hand: rows it had claimed (waiting out their send lease) and rows whose
 * job it had taken but not claimed (active in BullMQ until the stalled-job check hands it back).
 */
export async function heldByDeadWorker(engine: Engine, killedAt: number) {
  const rows = await engine.prisma.notification.findMany({
    where: {
      status: 'pending',
      lastError: null,
      OR: [
        { attempts: 0, nextAttemptAt: { lte: new Date(killedAt) } },
        { attempts: { gte: 1 }, nextAttemptAt: { gt: new Date(killedAt + SEND_LEASE_MS - 60_000), lte: new Date(killedAt + SEND_LEASE_MS) } },
      ],
    },
    select: { id: true, attempts: true, nextAttemptAt: true, messageId: true, task: { select: { code: true } }, kind: true },
  });
  const states = await Promise.all(rows.map(async (r) => (await engine.queues.mail.getJob(mailJobId(r.id, r.attempts)))?.getState()));
  return rows.filter((r, i) => (r.attempts === 0 ? states[i] === 'active' : states[i] === 'delayed'));
}

/** Asserts one overdue and one escalation outbox row per task, and no transition recorded twice. */
export async function expectEachDecisionOnce(engine: Engine, codes: readonly string[]): Promise<void> {
  const { perTaskKind } = await outboxRows(engine.prisma);
  for (const code of codes) {
    expect(perTaskKind.get(`${code}|overdue`), code).toBe(1);
    expect(perTaskKind.get(`${code}|escalation`), code).toBe(1);
  }
  const events = await engine.prisma.taskEvent.groupBy({ by: ['taskId', 'type'], _count: { _all: true } });
  expect(events.filter((e) => e._count._all > 1 && e.type !== 'CREATED')).toEqual([]);
}
