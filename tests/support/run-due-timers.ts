import type { EngineDeps } from '../../src/engine/engine-deps.js';
import { sweepDueTimers } from '../../src/engine/jobs/sweep.js';

/**
 * Fires, in order, every pending Timer row due at the engine's clock, including those the firings set
 * themselves: what a wake-up job does (its emails left to send jobs), deterministically, for tests on a
 * controlled clock.
 */
export async function runDueTimers(deps: EngineDeps): Promise<number> {
  return (await sweepDueTimers(deps, null)).fired;
}
