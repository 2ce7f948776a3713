import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, type CommandResult, type Da06Sandbox } from './fixtures/run-da06.js';

// The sample a user replays: the Hà Giang Q1/2024 plan, then prisma/seeds/ha-giang-2025-merger.yaml (the departments
// merged on 01/03/2025, the province merged into Tuyên Quang and the districts ended on 01/07/2025), both loaded
// with `da06 seed` as the file's header says.
const HA_GIANG = 'prisma/seeds/ha-giang.yaml';
const MERGER = 'prisma/seeds/ha-giang-2025-merger.yaml';
const DISTRICTS = ['TPHG', 'BACME', 'BACQUANG', 'DONGVAN', 'HOANGSUPHI', 'MEOVAC', 'QUANBA', 'QUANGBINH', 'VIXUYEN', 'XINMAN', 'YENMINH'];
const COMMUNES = ['HAGIANG1', ...DISTRICTS.slice(1).map((d) => `XA-${d}`)];
const SUCCESSOR_DEPARTMENTS = ['SKHCN-TQ', 'SNV-TQ', 'SYT-TQ', 'VP-TQ'];
const CEASED = ['STTTT', 'SLDTBXH', 'SKHCN-HG', 'SNV-HG', 'SYT', 'VP', ...DISTRICTS];

interface Summary {
  units: { code: string; total: number; rank: number | null; ceased?: boolean }[];
  province: { total: number };
}
interface TaskView {
  unit: string;
  events: { type: string; payload: { from?: string; to?: string; document?: string | null } }[];
  units: { unit: string; until: string | null }[];
}
interface UnitView {
  dissolved: { on: string; successor: string } | null;
  predecessors: { code: string }[];
  passedOn: { code: string; to: string }[];
}

