import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn } from '../../src/db/sql.js';
import { loadProvinceContext } from '../../src/engine/province/province-context.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { TASK_MACHINE_VERSION } from '../../workflows/task-machine.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';
import { restoreSnapshot } from '../../workflows/task-snapshot.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const DAY = 86_400_000;
const INDICATOR = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 20, target: 90, direction: 'increase' as const };
const CHANGED: TaskPolicy = { ...SECONDS_POLICY, remindBefore: ['P2D'], escalateToChairmanAfter: 'P4D' };

/** The Task row's snapshot as PostgreSQL keeps it (text: the column is `json`) and the version that wrote it. */
async function storedRow(h: Harness, code: string): Promise<{ snapshot: string; machineVersion: number }> {
  const [row] = await sqlOn(h.engine.pool).query<{ snapshot: string; machineVersion: number }>(
    `SELECT snapshot::text AS snapshot, "machineVersion" FROM "Task" WHERE code = $1`,
    [code],
  );
  return row as { snapshot: string; machineVersion: number };
}

/** When the task's next reminder is due, from its pending Timer rows. */
async function nextReminderAt(h: Harness, code: string): Promise<number | undefined> {
  const timers = await h.engine.prisma.timer.findMany({ where: { task: { code }, state: 'pending' } });
  return timers.find((t) => t.sendId.includes('untilNextReminder'))?.fireAt.getTime();
}

/** A Task row's snapshot keeps only what the row does not: the policy and indicator are its own columns. */
describe('the snapshot a Task row stores', () => {
  let h: Harness;
  let deadline: number;

  beforeAll(async () => {
    h = await createHarness('task_snapshot_row');
    deadline = Date.now() + 10 * DAY;
    await h.addTasks([
      { code: 'S-POLICY', deadline, indicator: INDICATOR },
      { code: 'S-OLD', deadline, indicator: INDICATOR, policy: { ...SECONDS_POLICY, remindBefore: ['P1D'] } },
    ]);
  });

  afterAll(async () => {
    await h.close();
  });

  it('holds neither the policy nor the indicator, from the seed import on', async () => {
    const row = await storedRow(h, 'S-POLICY');
    expect(row.machineVersion).toBe(TASK_MACHINE_VERSION);
    expect(row.snapshot).not.toContain('remindBefore');
    expect(row.snapshot).not.toContain(INDICATOR.name);
    expect((JSON.parse(row.snapshot) as { context: object }).context).toMatchObject({ code: 'S-POLICY', deadline });
  });

  it('after a policy change, restores with the new policy, which later events follow', async () => {
    await dispatch(h.engine, 'S-POLICY', { type: 'POLICY_CHANGED', at: Date.now(), policy: CHANGED }, { actor: 'seed', channel: 'seed' });
    expect((await storedRow(h, 'S-POLICY')).snapshot).not.toContain('remindBefore');
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'S-POLICY' } });
    expect(task.policy).toEqual(CHANGED);
    const province = await loadProvinceContext(h.engine.prisma);
    expect(restoreSnapshot(province.machine, task).context).toMatchObject({ policy: CHANGED, indicator: INDICATOR });

    // A later event restores the task from its row: the reminders it plans are the new policy's (two days ahead).
    const later = deadline + 5 * DAY;
    await dispatch(h.engine, 'S-POLICY', { type: 'DEADLINE_EXTENDED', at: Date.now(), deadline: later, reason: 'Công văn 12/UBND' }, { actor: 'cli', channel: 'cli' });
    expect(await nextReminderAt(h, 'S-POLICY')).toBe(later - 2 * DAY);
  });

  it('of the previous machine version (policy and indicator inside it) still restores and takes events', async () => {
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'S-OLD' } });
    // What version 2 wrote: the same snapshot with the context's own copies of the policy and indicator.
    const snapshot = task.snapshot as { context: object };
    const v2 = { ...snapshot, context: { ...snapshot.context, policy: task.policy, indicator: task.indicator } };
    await sqlOn(h.engine.pool).query(`UPDATE "Task" SET snapshot = $1::json, "machineVersion" = 2 WHERE code = 'S-OLD'`, [JSON.stringify(v2)]);

    const later = deadline + 3 * DAY;
    const result = await dispatch(h.engine, 'S-OLD', { type: 'DEADLINE_EXTENDED', at: Date.now(), deadline: later, reason: 'Công văn 13/UBND' }, { actor: 'cli', channel: 'cli' });
    expect(result).toMatchObject({ applied: true, state: 'active.onTrack', escalationLevel: 'none' });
    expect(result.context).toMatchObject({ deadline: later, indicator: INDICATOR, policy: { remindBefore: ['P1D'] } });
    expect(await nextReminderAt(h, 'S-OLD')).toBe(later - DAY);
    // Written again in the current shape.
    const row = await storedRow(h, 'S-OLD');
    expect(row.machineVersion).toBe(TASK_MACHINE_VERSION);
    expect(row.snapshot).not.toContain('remindBefore');
  });
});
