import type { EngineDeps } from '../../src/engine/engine-deps.js';
import { fireTimer } from '../../src/engine/jobs/fire-timer.js';

/**
 * Fires, in order, every pending Timer row due at the engine's clock, including those the firings set
 * themselves: what the timer worker does, deterministically, for tests on a controlled clock.
 */
export async function runDueTimers(deps: EngineDeps): Promise<number> {
  let fired = 0;
  for (;;) {
    const due = await deps.prisma.timer.findMany({
      where: { state: 'pending', fireAt: { lte: new Date(deps.now()) } },
      orderBy: [{ fireAt: 'asc' }, { id: 'asc' }],
      select: { jobId: true },
    });
    if (due.length === 0) return fired;
    for (const timer of due) {
      if ((await fireTimer(deps, timer.jobId)).fired) fired += 1;
    }
  }
}
