import type { NotifyParams } from '../../../workflows/task-types.js';

/** A wake-up the machine asked for: the raised event fires at `fireAt`. */
export interface PlannedTimer {
  sendId: string;
  fireAt: number;
  event: { type: string };
}

/** What one transition asks the shell to do. */
export interface InterpretedActions {
  /** Send ids whose pending Timer rows are cancelled (including ones re-raised below). */
  cancel: Set<string>;
  timers: PlannedTimer[];
  notices: NotifyParams[];
}

/**
 * The delay a timer waits for, from its send id or event type as XState names them
 * (`xstate.after.untilRepeat.task.…` → `untilRepeat`); any other name is returned as it is.
 */
export function delayNameOf(id: string): string {
  return id.startsWith('xstate.after.') ? (id.slice('xstate.after.'.length).split('.')[0] ?? id) : id;
}

interface ActionLike {
  type: string;
  params?: unknown;
}

/**
 * Turns the actions `transition()` returned into timers and notices; the only code that knows XState's
 * action shapes. `at` is the instant of the event that caused them (delays are relative to it).
 */
export function interpretActions(actions: readonly ActionLike[], at: number): InterpretedActions {
  const cancel = new Set<string>();
  const timers = new Map<string, PlannedTimer>();
  const notices: NotifyParams[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'xstate.raise': {
        const params = action.params as { event: { type: string }; id?: string; delay?: number };
        if (typeof params.delay !== 'number') {
          throw new Error(`The task machine raised "${params.event.type}" without a delay; only delayed events become timers.`);
        }
        const sendId = params.id ?? params.event.type;
        // A raise supersedes any pending wake-up with the same id (XState re-arms by cancel + raise).
        cancel.add(sendId);
        timers.set(sendId, { sendId, fireAt: at + params.delay, event: { type: params.event.type } });
        break;
      }
      case 'xstate.cancel': {
        const { sendId } = action.params as { sendId: string };
        cancel.add(sendId);
        timers.delete(sendId);
        break;
      }
      case 'notify':
        notices.push(action.params as NotifyParams);
        break;
      default:
        throw new Error(`The task machine returned an action the engine does not know: "${action.type}".`);
    }
  }
  return { cancel, timers: [...timers.values()], notices };
}