let box: Da06Sandbox;
let baseline: CommandResult;
let merger: CommandResult;
const json = async <T>(args: string[]): Promise<T> => {
  const r = await box.run([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
const reassignments = (t: TaskView) => t.events.filter((e) => e.type === 'REASSIGNED').map((e) => [e.payload.from, e.payload.to]);

beforeAll(async () => {
  box = await openSandbox('merger_sample');
  baseline = await box.run(['seed', HA_GIANG]);
  merger = await box.run(['seed', MERGER]);
});
afterAll(async () => {
  await box?.close();
});

describe('the 2025 merger replayed on the Hà Giang Q1/2024 plan', () => {
  it('loads both files with `da06 seed` and says which tasks passed to which successor', () => {
    expect(baseline.code, baseline.stderr).toBe(0);
    expect(merger.code, merger.stderr).toBe(0);
    expect(merger.stdout).toContain('STTTT has ceased: 3 open task(s) passed to SKHCN-HG: HG-2024-01, HG-2024-06, HG-2024-12');
    expect(merger.stdout).toContain('SKHCN-HG has ceased: 3 open task(s) passed to SKHCN-TQ: HG-2024-01, HG-2024-06, HG-2024-12');
    expect(merger.stdout).toContain('TPHG has ceased: 1 open task(s) passed to HAGIANG1: HG-2024-15');
    expect(merger.stdout).toContain('HG-2024-07: unit SLDTBXH → SYT-TQ (REASSIGNED)');
  });

  it('leaves every open task with a unit in being, none with a unit that has ceased', async () => {
    const held = await box.query<{ task: string; unit: string; in_being: boolean }>(`
      SELECT t.code AS task, u.code AS unit,
             (u."dissolvedOn" IS NULL OR u."dissolvedOn" > now()) AND (u."validFrom" IS NULL OR u."validFrom" <= now()) AS in_being
      FROM "Task" t JOIN "Unit" u ON u.id = t."unitId" WHERE t.state NOT IN ('completed', 'cancelled') ORDER BY t.code`);
    expect(held).toHaveLength(25);
    expect(held.filter((h) => !h.in_being)).toEqual([]);
    const ceased = await box.query<{ code: string; passed: boolean }>(`SELECT code, "tasksPassedAt" IS NOT NULL AS passed FROM "Unit" WHERE "dissolvedOn" IS NOT NULL ORDER BY code`);
    expect(ceased.map((u) => u.code)).toEqual([...CEASED].sort());
    expect(ceased.every((u) => u.passed)).toBe(true);
  });

  it('summarises 31/03/2024 under the old departments and districts, 02/07/2025 under the successors', async () => {
    const before = await json<Summary>(['summary', '--as-of', '2024-03-31']);
    const named = before.units.map((u) => u.code);
    expect(named).toEqual(expect.arrayContaining(['STTTT', 'SLDTBXH', 'SYT', 'VP', 'CA', ...DISTRICTS]));
    expect(named.filter((c) => [...SUCCESSOR_DEPARTMENTS, ...COMMUNES].includes(c))).toEqual([]);
    expect(before.units.find((u) => u.code === 'STTTT')?.total).toBe(2);

    const after = await json<Summary>(['summary', '--as-of', '2025-07-02']);
    const ranked = after.units.filter((u) => u.rank !== null).map((u) => u.code);
    expect(ranked).toEqual(expect.arrayContaining(['CA', ...SUCCESSOR_DEPARTMENTS, ...COMMUNES]));
    expect(ranked.filter((c) => CEASED.includes(c))).toEqual([]);
    expect(after.units.map((u) => u.code)).not.toContain('STTTT');
    // HG-2024-07, split off by name, passed on the day its unit ceased, not on the day the file was imported.
    expect(after.units.map((u) => u.code)).not.toContain('SLDTBXH');
    expect(after.units.find((u) => u.code === 'SKHCN-TQ')?.total).toBe(3);
    expect(after.province.total).toBe(25);
  });

  it('shows on HG-2024-01 each REASSIGNED event, from STTTT on, and the units that held it', async () => {
    const task = await json<TaskView>(['task', 'show', 'HG-2024-01']);
    expect(task.unit).toBe('SKHCN-TQ');
    expect(reassignments(task)).toEqual([
      ['STTTT', 'SKHCN-HG'],
      ['SKHCN-HG', 'SKHCN-TQ'],
    ]);
    expect(task.units.map((u) => [u.unit, u.until])).toEqual([
      ['STTTT', '2025-02-28T17:00:00.000Z'],
      ['SKHCN-HG', '2025-06-30T17:00:00.000Z'],
      ['SKHCN-TQ', null],
    ]);
  });

  it('moves the task the file names one by one (a split) to its own unit, once', async () => {
    const task = await json<TaskView>(['task', 'show', 'HG-2024-07']);
    expect(task.unit).toBe('SYT-TQ');
    expect(reassignments(task)).toEqual([['SLDTBXH', 'SYT-TQ']]);
  });

  it('shows STTTT’s successor and what it passed on, and the chain up to the merged department', async () => {
    const stttt = await json<UnitView>(['unit', 'show', 'STTTT']);
    expect(stttt.dissolved).toMatchObject({ on: '2025-03-01', successor: 'SKHCN-HG' });
    expect(stttt.passedOn.map((t) => [t.code, t.to])).toEqual([
      ['HG-2024-01', 'SKHCN-HG'],
      ['HG-2024-06', 'SKHCN-HG'],
      ['HG-2024-12', 'SKHCN-HG'],
    ]);
    const between = await json<UnitView>(['unit', 'show', 'SKHCN-HG']);
    expect(between.dissolved).toMatchObject({ on: '2025-07-01', successor: 'SKHCN-TQ' });
    expect(between.predecessors.map((p) => p.code)).toEqual(['STTTT']);
  });

  it('changes nothing when the merger file is loaded again', async () => {
    const before = await box.fingerprint();
    const again = await box.run(['seed', MERGER]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing changed');
    expect(again.stdout).not.toContain('has ceased');
    expect(await box.fingerprint()).toBe(before);
  });
});
