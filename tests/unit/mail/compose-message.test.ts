import fc from 'fast-check';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { composeMessage, envelopeOf, type OutgoingMail } from '../../../src/mail/compose-message.js';
import { renderEmail } from '../../../src/mail/render-email.js';
import { addressesOf, headerValues } from '../../support/parsed-mail.js';
import { sampleViews } from './sample-views.js';

/** The same message built by nodemailer's MailComposer, as the worker built it before composeMessage. */
function composedByNodemailer(mail: OutgoingMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to.map((a) => ({ ...a })),
    cc: mail.cc.map((a) => ({ ...a })),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [...(mail.references ?? [])] } : {}),
    headers: { 'X-DA06-Kind': mail.kind, 'X-DA06-Task': [...mail.taskCodes] },
    date: mail.date,
  });
  return new Promise((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

/** A part's content as read back; MailComposer's quoted-printable ends a part with a line break of its own. */
const content = (part: string | false | undefined): string => (part || '').replace(/\n$/, '');

/** What a mail client shows of a message: the fields a recipient or a thread depends on. */
function seen(m: ParsedMail) {
  const names = (field: ParsedMail['to']) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.name));
  return {
    from: m.from?.value,
    to: addressesOf(m.to),
    toNames: names(m.to),
    cc: addressesOf(m.cc),
    ccNames: names(m.cc),
    subject: m.subject,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    date: m.date?.getTime(),
    text: content(m.text),
    html: content(m.html),
    kind: headerValues(m, 'X-DA06-Kind'),
    tasks: headerValues(m, 'X-DA06-Task'),
    bcc: m.bcc,
  };
}

const rendered = renderEmail(sampleViews().overdue as never);
const base: OutgoingMail = {
  from: '"Đề án 06" <no-reply@hagiang.gov.vn>',
  to: [{ name: 'Nguyễn Văn An', address: 'gd.syt@example.gov.vn' }],
  cc: [{ name: 'Phạm Đức Dũng', address: 'ca@example.gov.vn' }],
  subject: rendered.subject,
  text: rendered.text,
  html: rendered.html,
  messageId: '<HG-2024-05.overdue.3@da06>',
  inReplyTo: '<HG-2024-05.reminder.1@da06>',
  references: ['<HG-2024-05.reminder.1@da06>'],
  kind: 'overdue',
  taskCodes: ['HG-2024-05'],
  date: new Date(Date.UTC(2024, 6, 3, 1)),
};

