/**
 * The Government's announced holiday schedules for civil servants (cán bộ, công chức, viên chức), year by
 * year. `date-holidays` knows the statutory holidays but not these schedules: which days around Tết are
 * off, which weekday is swapped for a Saturday, which adjacent day goes with Quốc khánh. A year listed
 * here is taken from this data alone; any other year is computed provisionally from the rules.
 * The seed file's `calendar` section still adds days off and make-up working days on top.
 */

/** A run of consecutive days off (inclusive; weekend days inside the run are allowed and named). */
export interface DaysOff {
  from: string;
  to: string;
  name: string;
}

/** A Saturday or Sunday that is worked in exchange for a weekday off. */
export interface MakeUpWorkingDay {
  date: string;
  name: string;
}

/** One year's announced schedule. */
export interface OfficialSchedule {
  year: number;
  daysOff: readonly DaysOff[];
  makeUpWorkingDays: readonly MakeUpWorkingDay[];
}

const TET_DUONG_LICH = 'Tết Dương lịch';
const TET_NGUYEN_DAN = 'Tết Nguyên đán';
const GIO_TO = 'Giỗ Tổ Hùng Vương';
const GIAI_PHONG = 'Ngày Chiến thắng 30/4';
const LAO_DONG = 'Ngày Quốc tế Lao động';
const QUOC_KHANH = 'Quốc khánh';

/** The schedules announced so far, keyed by year. */
export const officialSchedules: ReadonlyMap<number, OfficialSchedule> = new Map(
  [
    {
      year: 2024,
      daysOff: [
        { from: '2024-01-01', to: '2024-01-01', name: TET_DUONG_LICH },
        { from: '2024-02-08', to: '2024-02-14', name: TET_NGUYEN_DAN },
        { from: '2024-04-18', to: '2024-04-18', name: GIO_TO },
        { from: '2024-04-27', to: '2024-04-28', name: `${GIAI_PHONG} (nghỉ liền)` },
        { from: '2024-04-29', to: '2024-04-29', name: `${GIAI_PHONG} (hoán đổi, làm bù thứ Bảy 04/05/2024)` },
        { from: '2024-04-30', to: '2024-04-30', name: GIAI_PHONG },
        { from: '2024-05-01', to: '2024-05-01', name: LAO_DONG },
        { from: '2024-08-31', to: '2024-09-01', name: `${QUOC_KHANH} (nghỉ liền)` },
        { from: '2024-09-02', to: '2024-09-03', name: QUOC_KHANH },
      ],
      makeUpWorkingDays: [{ date: '2024-05-04', name: 'Làm bù ngày 29/04/2024' }],
    },
    {
      year: 2025,
      daysOff: [
        { from: '2025-01-01', to: '2025-01-01', name: TET_DUONG_LICH },
        { from: '2025-01-25', to: '2025-02-02', name: TET_NGUYEN_DAN },
        { from: '2025-04-07', to: '2025-04-07', name: GIO_TO },
        { from: '2025-04-30', to: '2025-04-30', name: GIAI_PHONG },
        { from: '2025-05-01', to: '2025-05-01', name: LAO_DONG },
        { from: '2025-05-02', to: '2025-05-02', name: `${LAO_DONG} (hoán đổi, làm bù thứ Bảy 26/04/2025)` },
        { from: '2025-05-03', to: '2025-05-04', name: `${LAO_DONG} (nghỉ liền)` },
        { from: '2025-08-30', to: '2025-08-31', name: `${QUOC_KHANH} (nghỉ liền)` },
        { from: '2025-09-01', to: '2025-09-02', name: QUOC_KHANH },
      ],
      makeUpWorkingDays: [{ date: '2025-04-26', name: 'Làm bù ngày 02/05/2025' }],
    },
    {
      year: 2026,
      daysOff: [
        // Công văn 12729/VPCP-KGVX (25/12/2025): 01–04/01/2026 off, Friday 02/01 swapped for Saturday 10/01.
        { from: '2026-01-01', to: '2026-01-01', name: TET_DUONG_LICH },
        { from: '2026-01-02', to: '2026-01-02', name: `${TET_DUONG_LICH} (hoán đổi, làm bù thứ Bảy 10/01/2026)` },
        { from: '2026-01-03', to: '2026-01-04', name: `${TET_DUONG_LICH} (nghỉ liền)` },
        { from: '2026-02-14', to: '2026-02-22', name: TET_NGUYEN_DAN },
        { from: '2026-04-26', to: '2026-04-26', name: GIO_TO },
        { from: '2026-04-27', to: '2026-04-27', name: `${GIO_TO} (nghỉ bù)` },
        { from: '2026-04-30', to: '2026-04-30', name: GIAI_PHONG },
        { from: '2026-05-01', to: '2026-05-01', name: LAO_DONG },
        { from: '2026-05-02', to: '2026-05-03', name: `${LAO_DONG} (nghỉ liền)` },
        { from: '2026-09-01', to: '2026-09-02', name: QUOC_KHANH },
      ],
      makeUpWorkingDays: [{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026' }],
    },
  ].map((schedule) => [schedule.year, schedule] as const),
);
