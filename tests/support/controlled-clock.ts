/** A clock that stands still until a test moves it: the engine's `now` for send windows and the digest. */
export interface ControlledClock {
  now(): number;
  /** Moves the clock to an instant (epoch milliseconds or an ISO string with its offset). */
  set(at: number | string): void;
}

/** A controlled clock starting at `start`. */
export function createControlledClock(start: number | string): ControlledClock {
  const instant = (at: number | string): number => {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    if (!Number.isFinite(ms)) throw new Error(`Cannot set the test clock to ${String(at)}: expected epoch ms or an ISO instant.`);
    return ms;
  };
  let current = instant(start);
  return {
    now: () => current,
    set(at) {
      current = instant(at);
    },
  };
}
