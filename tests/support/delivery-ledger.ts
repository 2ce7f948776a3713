import type { ParsedMail } from 'mailparser';
import type { PrismaClient } from '../../src/db/prisma.js';

/** The da06 headers of one received message. */
export function tagOf(m: ParsedMail): { task: string; kind: string } {
  const task = m.headers.get('x-da06-task');
  const kind = m.headers.get('x-da06-kind');
  return { task: Array.isArray(task) ? task.join(',') : String(task ?? ''), kind: String(kind ?? '') };
}

/** What arrived at the SMTP sink, per task and kind: the tests' picture of what a recipient saw. */
export interface DeliveryLedger {
  /** Distinct tasks that received `kind` at least once. */
  tasksWith(kind: string): number;
  /** Deliveries of `kind` for `task` (1 when all went well). */
  deliveriesOf(task: string, kind: string): number;
  /** (task, kind) pairs delivered more than once, with the Message-IDs of each delivery. */
  duplicates: { key: string; messageIds: string[] }[];
  /** Duplicates that carried a different Message-ID: two decisions, never acceptable. */
  conflicting: { key: string; messageIds: string[] }[];
  /** Extra deliveries that repeated a Message-ID already received (the documented crash window). */
  sameIdRedeliveries: number;
}

/** Counts the received messages by their X-DA06-Task / X-DA06-Kind headers and Message-IDs. */
export function deliveryLedger(messages: readonly ParsedMail[]): DeliveryLedger {
  const byKey = new Map<string, string[]>();
  for (const m of messages) {
    const { task, kind } = tagOf(m);
    const key = `${task}|${kind}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m.messageId ?? '(none)']);
  }
  const duplicates = [...byKey].filter(([, ids]) => ids.length > 1).map(([key, messageIds]) => ({ key, messageIds }));
  return {
    tasksWith: (kind) => [...byKey.keys()].filter((k) => k.endsWith(`|${kind}`)).length,
    deliveriesOf: (task, kind) => byKey.get(`${task}|${kind}`)?.length ?? 0,
    duplicates,
    conflicting: duplicates.filter((d) => new Set(d.messageIds).size > 1),
    sameIdRedeliveries: duplicates.reduce((n, d) => n + d.messageIds.length - new Set(d.messageIds).size, 0),
  };
}

/** True once `kind` has reached every one of `codes` at the sink. */
export function allReceived(messages: readonly ParsedMail[], codes: readonly string[], kind: string): boolean {
  const got = new Set(messages.filter((m) => tagOf(m).kind === kind).map((m) => tagOf(m).task));
  return codes.every((c) => got.has(c));
}

/** The outbox as decided in PostgreSQL: rows per task code and kind, and rows per status. */
export async function outboxRows(prisma: PrismaClient): Promise<{ perTaskKind: Map<string, number>; byStatus: Record<string, number> }> {
  const rows = await prisma.notification.findMany({ select: { kind: true, status: true, task: { select: { code: true } } } });
  const perTaskKind = new Map<string, number>();
  const byStatus: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.task?.code ?? 'digest'}|${r.kind}`;
    perTaskKind.set(key, (perTaskKind.get(key) ?? 0) + 1);
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  }
  return { perTaskKind, byStatus };
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws, naming `what`). */
export async function waitUntil<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000, everyMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Task codes `PREFIX-001` … for a storm of `n` tasks. */
export function stormCodes(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
}

/** Resolves once every kind in `kinds` has reached every task in `codes`; on timeout, names what is missing (not 600 subjects). */
export async function waitForDeliveries(
  sink: { messages: ParsedMail[]; waitFor(p: (m: ParsedMail[]) => boolean, t?: number): Promise<ParsedMail[]> },
  codes: readonly string[],
  kinds: readonly string[],
  timeoutMs: number,
): Promise<void> {
  try {
    await sink.waitFor((m) => kinds.every((k) => allReceived(m, codes, k)), timeoutMs);
  } catch {
    const missing = kinds.flatMap((k) => {
      const got = new Set(sink.messages.filter((m) => tagOf(m).kind === k).map((m) => tagOf(m).task));
      return codes.filter((c) => !got.has(c)).map((c) => `${c}|${k}`);
    });
    throw new Error(`after ${timeoutMs} ms, ${missing.length} email(s) never arrived: ${missing.slice(0, 20).join(', ')}`);
  }
}
