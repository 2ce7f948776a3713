// `npx tsx scripts/make-big-seed.ts [--tasks N] [--out big.yaml] [--distinct]`: writes a large seed file for
// measuring `da06 seed` (docs/benchmarks.md). It takes the province, policy and units of prisma/seeds/ha-giang.yaml,
// adds communes up to 50 units and a second policy, then N tasks with every deadline form, a start date on most,
// coordinating units on some, an indicator on one in five and a progress report on one in fifty. Tasks share a few
// thousand schedules, as a province's plan does; with --distinct each has its own deadline (an ISO date-time a
// minute after the previous one), the worst case for the import. The output is deterministic; `.json` writes JSON,
// anything else YAML.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    units: { type: 'string', default: '50' },
    out: { type: 'string', default: 'big.yaml' },
    sample: { type: 'string', default: 'prisma/seeds/ha-giang.yaml' },
    distinct: { type: 'boolean', default: false },
  },
});
const taskCount = Number(values.tasks);
const unitCount = Number(values.units);
if (!Number.isInteger(taskCount) || taskCount < 1 || !Number.isInteger(unitCount) || unitCount < 2) {
  throw new Error('--tasks and --units must be whole numbers (at least 1 task and 2 units).');
}

type Doc = { province: unknown; calendar?: unknown; policies: Record<string, unknown>; units: Record<string, unknown>[]; tasks: unknown[] };
const sample = parse(readFileSync(values.sample, 'utf8')) as Doc;

const units = sample.units.slice(0, unitCount);
for (let n = 1; units.length < unitCount; n += 1) {
  const code = `XA${String(n).padStart(3, '0')}`;
  units.push({
    code,
    name: `Xã thử nghiệm số ${n}`,
    kind: 'commune',
    head: { name: `Chủ tịch xã số ${n}`, title: 'Chủ tịch UBND xã', email: `chutich.${code.toLowerCase()}@example.gov.vn` },
    contacts: [{ name: `Cán bộ đầu mối xã số ${n}`, email: `daumoi.${code.toLowerCase()}@example.gov.vn` }],
  });
}
const codes = units.map((u) => u.code as string);

const policies = {
  ...sample.policies,
  urgent: {
    remindBefore: ['P3D', { workingDays: 1 }, 'PT4H'],
    escalateToHeadAfter: 'PT0S',
    escalateToChairmanAfter: { workingDays: 1 },
    acknowledgementHolds: { workingDays: 2 },
    repeatEvery: 'P3D',
    kpiCheckEvery: 'P3D',
    reportStaleAfter: 'P14D',
    kpiTolerance: 1,
  },
};

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTERS = ['I', 'II', 'III', 'IV'];
/** Every deadline form of INTERFACES.md, in 2025 (already overdue), 2026 and 2027. */
function deadlineOf(i: number): string {
  const year = 2025 + (i % 3);
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  switch (i % 8) {
    case 0:
      return `${year}-${pad(month)}-${pad(day)}T17:00:00+07:00`;
    case 1:
      return `${year}-${pad(month)}-${pad(day)}`;
    case 2:
      return `${pad(day)}/${pad(month)}/${year}`;
    case 3:
      return `Tháng ${month}/${year}`;
    case 4:
      return `Quý ${QUARTERS[i % 4]}/${year}`;
    case 5:
      return `Năm ${year}`;
    case 6:
      return 'Thường xuyên';
    default:
      return `${year + 1}-${pad(month)}-${pad(day)}`;
  }
}

const tasks = Array.from({ length: taskCount }, (_, i) => {
  const unit = codes[i % codes.length] as string;
  const task: Record<string, unknown> = {
    code: `BIG-${String(i + 1).padStart(6, '0')}`,
    title: `Nhiệm vụ số ${i + 1}: triển khai dịch vụ công trực tuyến và định danh điện tử tại ${unit}`,
    unit,
    deadline: values.distinct ? new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString() : deadlineOf(i),
  };
  if (i % 10 !== 9) task.startDate = i % 2 ? '2024-01-01' : '01/07/2024';
  if (i % 3 === 0) task.document = `Kế hoạch số ${1 + (i % 97)}/KH-UBND`;
  if (i % 4 === 0) task.coordinatingUnits = [codes[(i + 1) % codes.length], codes[(i + 7) % codes.length]];
  if (i % 6 === 0) task.product = 'Báo cáo kết quả';
  if (i % 7 === 0) task.policy = 'urgent';
  if (i % 5 === 0) {
    const decrease = i % 2 === 1;
    task.indicator = {
      name: decrease ? 'Tỷ lệ hồ sơ trễ hạn' : 'Tỷ lệ hồ sơ trực tuyến',
      unit: '%',
      baseline: decrease ? 20 : 50,
      target: decrease ? 5 : 90,
      direction: decrease ? 'decrease' : 'increase',
      ...(i % 50 === 0 ? { reports: [{ at: '2024-09-30', value: 60 + (i % 30) }] } : {}),
    };
  }
  return task;
});

const doc = { province: sample.province, calendar: sample.calendar ?? {}, policies, units, tasks };
const text = extname(values.out).toLowerCase() === '.json' ? JSON.stringify(doc, null, 1) : stringify(doc, { lineWidth: 0 });
writeFileSync(values.out, text);
process.stderr.write(`${values.out}: ${units.length} units, ${tasks.length} tasks, ${(text.length / 1e6).toFixed(1)} MB\n`);
