import { assertEvent, assign, setup } from 'xstate';
import { addDuration } from '../src/domain/duration.js';
import type { WorkingCalendar } from '../src/domain/working-calendar.js';
import {
  createTaskContext,
  delayUntil,
  instantOf,
  isBehind,
  nextObstacleEscalationAt,
  nextObstacleId,
  obstaclesPendingEscalation,
  nextReminderAt,
  openObstacle,
  resumedAt,
  withBreach,
  withReport,
} from './task-context.js';
import {
  chairmanNotice,
  confirmationNotice,
  headNotice,
  obstacleNotice,
  obstacleResolvedNotice,
  reminderNotice,
  repeatNotice,
  resolvedNotice,
  returnedNotice,
  toldAfter,
} from './task-notice.js';
import { answerDelay } from './task-policy.js';
import type { NotifyParams, TaskContext, TaskEvent, TaskInput } from './task-types.js';

export type {
  NotificationKind,
  NotifyParams,
  RecipientRole,
  TaskContext,
  TaskEvent,
  TaskInput,
  TimerFiredEvent,
} from './task-types.js';

/** Bump when the machine's states or context change shape, and add a migration in `task-snapshot.ts`. */
export const TASK_MACHINE_VERSION = 3;

type Args = { context: TaskContext; event: TaskEvent };

const CHAIRMAN = '#task.running.escalation.chairman';

/** Notify params for the head notice about the open breach. */
const headNoticeForBreach = ({ context }: Args): NotifyParams =>
  headNotice(context, context.openBreach?.kind ?? 'overdue');

/** Notify params for an obstacle being raised: it gets the next id. */
const raisedObstacleNotice = ({ context }: Args): NotifyParams => obstacleNotice(nextObstacleId(context));

/** Notify params for the answer to the obstacle the event names. */
const answeredObstacleNotice = ({ event }: Args): NotifyParams =>
  obstacleResolvedNotice(event.type === 'OBSTACLE_RESOLVED' ? event.id : '');

/** A completion the province accepts: everyone told hears it is done (the unit at least), the ladder resets. */
const CONFIRM_COMPLETION = {
  target: 'completed',
  actions: ['recordCompletion', { type: 'notify', params: ({ context }: Args) => resolvedNotice(context, 'completed') }, 'resetEscalation'],
} as const;

/** The unit's answers every non-final state takes the same way (the clock does not stop for them). */
const RAISE_OBSTACLE = { actions: [{ type: 'notify', params: raisedObstacleNotice }, 'recordObstacle'] } as const;
const RESOLVE_OBSTACLE = {
  guard: 'isOpenObstacle',
  actions: [{ type: 'notify', params: answeredObstacleNotice }, 'resolveObstacle'],
} as const;

// Made once: throwing it costs no stack trace (see the machine's `context`).
const NO_INPUT = new Error('A task machine must be started with a TaskInput (code, unit kind, start, deadline, policy, indicator, at).');

/**
 * The statechart of one task, closed over the province's working-day calendar. Pure: every instant comes
 * from the event's `at` (the creation instant for the first snapshot), timers are delayed transitions the
 * engine stores and feeds back with `at` = their fire instant, and `notify` is data for the engine.
 */
