import type { BreachKind, NotifyParams, RecipientRole, TaskContext } from './task-types.js';

/** The reminder the unit gets before its deadline. */
export function reminderNotice(): NotifyParams {
  return { kind: 'reminder', level: 'unit', to: ['head', 'contacts'], cc: ['coordinatingUnits'] };
}

/**
 * The notice to the head that a task is overdue or underperforming. An external unit (a vertical agency the
 * province can only ask) has no level above its head, so the chairman is copied instead.
 */
export function headNotice(context: TaskContext, kind: BreachKind): NotifyParams {
  const cc: RecipientRole[] =
    context.unitKind === 'external' ? ['chairman', 'standingAgency', 'policyCc'] : ['standingAgency', 'policyCc'];
  return { kind, level: 'head', to: ['head'], cc };
}

/** The escalation to the provincial chairman. */
export function chairmanNotice(note?: string): NotifyParams {
  const notice: NotifyParams = {
    kind: 'escalation',
    level: 'chairman',
    to: ['chairman'],
    cc: ['head', 'standingAgency', 'policyCc'],
  };
  return note === undefined ? notice : { ...notice, note };
}

/** The repeat of the current level's notice while the breach stays unresolved. */
export function repeatNotice(context: TaskContext): NotifyParams {
  const kind = context.openBreach?.kind ?? 'overdue';
  const levelNotice = context.escalation.level === 'chairman' ? chairmanNotice() : headNotice(context, kind);
  return { ...levelNotice, kind: 'repeat', note: kind };
}

/** The notice that a task recovered, to everyone told at head or chairman level. */
export function resolvedNotice(context: TaskContext, note: string): NotifyParams {
  const told = context.escalation.told;
  const principal = told.filter((role) => role === 'head' || role === 'chairman');
  const to: RecipientRole[] = principal.length > 0 ? principal : ['head'];
  const level = context.escalation.level === 'chairman' ? 'chairman' : 'head';
  return { kind: 'resolved', level, to, cc: told.filter((role) => !to.includes(role)), note };
}

/** The roles told so far plus the recipients of `notice`, without duplicates. */
export function toldAfter(told: readonly RecipientRole[], notice: NotifyParams): RecipientRole[] {
  return [...new Set([...told, ...notice.to, ...notice.cc])];
}

/**
 * A unit raised an obstacle: the standing agency is told (it answers); once it has stayed open past
 * `obstacleEscalateAfter`, the chairman is told too.
 */
export function obstacleNotice(id: string, escalated = false): NotifyParams {
  return escalated
    ? { kind: 'obstacle', level: 'unit', to: ['standingAgency'], cc: ['chairman', 'head'], ref: id, note: 'escalated' }
    : { kind: 'obstacle', level: 'unit', to: ['standingAgency'], cc: ['head'], ref: id };
}

/** The province answered an obstacle: the unit is told. */
export function obstacleResolvedNotice(id: string): NotifyParams {
  return { kind: 'obstacle-resolved', level: 'unit', to: ['head', 'contacts'], cc: ['standingAgency'], ref: id };
}

/** A completion waits for the standing agency's confirmation (again after `confirmationDue`: note `reminder`). */
export function confirmationNotice(reminder = false): NotifyParams {
  const notice: NotifyParams = { kind: 'confirmation', level: 'unit', to: ['standingAgency'], cc: [] };
  return reminder ? { ...notice, note: 'reminder' } : notice;
}

/** A submitted completion was sent back: the unit is told why. */
export function returnedNotice(): NotifyParams {
  return { kind: 'returned', level: 'unit', to: ['head', 'contacts'], cc: ['standingAgency'] };
}
