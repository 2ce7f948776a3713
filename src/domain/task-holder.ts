/** One unit's holding of a task, from an instant on (until the next holding begins). */
export interface Holding<U> {
  unit: U;
  heldFrom: number;
}

/**
 * The unit that held a task at `at`, from its holdings in the order they were recorded: the last one begun by then,
 * or the first one for an instant before any began (a task is its first unit's from the start). Undefined when the
 * list is empty.
 */
export function holderAt<U>(holdings: readonly Holding<U>[], at: number): U | undefined {
  let held: Holding<U> | undefined;
  for (const holding of holdings) if (holding.heldFrom <= at) held = holding;
  return (held ?? holdings[0])?.unit;
}
