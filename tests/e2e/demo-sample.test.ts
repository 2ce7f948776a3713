import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedCommands, sampleAnswerSteps, sampleShiftDays } from '../../scripts/demo-answers.js';
import { daysBetween, SAMPLE_TEMPLATE, sampleAsOf, shiftSeedText, todayIn } from '../../scripts/demo-seed.js';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';

// What `npm run demo` loads: the Tuyên Quang 2026 template with its dates moved to today, then the answers of
// scripts/demo-answers.ts, each step run as the demo runs it.
const template = readFileSync(SAMPLE_TEMPLATE, 'utf8');
const asOf = sampleAsOf(template);
const today = todayIn('Asia/Ho_Chi_Minh');
// The answer commands are being added (issue 15); a step whose command this build lacks is skipped, as in the demo.
const available = listedCommands(execFileSync(process.execPath, ['bin/da06.js', '--help'], { encoding: 'utf8' }));
const DAY_MS = 86_400_000;
const FOUR_CLASSES = ['Đang thực hiện trong hạn', 'Đang thực hiện quá hạn', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn'] as const;

interface SampleTask {
  code: string;
  deadline: string;
  startDate?: string;
  indicator?: { reports?: { at: string }[] };
}
const tasksOf = (text: string) => (parse(text) as { tasks: SampleTask[] }).tasks;

let box: Da06Sandbox;
let sampleFile: string;

beforeAll(async () => {
  box = await openSandbox('demo_sample');
  sampleFile = join(box.dir, 'tuyen-quang-demo.yaml');
  writeFileSync(sampleFile, shiftSeedText(template, daysBetween(asOf, today)));
});
afterAll(async () => {
  await box?.close();
});

describe('the demo sample (Tuyên Quang, 2026)', () => {
  it('is a valid seed as committed: `da06 seed --dry-run` accepts it and writes nothing', async () => {
    const before = await box.fingerprint();
    const r = await box.run(['seed', SAMPLE_TEMPLATE, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tasks\s+28 to create/);
    expect(r.stdout).toMatch(/units\s+17 to create/);
    expect(await box.fingerprint()).toBe(before);
  });

  it('moves every date by the same number of days and keeps everything else as written', () => {
    const moved = shiftSeedText(template, 100);
    expect(sampleAsOf(moved)).toBe('2027-03-16');
    expect(sampleShiftDays(moved, template, 'moved.yaml')).toBe(100);
    expect(moved.split('\n').length).toBe(template.split('\n').length);
    const before = tasksOf(template);
    const after = tasksOf(moved);
    expect(after.map((t) => t.code)).toEqual(before.map((t) => t.code));
    before.forEach((task, i) => {
      const shifted = after[i] as SampleTask;
      if (task.deadline === 'Thường xuyên') expect(shifted.deadline).toBe('Thường xuyên');
      else expect(daysBetween(task.deadline, shifted.deadline), task.code).toBe(100);
      if (task.startDate) expect(daysBetween(task.startDate, shifted.startDate as string), task.code).toBe(100);
      (task.indicator?.reports ?? []).forEach((report, n) => {
        expect(daysBetween(report.at, shifted.indicator?.reports?.[n]?.at as string), task.code).toBe(100);
      });
    });
    // Outside the dates, not one character differs.
    const blank = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');
    expect(blank(moved)).toBe(blank(template));
  });

  it('refuses a deadline that cannot be moved by days, naming the task', () => {
    const quarter = template.replace('deadline: 2026-09-30', 'deadline: "Quý III/2026"');
    expect(() => shiftSeedText(quarter, 1)).toThrow(/TQ-2026-02\.deadline is "Quý III\/2026".*write it as a date/);
  });

  describe('seeded for today, with its answers recorded', () => {
    beforeAll(async () => {
      const seeded = await box.run(['seed', sampleFile]);
      expect(seeded.stderr).toBe('');
      expect(seeded.code).toBe(0);
      for (const step of sampleAnswerSteps(daysBetween(asOf, today))) {
        if (!available.has(step.command)) continue;
        const r = await box.run(step.args);
        expect(r.code, `${step.shows}: ${r.stderr}`).toBe(0);
      }
    });

    it('shows at least one task in each of the four status classes, in `summary` and in `status`', async () => {
      const summary = JSON.parse((await box.run(['summary', '--json'])).stdout) as { province: { byStatus: Record<string, number>; total: number } };
      expect(summary.province.total).toBe(28);
      for (const cls of FOUR_CLASSES) expect(summary.province.byStatus[cls], cls).toBeGreaterThanOrEqual(1);
      const status = JSON.parse((await box.run(['status', '--json'])).stdout) as { tasks: { byStatus: Record<string, number> } };
      for (const cls of FOUR_CLASSES) expect(status.tasks.byStatus[cls], cls).toBeGreaterThanOrEqual(1);
    });

    it('has tasks falling due within the week (sắp đến hạn)', async () => {
      const now = Date.now();
      const soon = await box.query<{ code: string }>(
        `SELECT code FROM "Task" WHERE "completedAt" IS NULL AND deadline > $1 AND deadline <= $2 ORDER BY deadline`,
        [new Date(now), new Date(now + 7 * DAY_MS)],
      );
      expect(soon.length).toBeGreaterThanOrEqual(1);
      const first = JSON.parse((await box.run(['task', 'show', (soon[0] as { code: string }).code, '--json'])).stdout) as { status: string; dueSoon?: boolean };
      expect(first.status).toBe('Đang thực hiện trong hạn');
      // `dueSoon` arrives with issue 15; once it is there it must agree.
      if (first.dueSoon !== undefined) expect(first.dueSoon).toBe(true);
    });

    it('records the completions as of their day: late ones late, early ones on time', async () => {
      const rows = await box.query<{ code: string; statusClass: string }>(
        `SELECT code, "statusClass" FROM "Task" WHERE code IN ('TQ-2026-05', 'TQ-2026-16', 'TQ-2026-10', 'TQ-2026-19') ORDER BY code`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.code, r.statusClass]))).toEqual({
        'TQ-2026-05': 'Hoàn thành quá hạn',
        'TQ-2026-10': 'Hoàn thành đúng hạn',
        'TQ-2026-16': 'Hoàn thành quá hạn',
        'TQ-2026-19': 'Hoàn thành đúng hạn',
      });
    });

    it.runIf(available.has('explain'))('carries the explanation of an overdue task', async () => {
      const t = JSON.parse((await box.run(['task', 'show', 'TQ-2026-02', '--json'])).stdout) as { status: string; explanations: { cause: string; by: string }[] };
      expect(t.status).toBe('Đang thực hiện quá hạn');
      expect(t.explanations).toHaveLength(1);
      expect(t.explanations[0]?.by).toBe('giamdoc.skhcn@example.gov.vn');
    });

    it.runIf(available.has('obstacle'))("carries a commune's open obstacle", async () => {
      const t = JSON.parse((await box.run(['task', 'show', 'TQ-2026-25', '--json'])).stdout) as { obstacles: { state: string; description: string }[] };
      expect(t.obstacles.map((o) => o.state)).toEqual(['open']);
    });

    it.runIf(available.has('submit'))('has a completion waiting for the province to confirm it', async () => {
      const t = JSON.parse((await box.run(['task', 'show', 'TQ-2026-07', '--json'])).stdout) as { awaitingConfirmation: boolean };
      expect(t.awaitingConfirmation).toBe(true);
    });
  });
});
