// `npx tsx scripts/demo-mail-note.ts [--wait SECONDS]`: run by the demo once the worker has started. It waits until
// the worker has sent everything that may leave now (or SECONDS pass), then says where the emails went and, when a
// policy's send window holds some of them (office hours on working days), when the first will leave and how to see
// them at once. Without it a newcomer on a Sunday evening saw an empty outbox and no reason why.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../src/config.js';

const run = promisify(execFile);

/** What `da06 status --json` says of the outbox (INTERFACES.md; `heldForSendWindow` where this build has it). */
export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
  heldForSendWindow?: number;
}

/** One email of `da06 preview --json`. */
export interface PreviewEmail {
  at: string;
  task: string;
  kind: string;
  source?: string;
}

/**
 * The instant the first held email leaves: the earliest email `preview` expects from the outbox (already decided)
 * later than `now` (null when none is held).
 */
export function firstHeldLeaves(emails: readonly PreviewEmail[], now: number): number | null {
  const later = emails
    .filter((e) => e.source === undefined || e.source === 'outbox')
    .map((e) => Date.parse(e.at))
    .filter((at) => Number.isFinite(at) && at > now + 1000);
  return later.length === 0 ? null : Math.min(...later);
}

/** The lines the demo prints about its mail. */
export function mailNote(input: {
  counts: OutboxCounts;
  files: number | null;
  outboxDir: string;
  smtp: boolean;
  firstHeldAt: number | null;
  timeZone: string;
}): string[] {
  const { counts } = input;
  const held = counts.heldForSendWindow ?? 0;
  const lines = input.smtp
    ? [`da06 demo: ${counts.sent} email(s) sent through SMTP_URL so far.`]
    : [`da06 demo: ${input.files ?? 0} email(s) written to ${input.outboxDir} as .eml files (open one in a mail reader, or read it as text).`];
  if (held > 0) {
    const when = input.firstHeldAt === null ? 'when its window opens' : `at ${formatLocal(input.firstHeldAt, input.timeZone)} (${input.timeZone})`;
    lines.push(
      `da06 demo: ${held} more email(s) are held by a policy's send window (office hours on working days); the first leaves ${when}.`,
      '           To see them now: `npx da06 preview` (who, when and why, nothing sent) or `npx da06 status` (counts).',
    );
  } else if (counts.pending > 0) {
    lines.push(`da06 demo: ${counts.pending} email(s) still being sent; \`npx da06 status\` shows the outbox.`);
  }
  if (counts.failed > 0) lines.push(`da06 demo: ${counts.failed} email(s) failed; \`npx da06 status\` lists them with the error.`);
  return lines;
}

function formatLocal(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', weekday: 'long' }).format(at);
}

function countEml(dir: string): number | null {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml')).length;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { wait: { type: 'string', default: '20' }, 'time-zone': { type: 'string', default: 'Asia/Ho_Chi_Minh' } } });
  const config = loadConfig();
  const da06 = async (args: string[]) => JSON.parse((await run(process.execPath, ['bin/da06.js', ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout) as unknown;
  const readCounts = async () => ((await da06(['status', '--json'])) as { notifications: OutboxCounts }).notifications;
  const until = Date.now() + Number(values.wait) * 1000;
  // The worker first fires the wake-ups that are due, then sends: wait until all that may leave now has left, and
  // at least a few seconds, so the first decisions have been made.
  const settledAfter = Date.now() + 4000;
  let counts = await readCounts();
  while (Date.now() < until && (Date.now() < settledAfter || counts.pending > (counts.heldForSendWindow ?? 0))) {
    await new Promise((r) => setTimeout(r, 1000));
    counts = await readCounts();
  }
  let firstHeldAt: number | null = null;
  if ((counts.heldForSendWindow ?? 0) > 0) {
    const preview = (await da06(['preview', '--days', '14', '--json'])) as { emails: PreviewEmail[] };
    firstHeldAt = firstHeldLeaves(preview.emails, Date.now());
  }
  const outboxDir = resolve(config.MAIL_OUTBOX_DIR);
  const lines = mailNote({ counts, files: countEml(outboxDir), outboxDir, smtp: config.SMTP_URL !== undefined, firstHeldAt, timeZone: values['time-zone'] });
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    // A note that cannot be printed must not stop the demo.
    process.stderr.write(`demo-mail-note: could not read the outbox (${(error as Error).message.split('\n')[0]}); \`npx da06 status\` shows it.\n`);
  });
}
