import type { AckClaims } from '../engine/links/ack-token.js';
import { dispatchInTransaction, lockTask } from '../engine/write/dispatch.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { EventNotAcceptedError, TaskNotFoundError } from '../errors.js';
import { taskContextOf } from './task-context-of.js';

/** What pressing the button of an acknowledgement link did. */
export type AckOutcome =
  | { kind: 'recorded'; by: string; acknowledgedUntil: number | null }
  | { kind: 'already'; by: string; acknowledgedUntil: number | null }
  | { kind: 'notAccepted'; state: string }
  | { kind: 'notFound' };

/**
 * Records the acknowledgement a verified link grants, once: under the task's row lock, an escalation
 * already acknowledged is left as it is (a second press, or two presses at once, change nothing);
 * otherwise ACKNOWLEDGED goes through the one door, `dispatch`, in the same transaction.
 */
export async function acknowledgeByLink(deps: EngineDeps, claims: AckClaims): Promise<AckOutcome> {
  try {
    const outcome = await deps.prisma.$transaction(
      async (tx) => {
        const id = await lockTask(tx, { code: claims.task });
        if (id === null) throw new TaskNotFoundError(claims.task);
        const task = await tx.task.findUniqueOrThrow({ where: { id }, select: { snapshot: true, policy: true, indicator: true } });
        const escalation = taskContextOf(task)?.escalation;
        if (escalation?.acknowledgedBy) {
          return { kind: 'already' as const, by: escalation.acknowledgedBy, acknowledgedUntil: escalation.acknowledgedUntil, afterCommit: null };
        }
        const event = { type: 'ACKNOWLEDGED' as const, by: claims.by, at: deps.now() };
        const { afterCommit } = await dispatchInTransaction(tx, deps, claims.task, event, { actor: claims.by, channel: 'ack-link' });
        const after = await tx.task.findUniqueOrThrow({ where: { id }, select: { snapshot: true, policy: true, indicator: true } });
        const until = taskContextOf(after)?.escalation.acknowledgedUntil ?? null;
        return { kind: 'recorded' as const, by: claims.by, acknowledgedUntil: until, afterCommit };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (outcome.afterCommit) await outcome.afterCommit();
    deps.logger.info({ task: claims.task, by: claims.by, notice: claims.notice, outcome: outcome.kind }, 'acknowledgement link pressed');
    return { kind: outcome.kind, by: outcome.by, acknowledgedUntil: outcome.acknowledgedUntil };
  } catch (error) {
    if (error instanceof TaskNotFoundError) return { kind: 'notFound' };
    if (error instanceof EventNotAcceptedError) {
      deps.logger.info({ task: claims.task, by: claims.by, state: error.state }, 'acknowledgement link pressed for a task that accepts none');
      return { kind: 'notAccepted', state: error.state };
    }
    throw error;
  }
}
