/**
 * Builds the bytes of one da06 email: multipart/alternative, a plain-text and an HTML part, both UTF-8 in base64.
 * nodemailer's MailComposer assembles a message through a chain of streams at ≈ 0.6 ms a message, more than the
 * rest of an escalation; da06 sends one shape of message only, so it assembles that shape in one pass with
 * nodemailer's own header encoders and hands the bytes to nodemailer's transports (`raw`).
 * tests/unit/mail/compose-message.test.ts checks it against MailComposer, message by message.
 */
import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import * as mimeFuncsModule from 'nodemailer/lib/mime-funcs';

// The encoders as nodemailer's ESM build exports them (@types/nodemailer omits quoteString and encodeAll).
const mimeFuncs = mimeFuncsModule as unknown as {
  encodeWord(value: string, encoding: 'Q' | 'B', maxLength: number): string;
  encodeWords(value: string, encoding: 'Q' | 'B', maxLength: number, encodeAll: boolean): string;
  quoteString(value: string): string;
  foldLines(value: string, lineLength: number): string;
};

export interface MailAddress {
  name: string;
  address: string;
}

/** What da06 sends: the notice's parties, subject, the two renderings and its place in the task's thread. */
export interface OutgoingMail {
  /** `MAIL_FROM`, e.g. `"Đề án 06" <no-reply@example.gov.vn>`. */
  from: string;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: readonly string[] | undefined;
  /** `X-DA06-Kind` and one `X-DA06-Task` line per task code (INTERFACES.md, "Email headers"). */
  kind: string;
  taskCodes: readonly string[];
  date: Date;
  /**
   * Who this copy is delivered to, when not everyone in To and Cc: a message carrying one official's personal
   * workspace link goes to that official alone, its headers still naming everyone the notice reached.
   */
  envelopeTo?: readonly string[];
}

const EOL = '\r\n';
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a header
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** An unstructured header value: encoded words where it is not plain ASCII (as MailComposer encodes it). */
function headerText(value: string): string {
  return CONTROL.test(value) ? mimeFuncs.encodeWord(value, 'Q', 52) : mimeFuncs.encodeWords(value, 'Q', 52, true);
}

/** A display name as a phrase: bare, quoted, or encoded when it is not printable ASCII. */
function phrase(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return mimeFuncs.quoteString(name);
  return mimeFuncs.encodeWord(name, 'Q', 52);
}

/** An address a header or envelope can carry, or an error naming it (a seed validates them; this is the last wall). */
function checkedAddress(address: string): string {
  if (!/^[^\s<>@",;:\\]+@[^\s<>@",;:\\]+$/.test(address)) throw new Error(`Cannot send to the address ${JSON.stringify(address)}: it is not a plain mailbox.`);
  return address;
}

function mailbox(a: MailAddress): string {
  const address = checkedAddress(a.address);
  return a.name ? `${phrase(a.name)} <${address}>` : address;
}

/** The sender of `MAIL_FROM` as name and address (parsed once per distinct value). */
const senders = new Map<string, MailAddress>();
function senderOf(from: string): MailAddress {
  let sender = senders.get(from);
  if (sender === undefined) {
    const [first] = addressparser(from, { flatten: true });
    if (!first?.address) throw new Error(`MAIL_FROM ${JSON.stringify(from)} has no address.`);
    senders.set(from, (sender = { name: first.name, address: checkedAddress(first.address) }));
  }
  return sender;
}

/** The SMTP envelope of a message: its sender and every To and Cc address once (or the copy's own recipients). */
export function envelopeOf(mail: OutgoingMail): { from: string; to: string[] } {
  const to = mail.envelopeTo ?? [...mail.to, ...mail.cc].map((a) => a.address);
  return { from: senderOf(mail.from).address, to: [...new Set(to.map(checkedAddress))] };
}

/** A header line, folded at 76 columns as RFC 5322 asks. */
function header(name: string, value: string): string {
  return mimeFuncs.foldLines(`${name}: ${value}`, 76).replace(/\r?\n/g, EOL);
}

/** base64 in lines of 76 characters. */
function base64Lines(content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(EOL);
}

function part(type: string, content: string): string {
  return `Content-Type: ${type}; charset=utf-8${EOL}Content-Transfer-Encoding: base64${EOL}${EOL}${base64Lines(content)}`;
}

/** The message as it goes on the wire (CRLF line ends), ready for an SMTP DATA command or an `.eml` file. */
export function composeMessage(mail: OutgoingMail): Buffer {
  // A base64 line never starts with "-" nor holds "_", so the boundary cannot occur in a part.
  const boundary = `--_da06_${randomUUID()}`;
  const lines = [
    header('X-DA06-Kind', headerText(mail.kind)),
    ...mail.taskCodes.map((code) => header('X-DA06-Task', headerText(code))),
    header('From', mailbox(senderOf(mail.from))),
    ...(mail.to.length ? [header('To', mail.to.map(mailbox).join(', '))] : []),
    ...(mail.cc.length ? [header('Cc', mail.cc.map(mailbox).join(', '))] : []),
    ...(mail.inReplyTo ? [header('In-Reply-To', mail.inReplyTo)] : []),
    ...(mail.references?.length ? [header('References', mail.references.join(' '))] : []),
    header('Subject', headerText(mail.subject)),
    header('Message-ID', mail.messageId),
    header('Date', mail.date.toUTCString().replace(/GMT/, '+0000')),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;${EOL} boundary="${boundary}"`,
    '',
    `--${boundary}`,
    part('text/plain', mail.text),
    `--${boundary}`,
    part('text/html', mail.html),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join(EOL), 'utf8');
}
