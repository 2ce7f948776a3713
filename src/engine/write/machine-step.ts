import { createActor, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import type { TaskMachine } from '../../../workflows/task-machine.js';
import type { TaskInput } from '../../../workflows/task-types.js';

type Scope = Parameters<TaskMachine['transition']>[2];
type Actions = Parameters<Scope['actionExecutor']>[0][];

// One inert actor scope per machine. XState's own `transition()` and `initialTransition()` build a throwaway
// actor on every call (its constructor computes an initial snapshot that is then discarded: ≈ 25 µs, 1.5 s of
// the worker's 20,000-task storm); the machine spawns no actors and calls are synchronous, so one scope serves
// them all, with its action executor pointed at the call's own list.
const scopes = new WeakMap<TaskMachine, Scope>();

function scopeOf(machine: TaskMachine, actions: Actions): Scope {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    const self = createActor(machine as AnyStateMachine);
    scope = { self, defer: () => {}, id: '', logger: () => {}, sessionId: '', stopChild: () => {}, system: self.system, emit: () => {}, actionExecutor: () => {} } as unknown as Scope;
    scopes.set(machine, scope);
  }
  scope.actionExecutor = (action) => void actions.push(action);
  return scope;
}

/** XState's pure `transition(machine, snapshot, event)`: the next snapshot and the actions to execute. */
export function machineTransition(machine: TaskMachine, snapshot: SnapshotFrom<TaskMachine>, event: EventFromLogic<TaskMachine>): [SnapshotFrom<TaskMachine>, Actions] {
  const actions: Actions = [];
  return [machine.transition(snapshot, event, scopeOf(machine, actions)), actions];
}

/** XState's pure `initialTransition(machine, input)`: the first snapshot and the actions to execute. */
export function machineInitialTransition(machine: TaskMachine, input: TaskInput): [SnapshotFrom<TaskMachine>, Actions] {
  const actions: Actions = [];
  return [machine.getInitialSnapshot(scopeOf(machine, actions), input), actions];
}
