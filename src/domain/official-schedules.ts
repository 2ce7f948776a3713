/**
 * The Government's announced holiday schedules for civil servants (cán bộ, công chức, viên chức), year by
 * year, each day with the document that announced it. `date-holidays` knows the statutory holidays but not
 * these schedules: which days around Tết are off, which weekday is swapped for a Saturday, which adjacent day
 * goes with Quốc khánh. A year listed here is taken from this data alone; any other year is computed
 * provisionally from the rules until its schedule is loaded (`da06 calendar load`, the seed's `calendar:`).
 */

/** A run of consecutive days off (inclusive; weekend days inside the run are allowed and named). */
export interface DaysOff {
  from: string;
  to: string;
  name: string;
  /** The document that announced the run, or the law that fixes it. */
  source: string;
}

/** A Saturday or Sunday that is worked in exchange for a weekday off. */
export interface MakeUpWorkingDay {
  date: string;
  name: string;
  source: string;
}

/** One year's announced schedule. */
export interface OfficialSchedule {
  year: number;
  daysOff: readonly DaysOff[];
  makeUpWorkingDays: readonly MakeUpWorkingDay[];
}

/** The source of the holidays the law fixes by date: Tết Dương lịch, Giỗ Tổ, 30/4, 1/5, 2/9. */
export const LABOUR_CODE_HOLIDAYS = 'Bộ luật Lao động 2019, Điều 112';
/** The source of a day off in lieu of a holiday that falls on a weekend. */
export const LABOUR_CODE_COMPENSATION = 'Bộ luật Lao động 2019, Điều 111 khoản 3';

const TET_DUONG_LICH = 'Tết Dương lịch';
const TET_NGUYEN_DAN = 'Tết Nguyên đán';
const GIO_TO = 'Giỗ Tổ Hùng Vương';
const GIAI_PHONG = 'Ngày Chiến thắng 30/4';
const LAO_DONG = 'Ngày Quốc tế Lao động';
const QUOC_KHANH = 'Quốc khánh';
const LAW = LABOUR_CODE_HOLIDAYS;

// 2024 — confirmed: Tết 08–14/02 and Quốc khánh 31/08–03/09 (Thông báo 5015/TB-LĐTBXH, 22/11/2023, after
// Công văn 8662/VPCP-KGVX, 03/11/2023); 29/04 swapped for Saturday 04/05 (Công văn 2450/VPCP-KGVX, 12/04/2024).
const TB_5015 = 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - Thương binh và Xã hội';
const CV_2450 = 'Công văn số 2450/VPCP-KGVX ngày 12/04/2024 của Văn phòng Chính phủ';
// 2025 — confirmed: Tết 25/01–02/02, 02/05 swapped for Saturday 26/04, Quốc khánh 30/08–02/09 (2/9 and 1/9 before
// it), all in Công văn 8726/VPCP-KGVX (26/11/2024), announced by Thông báo 6150/TB-BLĐTBXH (its date not found).
const CV_8726 = 'Công văn số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ (Thông báo số 6150/TB-BLĐTBXH)';
// 2026 — confirmed: 01–04/01 off with Friday 02/01 swapped for Saturday 10/01 (Công văn 12729/VPCP-KGVX,
// 25/12/2025); Tết 14/02–22/02, five days 16–20/02 (Thông báo 9441/TB-BNV, 16/10/2025, which also covers Quốc
// khánh); Giỗ Tổ on Sunday 26/04 with Monday 27/04 in lieu, 30/04 and 01/05 without a swap (the law).
// Not confirmed: the Quốc khánh days of Thông báo 9441 in full. 01/09 (the adjacent day) and 02/09 are off in any
// reading; a proposal of five days (a swapped Monday 31/08) was reported, its outcome not found. Load the
// announcement with `da06 calendar load` if it differs.
const CV_12729 = 'Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ';
const TB_9441 = 'Thông báo số 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';

