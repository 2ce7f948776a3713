import type { EngineDeps } from '../engine-deps.js';
import { provinceCalendar } from '../province/province-calendar.js';

/** Logs one warning when this year's or next year's days off are not announced yet, so working days there are provisional. */
export async function warnOfProvisionalYears(deps: EngineDeps): Promise<void> {
  try {
    const { calendar } = await provinceCalendar(deps.prisma);
    const thisYear = Number(calendar.localDate(deps.now()).slice(0, 4));
    const years = [thisYear, thisYear + 1].filter((year) => calendar.holidays(year).provisional);
    if (years.length === 0) return;
    deps.logger.warn(
      { years },
      `days off of ${years.join(' and ')} are not announced yet: working days there are counted from the Labour Code's fixed holidays only (provisional); when the schedule is announced, load it with \`da06 calendar load FILE\``,
    );
  } catch (error) {
    // A worker started before the first seed has no calendar to check yet; it must start all the same.
    deps.logger.debug({ err: (error as Error).message }, 'provisional years not checked');
  }
}
