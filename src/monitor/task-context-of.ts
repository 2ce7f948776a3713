import type { TaskContext } from '../../workflows/task-types.js';

/**
 * The machine context stored in a task's persisted snapshot, for reading only (display, the
 * acknowledgement check); null when the snapshot has no context. Changes go through `dispatch`.
 */
export function taskContextOf(snapshot: unknown): TaskContext | null {
  if (typeof snapshot !== 'object' || snapshot === null || !('context' in snapshot)) return null;
  const context = (snapshot as { context: unknown }).context;
  return typeof context === 'object' && context !== null ? (context as TaskContext) : null;
}