// Names and subjects as seed files and templates make them: Vietnamese, punctuation, quotes, long runs.
const words = fc.constantFrom('Nguyễn', 'Văn', 'Thị', 'Đỗ', 'Sở', 'Y tế', 'UBND', '"Q"', 'A\\B', 'x,y', 'Trưởng-phòng', '(đầu mối)', 'ăn', 'Ữ', 'tiền mặt:', '06');
const phrase = fc.array(words, { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const body = fc.string({ unit: 'grapheme', maxLength: 3000 }).map((s) => s.replace(/\r/g, ''));
const person = fc.record({ name: phrase, address: fc.constantFrom('a@x.vn', 'gd.syt@example.gov.vn', 'b.c-d@tinh.gov.vn') });
const mailArb: fc.Arbitrary<OutgoingMail> = fc.record({
  from: fc.constantFrom(base.from, 'no-reply@localhost', 'Da06 Bot <bot@x.vn>'),
  to: fc.array(person, { minLength: 1, maxLength: 4 }),
  cc: fc.array(person, { maxLength: 4 }),
  subject: phrase.filter((s) => s.trim().length > 0),
  // A notice always has a plain-text part; MailComposer leaves out an empty one.
  text: body.filter((s) => s.trim().length > 0),
  html: body.map((s) => `<p>${s}</p>`),
  messageId: fc.constantFrom('<HG-1.overdue.2@da06>', '<digest.2024-07-03.gd@da06>'),
  inReplyTo: fc.constantFrom(undefined, '<HG-1.reminder.1@da06>'),
  kind: fc.constantFrom('reminder', 'overdue', 'escalation', 'digest'),
  taskCodes: fc.array(fc.constantFrom('HG-1', 'HG-2024-05', 'QN.03'), { minLength: 1, maxLength: 5 }),
  date: fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
}).map((m) => ({ ...m, references: m.inReplyTo ? [m.inReplyTo] : undefined }));

describe('composeMessage', () => {
  it('reads in a mail client exactly as the message nodemailer composes', async () => {
    await fc.assert(
      fc.asyncProperty(mailArb, async (mail) => {
        const [ours, theirs] = await Promise.all([simpleParser(composeMessage(mail)), composedByNodemailer(mail).then((b) => simpleParser(b))]);
        expect(seen(ours)).toEqual(seen(theirs));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a real notice whole: Vietnamese subject, names, both parts, thread and da06 headers', async () => {
    const parsed = await simpleParser(composeMessage({ ...base, taskCodes: ['HG-1', 'HG-2'] }));
    expect(parsed.subject).toBe(rendered.subject);
    expect(parsed.from?.value).toEqual([{ name: 'Đề án 06', address: 'no-reply@hagiang.gov.vn' }]);
    expect(parsed.to).toMatchObject({ value: [{ name: 'Nguyễn Văn An', address: 'gd.syt@example.gov.vn' }] });
    expect(parsed.text?.trim()).toBe(rendered.text.trim());
    expect(parsed.html).toBe(rendered.html);
    expect(parsed.inReplyTo).toBe('<HG-2024-05.reminder.1@da06>');
    expect(headerValues(parsed, 'X-DA06-Task')).toEqual(['HG-1', 'HG-2']);
  });

  it('writes header lines of at most 78 characters with CRLF line ends', () => {
    const raw = composeMessage({ ...base, to: Array.from({ length: 6 }, (_, i) => ({ name: `Trưởng phòng số ${i} Sở Nông nghiệp và Phát triển nông thôn`, address: `tp${i}@example.gov.vn` })) }).toString();
    const lines = raw.split('\r\n');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines.every((l) => l.length <= 78)).toBe(true);
  });

  it('cannot be made to carry a header of a name or subject (a line break stays inside an encoded word)', async () => {
    const parsed = await simpleParser(
      composeMessage({ ...base, subject: 'Báo cáo\r\nBcc: spy@evil.example', to: [{ name: 'An\r\nBcc: spy@evil.example', address: 'gd.syt@example.gov.vn' }] }),
    );
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headerLines.map((l) => l.key)).not.toContain('bcc');
    expect(addressesOf(parsed.to)).toEqual(['gd.syt@example.gov.vn']);
  });

  it('refuses an address that is not a plain mailbox, naming it', () => {
    expect(() => composeMessage({ ...base, to: [{ name: 'X', address: 'a@x.vn>\r\nBcc: spy@evil.example' }] })).toThrow(/Cannot send to the address "a@x\.vn>/);
  });

  it('gives the SMTP envelope each To and Cc address once, from the address of MAIL_FROM', () => {
    expect(envelopeOf({ ...base, cc: [...base.cc, { name: 'again', address: 'gd.syt@example.gov.vn' }] })).toEqual({
      from: 'no-reply@hagiang.gov.vn',
      to: ['gd.syt@example.gov.vn', 'ca@example.gov.vn'],
    });
  });

  it('delivers a personal copy to its own recipients only, its headers still naming everyone', async () => {
    const copy = { ...base, envelopeTo: ['ca@example.gov.vn'] };
    expect(envelopeOf(copy)).toEqual({ from: 'no-reply@hagiang.gov.vn', to: ['ca@example.gov.vn'] });
    const parsed = await simpleParser(composeMessage(copy));
    expect(addressesOf(parsed.to)).toEqual(['gd.syt@example.gov.vn']);
    expect(addressesOf(parsed.cc)).toEqual(['ca@example.gov.vn']);
    expect(() => envelopeOf({ ...base, envelopeTo: ['x@y>\r\nBcc: spy@evil.example'] })).toThrow(/Cannot send to the address/);
  });
});
