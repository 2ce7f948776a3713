import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestMaintenance } from '../../src/engine/jobs/digest.js';
import { previewNotifications } from '../../src/engine/read/preview.js';
import { createControlledClock } from '../support/controlled-clock.js';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { runDueTimers } from '../support/run-due-timers.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const clock = createControlledClock(vn('2024-03-11T09:00:00'));

describe('preview of the chairman\'s daily digest', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness('previewdigest', { DIGEST_AT: '07:30' }, { now: clock.now });
    // ESC reaches the chairman (deadline Tuesday 12/03 17:00, chairman 3 s later); LATER reaches him on
    // Thursday 14/03; WAIT stays with its head (external unit).
    await h.addTasks([
      { code: 'ESC', deadline: vn('2024-03-12T17:00:00') },
      { code: 'LATER', deadline: vn('2024-03-14T12:00:00') },
      { code: 'WAIT', unitCode: 'BHXH', deadline: vn('2024-03-12T17:00:00') },
    ]);
    clock.set(vn('2024-03-12T18:00:00'));
    await runDueTimers(h.engine);
    clock.set(vn('2024-03-13T06:00:00'));
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists one digest per working day at DIGEST_AT, with the tasks then at the chairman\'s level', async () => {
    const items = (await previewNotifications(h.engine, 6)).filter((i) => i.kind === 'digest');
    // Wednesday 13/03, Thursday 14/03, Friday 15/03, Monday 18/03 (no digest on the weekend).
    expect(items.map((i) => new Date(i.at).toISOString())).toEqual([
      '2024-03-13T00:30:00.000Z',
      '2024-03-14T00:30:00.000Z',
      '2024-03-15T00:30:00.000Z',
      '2024-03-18T00:30:00.000Z',
    ]);
    expect(items[0]?.to.map((p) => p.email)).toEqual(['chutich@example.gov.vn']);
    expect(items[0]?.reason).toContain(': ESC');
    expect(items[0]?.reason).not.toContain('LATER');
    expect(items[2]?.reason).toContain('ESC, LATER');
    expect(items.some((i) => i.reason.includes('WAIT'))).toBe(false);
  });

  it('matches the digest the maintenance pass then prepares, and stops listing it once prepared', async () => {
    const [first] = (await previewNotifications(h.engine, 1)).filter((i) => i.kind === 'digest');
    clock.set(first?.at as number);
    expect(await digestMaintenance(h.engine)).toBe('created');
    const row = await h.engine.prisma.notification.findFirstOrThrow({ where: { kind: 'digest' } });
    expect(row.recipients).toEqual(first?.to.map((p) => p.email));
    expect((row.view as { taskCodes: string[] }).taskCodes).toEqual(['ESC']);
    const after = await previewNotifications(h.engine, 1);
    expect(after.filter((i) => i.kind === 'digest' && i.source === 'timer' && i.at === first?.at)).toHaveLength(0);
    // Still listed once, as an outbox row waiting to be sent.
    expect(after.filter((i) => i.kind === 'digest' && i.source === 'outbox')).toHaveLength(1);
  });
});
