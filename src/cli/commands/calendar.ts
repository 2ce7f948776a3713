import type { Command } from 'commander';

const FILE_FORMAT = `
A calendar file (YAML or JSON) holds one year's announced schedule:

  year: 2027
  source: "Thông báo số 1234/TB-BNV ngày 15/10/2026 của Bộ Nội vụ"   # the source of every day that names none
  daysOff:                          # weekdays given off (Saturdays and Sundays are off already)
    - { date: 2027-02-05, name: Tết Nguyên đán }
    - { date: 2027-09-03, name: Quốc khánh, source: "Công văn số 99/VPCP-KGVX ngày 01/08/2027" }
  makeUpWorkingDays:                # Saturdays worked in exchange for a weekday off
    - { date: 2027-01-09, name: Làm bù ngày 04/01/2027 }

The whole file is checked first (each date real and in \`year\`, listed once, a day off a weekday, a make-up day a
Saturday, every day with a source); nothing is written when anything is wrong. The law's fixed holidays (1/1,
Giỗ Tổ, 30/4, 1/5, 2/9 and their days in lieu) need not be listed; but once a year has a loaded day, da06 stops
guessing its Tết days and the day next to 2/9, so list those. Loading the same date again replaces its kind,
name and source. The seed's \`calendar:\` block takes the same days as { date, name, source } entries. Then every running task's working-day timers are computed again with the new calendar.
`;

/** `da06 calendar YEAR [--json]`, `da06 calendar load FILE` and `da06 calendar recompute`: the province's calendar and its sources. */
export function registerCalendar(program: Command): void {
  const calendar = program
    .command('calendar')
    .description("the province's days off and make-up working days of a year, each with its source, and whether the year is confirmed or provisional")
    .argument('<year>', 'a year, e.g. 2026')
    .option('--json', 'print one JSON document: { year, provisional, daysOff, makeUpWorkingDays }')
    .action(async (year: string, options: { json?: boolean }) => {
      const { runCalendarShow } = await import('../actions/calendar.js');
      await runCalendarShow(year, options);
    });
  calendar
    .command('load')
    .description("add an announced schedule (days off, make-up days, each with its source) without a release; validated whole, then running tasks' working-day timers are recomputed")
    .argument('<file>', 'calendar file: .yaml, .yml or .json (see below)')
    .option('--json', 'print one JSON document')
    .addHelpText('after', FILE_FORMAT)
    .action(async (file: string, options: { json?: boolean }) => {
      const { runCalendarLoad } = await import('../actions/calendar-load.js');
      await runCalendarLoad(file, options);
    });
  calendar
    .command('recompute')
    .description("compute every running task's working-day timers again with the current calendar (after a load or seed that reported tasks not recomputed)")
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean }) => {
      const { runCalendarRecompute } = await import('../actions/calendar-load.js');
      await runCalendarRecompute(options);
    });
}