/** The schedules announced so far, keyed by year. */
export const officialSchedules: ReadonlyMap<number, OfficialSchedule> = new Map(
  [
    {
      year: 2024,
      daysOff: [
        { from: '2024-01-01', to: '2024-01-01', name: TET_DUONG_LICH, source: LAW },
        { from: '2024-02-08', to: '2024-02-14', name: TET_NGUYEN_DAN, source: TB_5015 },
        { from: '2024-04-18', to: '2024-04-18', name: GIO_TO, source: LAW },
        { from: '2024-04-27', to: '2024-04-28', name: `${GIAI_PHONG} (nghỉ liền)`, source: CV_2450 },
        { from: '2024-04-29', to: '2024-04-29', name: `${GIAI_PHONG} (hoán đổi, làm bù thứ Bảy 04/05/2024)`, source: CV_2450 },
        { from: '2024-04-30', to: '2024-04-30', name: GIAI_PHONG, source: LAW },
        { from: '2024-05-01', to: '2024-05-01', name: LAO_DONG, source: LAW },
        { from: '2024-08-31', to: '2024-09-01', name: `${QUOC_KHANH} (nghỉ liền)`, source: TB_5015 },
        { from: '2024-09-02', to: '2024-09-02', name: QUOC_KHANH, source: LAW },
        { from: '2024-09-03', to: '2024-09-03', name: QUOC_KHANH, source: TB_5015 },
      ],
      makeUpWorkingDays: [{ date: '2024-05-04', name: 'Làm bù ngày 29/04/2024', source: CV_2450 }],
    },
    {
      year: 2025,
      daysOff: [
        { from: '2025-01-01', to: '2025-01-01', name: TET_DUONG_LICH, source: LAW },
        { from: '2025-01-25', to: '2025-02-02', name: TET_NGUYEN_DAN, source: CV_8726 },
        { from: '2025-04-07', to: '2025-04-07', name: GIO_TO, source: LAW },
        { from: '2025-04-30', to: '2025-04-30', name: GIAI_PHONG, source: LAW },
        { from: '2025-05-01', to: '2025-05-01', name: LAO_DONG, source: LAW },
        { from: '2025-05-02', to: '2025-05-02', name: `${LAO_DONG} (hoán đổi, làm bù thứ Bảy 26/04/2025)`, source: CV_8726 },
        { from: '2025-05-03', to: '2025-05-04', name: `${LAO_DONG} (nghỉ liền)`, source: CV_8726 },
        { from: '2025-08-30', to: '2025-08-31', name: `${QUOC_KHANH} (nghỉ liền)`, source: CV_8726 },
        { from: '2025-09-01', to: '2025-09-01', name: QUOC_KHANH, source: CV_8726 },
        { from: '2025-09-02', to: '2025-09-02', name: QUOC_KHANH, source: LAW },
      ],
      makeUpWorkingDays: [{ date: '2025-04-26', name: 'Làm bù ngày 02/05/2025', source: CV_8726 }],
    },
    {
      year: 2026,
      daysOff: [
        { from: '2026-01-01', to: '2026-01-01', name: TET_DUONG_LICH, source: LAW },
        { from: '2026-01-02', to: '2026-01-02', name: `${TET_DUONG_LICH} (hoán đổi, làm bù thứ Bảy 10/01/2026)`, source: CV_12729 },
        { from: '2026-01-03', to: '2026-01-04', name: `${TET_DUONG_LICH} (nghỉ liền)`, source: CV_12729 },
        { from: '2026-02-14', to: '2026-02-22', name: TET_NGUYEN_DAN, source: TB_9441 },
        { from: '2026-04-26', to: '2026-04-26', name: GIO_TO, source: LAW },
        { from: '2026-04-27', to: '2026-04-27', name: `${GIO_TO} (nghỉ bù)`, source: LABOUR_CODE_COMPENSATION },
        { from: '2026-04-30', to: '2026-04-30', name: GIAI_PHONG, source: LAW },
        { from: '2026-05-01', to: '2026-05-01', name: LAO_DONG, source: LAW },
        { from: '2026-09-01', to: '2026-09-01', name: QUOC_KHANH, source: TB_9441 },
        { from: '2026-09-02', to: '2026-09-02', name: QUOC_KHANH, source: LAW },
      ],
      makeUpWorkingDays: [{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026', source: CV_12729 }],
    },
  ].map((schedule) => [schedule.year, schedule] as const),
);
