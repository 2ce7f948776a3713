import { describe, expect, it } from 'vitest';
import { firstHeldLeaves, mailNote } from '../../../scripts/demo-mail-note.js';

const now = Date.parse('2026-12-06T12:00:00Z'); // Sunday 19:00 in Hà Nội
const base = { files: 7, outboxDir: '/tmp/outbox', smtp: false, firstHeldAt: null, timeZone: 'Asia/Ho_Chi_Minh' };

describe('the demo mail note', () => {
  it('says where the emails went', () => {
    const lines = mailNote({ ...base, counts: { pending: 0, sent: 7, failed: 0, heldForSendWindow: 0 } });
    expect(lines).toEqual(['da06 demo: 7 email(s) written to /tmp/outbox as .eml files (open one in a mail reader, or read it as text).']);
  });

  describe('when a send window holds mail on a Sunday evening', () => {
    const emails = [
      { at: '2026-12-06T12:00:00.000Z', task: 'TQ-2026-02', kind: 'overdue', source: 'timer' },
      { at: '2026-12-07T00:30:00.000Z', task: 'TQ-2026-08', kind: 'overdue', source: 'outbox' },
      { at: '2026-12-08T00:30:00.000Z', task: 'TQ-2026-13', kind: 'reminder', source: 'outbox' },
    ];

    it('finds the first held email among those already decided', () => {
      expect(firstHeldLeaves(emails, now)).toBe(Date.parse('2026-12-07T00:30:00.000Z'));
    });

    it('says how many are held, when the first leaves in local time, and how to see them now', () => {
      const lines = mailNote({ ...base, counts: { pending: 2, sent: 7, failed: 0, heldForSendWindow: 2 }, firstHeldAt: firstHeldLeaves(emails, now) });
      expect(lines[1]).toContain('2 more email(s) are held by a policy\'s send window');
      expect(lines[1]).toContain('07:30');
      expect(lines[1]).toContain('07/12/2026');
      expect(lines[2]).toContain('npx da06 preview');
    });
  });

  it('points at `da06 status` when emails failed', () => {
    const lines = mailNote({ ...base, counts: { pending: 0, sent: 5, failed: 2 } });
    expect(lines.at(-1)).toBe('da06 demo: 2 email(s) failed; `npx da06 status` lists them with the error.');
  });
});
