import { contextWithRowColumns, type StoredSnapshot } from '../../workflows/task-snapshot.js';
import type { TaskContext } from '../../workflows/task-types.js';

/**
 * The machine context a Task row holds (its persisted snapshot's, with the row's policy and indicator), for
 * reading only (display, the acknowledgement check); null when the snapshot has no context. Changes go through
 * `dispatch`.
 */
export function taskContextOf(row: Omit<StoredSnapshot, 'machineVersion'>): TaskContext | null {
  const { snapshot } = row;
  if (typeof snapshot !== 'object' || snapshot === null || !('context' in snapshot)) return null;
  const context = (snapshot as { context: unknown }).context;
  return typeof context === 'object' && context !== null ? contextWithRowColumns(context, row) : null;
}