export function createTaskMachine(calendar: WorkingCalendar) {
  const after = (from: number | null, d: Parameters<typeof addDuration>[2]): number =>
    from === null ? Number.NaN : addDuration(calendar, from, d);
  const delay = (target: number | null, event: { type: string }): number =>
    target === null || Number.isNaN(target) ? 0 : delayUntil(target, instantOf(event));
  /** Open obstacles not yet brought to the chairman whose delay has run out at `now`, oldest first (one per notice). */
  const obstaclesToEscalate = (context: TaskContext, now: number) =>
    obstaclesPendingEscalation(calendar, context).filter((p) => p.dueAt <= now).map((p) => p.obstacle);

  return setup({
    types: {
      context: {} as TaskContext,
      events: {} as TaskEvent,
      input: {} as TaskInput,
    },
    actions: {
      /** Interpreted by the engine: one email per notice, through the outbox. */
      notify: (_: unknown, _params: NotifyParams) => {},
      recordReport: assign(({ context, event }) => {
        assertEvent(event, 'PROGRESS_REPORTED');
        return withReport(context, event.at, event.value);
      }),
      assessProgress: assign({ behind: ({ context, event }) => isBehind(calendar, context, instantOf(event)) }),
      advanceReminderCursor: assign({ reminderCursor: ({ event }) => instantOf(event) }),
      markKpiCheck: assign({ kpiCheckFrom: ({ event }) => instantOf(event) }),
      extendDeadline: assign(({ context, event }) => {
        assertEvent(event, 'DEADLINE_EXTENDED');
        const extended = { ...context, deadline: event.deadline, reminderCursor: Math.max(context.reminderCursor, event.at) };
        return { ...extended, behind: isBehind(calendar, extended, event.at) };
      }),
      recordOverdue: assign(({ context, event }) => withBreach(context, 'overdue', instantOf(event))),
      recordUnderperforming: assign(({ context, event }) => withBreach(context, 'underperforming', instantOf(event))),
      clearBreach: assign({ openBreach: null }),
      recordHeadNotice: assign({
        escalation: ({ context, event }) => ({
          ...context.escalation,
          level: 'head' as const,
          headAt: instantOf(event),
          lastNoticeAt: instantOf(event),
          announcedKind: context.openBreach?.kind ?? null,
          told: toldAfter(context.escalation.told, headNoticeForBreach({ context, event })),
        }),
      }),
      recordChairmanNotice: assign({
        escalation: ({ context, event }) => ({
          ...context.escalation,
          level: 'chairman' as const,
          lastNoticeAt: instantOf(event),
          announcedKind: context.openBreach?.kind ?? null,
          told: toldAfter(context.escalation.told, chairmanNotice()),
        }),
      }),
      recordRepeat: assign({
        escalation: ({ context, event }) => ({ ...context.escalation, lastNoticeAt: instantOf(event) }),
      }),
      recordAnnouncement: assign({
        escalation: ({ context, event }) => ({
          ...context.escalation,
          lastNoticeAt: instantOf(event),
          announcedKind: context.openBreach?.kind ?? null,
        }),
      }),
      holdChairman: assign({
        escalation: ({ context, event }) => {
          assertEvent(event, 'ACKNOWLEDGED');
          const acknowledgedUntil = addDuration(calendar, event.at, context.policy.acknowledgementHolds);
          return { ...context.escalation, acknowledgedBy: event.by, acknowledgedUntil };
        },
      }),
      recordAcknowledgement: assign({
        escalation: ({ context, event }) => {
          assertEvent(event, 'ACKNOWLEDGED');
          return { ...context.escalation, acknowledgedBy: event.by };
        },
      }),
      resetEscalation: assign({
        explanationDueAt: null,
        escalation: () => ({
          level: 'none' as const,
          headAt: null,
          lastNoticeAt: null,
          acknowledgedUntil: null,
          acknowledgedBy: null,
          announcedKind: null,
          told: [],
        }),
      }),
      recordSuspension: assign(({ event }) => {
        assertEvent(event, 'SUSPENDED');
        return { suspendedAt: event.at, suspendedReason: event.reason };
      }),
      resumeClock: assign(({ context, event }) => resumedAt(context, instantOf(event))),
      recordCompletion: assign(({ context, event }) => {
        // A confirmed completion counts as of the day the unit submitted it: on time or late is judged then.
        const at = event.type === 'COMPLETION_CONFIRMED' && context.submission !== null ? context.submission.at : instantOf(event);
        const pastDeadline = context.deadline !== null && at > context.deadline;
        const everOverdue = context.breaches.some((b) => b.kind === 'overdue');
        return { completedAt: at, completedLate: pastDeadline || everOverdue };
      }),
      recordExplanation: assign(({ context, event }) => {
        assertEvent(event, 'EXPLANATION_GIVEN');
        const { at, by, cause, remedy, commitDate } = event;
        return { explanations: [...context.explanations, { at, by, cause, remedy, commitDate }], explanationDueAt: null };
      }),
      askExplanation: assign({
        explanationDueAt: ({ context, event }) => addDuration(calendar, instantOf(event), answerDelay(context.policy, 'explanationDue')),
      }),
      recordObstacle: assign(({ context, event }) => {
        assertEvent(event, 'OBSTACLE_RAISED');
        const obstacle = {
          id: nextObstacleId(context),
          raisedAt: event.at,
          by: event.by,
          description: event.description,
          needs: event.needs,
          state: 'open' as const,
          escalated: false,
          response: null,
          resolvedAt: null,
          resolvedBy: null,
        };
        return { obstacles: [...context.obstacles, obstacle] };
      }),
      resolveObstacle: assign(({ context, event }) => {
        assertEvent(event, 'OBSTACLE_RESOLVED');
        return {
          obstacles: context.obstacles.map((o) =>
            o.id === event.id && o.state === 'open'
              ? { ...o, state: 'resolved' as const, response: event.response, resolvedAt: event.at, resolvedBy: event.by }
              : o,
          ),
        };
      }),
      markObstacleEscalated: assign(({ context, event }) => {
        const first = obstaclesToEscalate(context, instantOf(event))[0];
        return { obstacles: context.obstacles.map((o) => (o === first ? { ...o, escalated: true } : o)) };
      }),
      recordSubmission: assign(({ event }) => {
        assertEvent(event, 'COMPLETION_SUBMITTED');
        const { at, by, document, note } = event;
        return { submission: { at, by, document, note }, confirmationAskedAt: at, returnedReason: null };
      }),
      recordConfirmationAsked: assign({ confirmationAskedAt: ({ event }) => instantOf(event) }),
      recordReturn: assign(({ context, event }) => {
        assertEvent(event, 'COMPLETION_RETURNED');
        // Reminders that fell due while the province considered the completion are not sent late.
        return {
          submission: null,
          confirmationAskedAt: null,
          returnedReason: event.reason,
          reminderCursor: Math.max(context.reminderCursor, event.at),
        };
      }),
      reassign: assign(({ event }) => {
        assertEvent(event, 'REASSIGNED');
        return { unitKind: event.unitKind };
      }),
      recordCancellation: assign(({ event }) => {
        assertEvent(event, 'CANCELLED');
        return { cancelledReason: event.reason };
      }),
      replacePolicy: assign(({ context, event }) => {
        assertEvent(event, 'POLICY_CHANGED');
        const replaced = { ...context, policy: structuredClone(event.policy) };
        return { ...replaced, behind: isBehind(calendar, replaced, event.at) };
      }),
    },
    guards: {
      hasDeadline: ({ context }) => context.deadline !== null,
      hasDeadlinePassed: ({ context, event }) => context.deadline !== null && context.deadline <= instantOf(event),
      hasIndicator: ({ context }) => context.indicator !== null,
      hasNextReminder: ({ context }) => nextReminderAt(calendar, context) !== null,
      isBehind: ({ context }) => context.behind,
      isBackOnTrack: ({ context }) => !context.behind,
      hasOpenBreach: ({ context }) => context.openBreach !== null,
      hasNoOpenBreach: ({ context }) => context.openBreach === null,
      isOverdueUnannounced: ({ context }) =>
        context.openBreach?.kind === 'overdue' && context.escalation.announcedKind !== 'overdue',
      isAtHeadLevel: ({ context }) => context.escalation.level === 'head',
      isAtChairmanLevel: ({ context }) => context.escalation.level === 'chairman',
      isExternal: ({ context }) => context.unitKind === 'external',
      isAcknowledgementHolding: ({ context, event }) =>
        context.escalation.acknowledgedUntil !== null && context.escalation.acknowledgedUntil > instantOf(event),
      isFirstAcknowledgement: ({ context }) => context.escalation.acknowledgedBy === null,
      isChairmanEscalationDue: ({ context, event }) =>
        after(context.escalation.headAt, context.policy.escalateToChairmanAfter) <= instantOf(event),
      isForced: ({ event }) => event.type === 'DEADLINE_EXTENDED' && event.force === true,
      hasToldAnyone: ({ context }) => context.escalation.told.length > 0,
      isOpenObstacle: ({ context, event }) => event.type === 'OBSTACLE_RESOLVED' && openObstacle(context, event.id) !== undefined,
      hasPendingObstacle: ({ context }) => nextObstacleEscalationAt(calendar, context) !== null,
    },
    delays: {
      untilDeadline: ({ context, event }) => delay(context.deadline, event),
      untilNextReminder: ({ context, event }) => delay(nextReminderAt(calendar, context), event),
      untilKpiCheck: ({ context, event }) => delay(after(context.kpiCheckFrom, context.policy.kpiCheckEvery), event),
      untilHeadEscalation: ({ context, event }) =>
        delay(after(context.openBreach?.at ?? null, context.policy.escalateToHeadAfter), event),
      untilChairmanEscalation: ({ context, event }) =>
        delay(after(context.escalation.headAt, context.policy.escalateToChairmanAfter), event),
      untilAcknowledgementLapses: ({ context, event }) => delay(context.escalation.acknowledgedUntil, event),
      untilRepeat: ({ context, event }) => delay(after(context.escalation.lastNoticeAt, context.policy.repeatEvery), event),
      untilObstacleEscalation: ({ context, event }) => delay(nextObstacleEscalationAt(calendar, context), event),
      untilConfirmationReminder: ({ context, event }) =>
        delay(after(context.confirmationAskedAt, answerDelay(context.policy, 'confirmationDue')), event),
    },
  }).createMachine({
    id: 'task',
    context: ({ input }: { input: TaskInput | undefined }) => {
      // XState's pure `transition()` first builds a throwaway actor, whose initial snapshot it discards and which
      // has no input. Refuse it at once with an error made once: no stack trace and no initial states to enter on
      // every transition (it used to fail later, on `input.code`, at ≈ 70 µs a transition).
      if (input === undefined) throw NO_INPUT;
      return createTaskContext(calendar, input);
    },
    initial: 'running',
    states: {
      /** The clock runs: the work follows its deadline and indicator, the ladder escalates open breaches. */
      running: {
        type: 'parallel',
        on: {
          PROGRESS_REPORTED: { actions: ['recordReport', 'assessProgress'] },
          COMPLETED: [
            {
              guard: 'hasToldAnyone',
              target: 'completed',
              actions: [
                { type: 'notify', params: ({ context }) => resolvedNotice(context, 'completed') },
                'recordCompletion',
                'resetEscalation',
              ],
            },
            { target: 'completed', actions: ['recordCompletion', 'resetEscalation'] },
          ],
          CANCELLED: { target: 'cancelled', actions: 'recordCancellation' },
          SUSPENDED: { target: 'suspended', actions: 'recordSuspension' },
          POLICY_CHANGED: { target: 'running', reenter: true, actions: 'replacePolicy' },
          CALENDAR_CHANGED: { target: 'running', reenter: true },
          // Re-entered so the ladder decides again under the new unit's kind (an external unit stops at its head).
          REASSIGNED: { target: 'running', reenter: true, actions: 'reassign' },
          EXPLANATION_GIVEN: { actions: 'recordExplanation' },
          COMPLETION_SUBMITTED: {
            target: 'awaitingConfirmation',
            actions: ['recordSubmission', { type: 'notify', params: () => confirmationNotice() }],
          },
        },
        states: {
          work: {
            initial: 'evaluating',
            states: {
              evaluating: { always: [{ guard: 'hasDeadlinePassed', target: 'overdue' }, { target: 'active' }] },
              active: {
                type: 'parallel',
                on: { DEADLINE_EXTENDED: { target: 'evaluating', actions: 'extendDeadline' } },
                states: {
                  progress: {
                    initial: 'evaluating',
                    states: {
                      evaluating: { always: [{ guard: 'isBehind', target: 'atRisk' }, { target: 'onTrack' }] },
                      onTrack: { entry: 'clearBreach', always: { guard: 'isBehind', target: 'atRisk' } },
                      atRisk: { entry: 'recordUnderperforming', always: { guard: 'isBackOnTrack', target: 'onTrack' } },
                    },
                  },
                  deadline: {
                    initial: 'planning',
                    states: {
                      planning: { always: [{ guard: 'hasDeadline', target: 'counting' }, { target: 'ongoing' }] },
                      counting: { after: { untilDeadline: { target: '#task.running.work.overdue' } } },
                      ongoing: {},
                    },
                  },
                  reminders: {
                    initial: 'planning',
                    states: {
                      planning: { always: [{ guard: 'hasNextReminder', target: 'waiting' }, { target: 'done' }] },
                      waiting: {
                        after: {
                          untilNextReminder: {
                            target: 'planning',
                            actions: [{ type: 'notify', params: reminderNotice }, 'advanceReminderCursor'],
                          },
                        },
                      },
                      done: {},
                    },
                  },
                  kpi: {
                    initial: 'planning',
                    states: {
                      planning: { always: [{ guard: 'hasIndicator', target: 'watching' }, { target: 'unmeasured' }] },
                      watching: {
                        after: { untilKpiCheck: { target: 'watching', reenter: true, actions: ['markKpiCheck', 'assessProgress'] } },
                      },
                      unmeasured: {},
                    },
                  },
                },
              },
              overdue: {
                entry: 'recordOverdue',
                on: { DEADLINE_EXTENDED: { guard: 'isForced', target: 'evaluating', actions: 'extendDeadline' } },
              },
            },
          },
          escalation: {
            initial: 'restoring',
            states: {
              restoring: {
                always: [
                  { guard: 'isAtChairmanLevel', target: 'chairman' },
                  { guard: 'isAtHeadLevel', target: 'head' },
                  { target: 'none' },
                ],
              },
              none: { always: { guard: 'hasOpenBreach', target: 'pending' } },
              pending: {
                always: { guard: 'hasNoOpenBreach', target: 'none' },
                after: {
                  untilHeadEscalation: {
                    target: 'head',
                    actions: [{ type: 'notify', params: headNoticeForBreach }, 'recordHeadNotice', 'askExplanation'],
                  },
                },
              },
              head: {
                initial: 'deciding',
                always: [
                  {
                    guard: 'hasNoOpenBreach',
                    target: 'none',
                    actions: [{ type: 'notify', params: ({ context }) => resolvedNotice(context, 'recovered') }, 'resetEscalation'],
                  },
                  {
                    guard: 'isOverdueUnannounced',
                    target: 'head',
                    reenter: true,
                    actions: [
                      { type: 'notify', params: ({ context }) => headNotice(context, 'overdue') },
                      'recordAnnouncement',
                      'askExplanation',
                    ],
                  },
                ],
                after: {
                  untilRepeat: {
                    target: 'head',
                    reenter: true,
                    actions: [{ type: 'notify', params: ({ context }) => repeatNotice(context) }, 'recordRepeat'],
                  },
                },
                states: {
                  deciding: {
                    always: [
                      { guard: 'isExternal', target: 'atTop' },
                      { guard: 'isAcknowledgementHolding', target: 'acknowledged' },
                      { target: 'awaitingAcknowledgement' },
                    ],
                  },
                  awaitingAcknowledgement: {
                    on: {
                      ACKNOWLEDGED: [
                        { guard: 'isFirstAcknowledgement', target: 'acknowledged', actions: 'holdChairman' },
                        { actions: 'recordAcknowledgement' },
                      ],
                    },
                    after: {
                      untilChairmanEscalation: {
                        target: CHAIRMAN,
                        actions: [{ type: 'notify', params: () => chairmanNotice() }, 'recordChairmanNotice'],
                      },
                    },
                  },
                  acknowledged: {
                    after: {
                      untilAcknowledgementLapses: [
                        {
                          guard: 'isChairmanEscalationDue',
                          target: CHAIRMAN,
                          actions: [
                            { type: 'notify', params: () => chairmanNotice('acknowledgementLapsed') },
                            'recordChairmanNotice',
                          ],
                        },
                        { target: 'awaitingAcknowledgement' },
                      ],
                    },
                  },
                  /** An external unit: its head is as high as the province can go. */
                  atTop: { on: { ACKNOWLEDGED: { actions: 'recordAcknowledgement' } } },
                },
              },
              chairman: {
                on: { ACKNOWLEDGED: { actions: 'recordAcknowledgement' } },
                always: [
                  {
                    guard: 'hasNoOpenBreach',
                    target: 'none',
                    actions: [{ type: 'notify', params: ({ context }) => resolvedNotice(context, 'recovered') }, 'resetEscalation'],
                  },
                  {
                    guard: 'isOverdueUnannounced',
                    target: 'chairman',
                    reenter: true,
                    actions: [{ type: 'notify', params: () => chairmanNotice('overdue') }, 'recordAnnouncement'],
                  },
                ],
                after: {
                  untilRepeat: {
                    target: 'chairman',
                    reenter: true,
                    actions: [{ type: 'notify', params: ({ context }) => repeatNotice(context) }, 'recordRepeat'],
                  },
                },
              },
            },
          },
          /** Open obstacles: the chairman is told of one still open after `obstacleEscalateAfter`. */
          obstacles: {
            initial: 'planning',
            on: {
              OBSTACLE_RAISED: { target: '.planning', actions: RAISE_OBSTACLE.actions },
              OBSTACLE_RESOLVED: { ...RESOLVE_OBSTACLE, target: '.planning' },
            },
            states: {
              planning: { always: [{ guard: 'hasPendingObstacle', target: 'waiting' }, { target: 'idle' }] },
              waiting: {
                after: {
                  untilObstacleEscalation: {
                    target: 'planning',
                    actions: [
                      {
                        type: 'notify',
                        params: ({ context, event }) => obstacleNotice(obstaclesToEscalate(context, instantOf(event))[0]?.id ?? '', true),
                      },
                      'markObstacleEscalated',
                    ],
                  },
                },
              },
              idle: {},
            },
          },
        },
      },
      /** The unit reported the task done: the clock and the ladder stop until the province confirms or returns it. */
      awaitingConfirmation: {
        on: {
          COMPLETION_CONFIRMED: CONFIRM_COMPLETION,
          COMPLETION_RETURNED: { target: 'running', actions: [{ type: 'notify', params: returnedNotice }, 'recordReturn'] },
          // An administrator's direct completion: as of its own instant, confirmed at once.
          COMPLETED: CONFIRM_COMPLETION,
          ACKNOWLEDGED: { actions: 'recordAcknowledgement' },
          PROGRESS_REPORTED: { actions: 'recordReport' },
          OBSTACLE_RESOLVED: RESOLVE_OBSTACLE,
          CANCELLED: { target: 'cancelled', actions: 'recordCancellation' },
          POLICY_CHANGED: { target: 'awaitingConfirmation', reenter: true, actions: 'replacePolicy' },
          CALENDAR_CHANGED: { target: 'awaitingConfirmation', reenter: true },
          REASSIGNED: { actions: 'reassign' },
        },
        after: {
          untilConfirmationReminder: {
            target: 'awaitingConfirmation',
            reenter: true,
            actions: [{ type: 'notify', params: () => confirmationNotice(true) }, 'recordConfirmationAsked'],
          },
        },
      },
      /** The clock stops: leaving `running` cancels every timer; resuming moves the instants by the time stopped. */
      suspended: {
        on: {
          RESUMED: { target: 'running', actions: 'resumeClock' },
          PROGRESS_REPORTED: { actions: 'recordReport' },
          COMPLETED: [
            {
              guard: 'hasToldAnyone',
              target: 'completed',
              actions: [
                'resumeClock',
                { type: 'notify', params: ({ context }) => resolvedNotice(context, 'completed') },
                'recordCompletion',
                'resetEscalation',
              ],
            },
            { target: 'completed', actions: ['resumeClock', 'recordCompletion', 'resetEscalation'] },
          ],
          CANCELLED: { target: 'cancelled', actions: 'recordCancellation' },
          POLICY_CHANGED: { actions: 'replacePolicy' },
          REASSIGNED: { actions: 'reassign' },
          EXPLANATION_GIVEN: { actions: 'recordExplanation' },
          OBSTACLE_RAISED: RAISE_OBSTACLE,
          OBSTACLE_RESOLVED: RESOLVE_OBSTACLE,
          COMPLETION_SUBMITTED: {
            target: 'awaitingConfirmation',
            actions: ['resumeClock', 'recordSubmission', { type: 'notify', params: () => confirmationNotice() }],
          },
        },
      },
      completed: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

/** The machine `createTaskMachine` builds. */
export type TaskMachine = ReturnType<typeof createTaskMachine>;
