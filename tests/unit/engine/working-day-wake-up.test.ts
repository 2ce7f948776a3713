import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import { provisionalWorkingDayYear } from '../../../src/engine/province/working-day-wake-up.js';
import { delayNameOf } from '../../../src/engine/write/interpret-actions.js';
import { defaultPolicy } from '../../../workflows/task-policy.js';

const calendar = createWorkingCalendar();
const in2027 = Date.parse('2027-03-10T09:00:00+07:00');
const in2026 = Date.parse('2026-03-10T09:00:00+07:00');
const id = (delay: string) => `xstate.after.${delay}.task.running.escalation.head.awaitingAcknowledgement`;

describe('a wake-up counted in working days', () => {
  it('is read from its timer id', () => {
    expect(delayNameOf(id('untilChairmanEscalation'))).toBe('untilChairmanEscalation');
  });

  it('falls in a provisional year when its policy counts it in working days and it lands in 2027', () => {
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilChairmanEscalation'), in2027)).toBe(2027);
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilNextReminder'), in2027)).toBe(2027);
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilChairmanEscalation'), in2026)).toBeNull();
  });

  it('is not flagged when it is counted in calendar time, or is the deadline itself', () => {
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilRepeat'), in2027)).toBeNull();
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilDeadline'), in2027)).toBeNull();
  });

  it('is flagged when a send window holds it for a working day', () => {
    expect(provisionalWorkingDayYear(calendar, defaultPolicy, id('untilRepeat'), in2027, true)).toBe(2027);
  });
});
