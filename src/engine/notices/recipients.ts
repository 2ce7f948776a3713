import type { db } from '../../db/prisma.js';
import type { Person } from '../../mail/notification-view.js';
import type { NotifyParams, RecipientRole } from '../../../workflows/task-types.js';
import { holdingPostAt } from '../province/official-terms.js';
import { PROVINCE_ROW } from '../../db/province-row.js';

type Tx = db.Prisma.TransactionClient;

/** The people a task's notices can reach, by role, loaded once per transition that notifies. */
export type RolePeople = Record<RecipientRole, Person[]>;

interface TaskForRecipients {
  id: number;
  unitId: number;
  coordinatingUnitCodes: string[];
  policy: unknown;
}

type OfficialRow = { id: number; name: string; title: string | null; email: string; role: string };

function person(o: OfficialRow, unitName?: string): Person {
  return { name: o.name, email: o.email, ...(o.title ? { title: o.title } : {}), ...(unitName ? { unitName } : {}) };
}

/** A unit's head or contact, with the post their workspace link names. */
function officer(o: OfficialRow, unit: { code: string; name: string }): Person {
  const role = o.role === 'head' ? 'head' : 'contact';
  return { ...person(o, unit.name), post: { official: o.id, unit: unit.code, role } };
}

/**
 * Loads the people behind every recipient role of one task: whoever holds each post at `at` (a head whose term
 * has ended, or whose term has not begun yet, is nobody's recipient).
 */
export async function loadRolePeople(tx: Tx, task: TaskForRecipients, standingAgencyCode: string | null, at: number): Promise<RolePeople> {
  const unitCodes = [...task.coordinatingUnitCodes, ...(standingAgencyCode ? [standingAgencyCode] : [])];
  const holding = holdingPostAt(at);
  const [own, chairman, others] = await Promise.all([
    tx.unit.findUnique({ where: { id: task.unitId }, include: { officials: { where: holding, orderBy: [{ position: 'asc' }, { id: 'asc' }] } } }),
    tx.official.findMany({ where: { role: 'chairman', ...holding }, orderBy: { id: 'asc' }, take: 1 }),
    unitCodes.length
      ? tx.unit.findMany({ where: { code: { in: unitCodes } }, include: { officials: { where: { role: 'head', ...holding } } } })
      : Promise.resolve([]),
  ]);
  // Coordinating units' heads are copied as people; the standing agency's as officers, with their post's link.
  const headsOf = (code: string, as: (o: OfficialRow, u: { code: string; name: string }) => Person) =>
    others.filter((u) => u.code === code).flatMap((u) => u.officials.map((o) => as(o, u)));
  const policyCc = ((task.policy as { cc?: string[] } | null)?.cc ?? []).map((email) => ({ name: email, email }));
  const standing = standingAgencyCode && own?.code !== standingAgencyCode ? headsOf(standingAgencyCode, officer) : [];
  const ownOfficers = (role: string) => (own ? own.officials.filter((o) => o.role === role).map((o) => officer(o, own)) : []);
  return {
    head: ownOfficers('head'),
    contacts: ownOfficers('contact'),
    chairman: chairman.map((o) => person(o)),
    standingAgency: standing,
    coordinatingUnits: task.coordinatingUnitCodes.flatMap((code) => headsOf(code, (o, u) => person(o, u.name))),
    policyCc,
  };
}

/** The addresses of a notice: each role resolved, duplicates removed, nobody both in `to` and in `cc`. */
export function recipientsFor(people: RolePeople, params: Pick<NotifyParams, 'to' | 'cc'>): { to: Person[]; cc: Person[] } {
  const seen = new Set<string>();
  const pick = (roles: readonly RecipientRole[]) =>
    roles.flatMap((role) => people[role]).filter((p) => {
      const key = p.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // Without a standing agency (or its head), what is addressed to it goes to the chairman (a copy is just dropped).
  const addressed =
    people.standingAgency.length === 0 && params.to.includes('standingAgency') ? [...params.to, 'chairman' as const] : params.to;
  const to = pick(addressed);
  const cc = pick(params.cc);
  return { to, cc };
}

/** Resolves the recipients of a notice for one task, as the posts are held at `at` (used by `preview`). */
export async function resolveRecipients(
  tx: Tx,
  taskId: number,
  params: NotifyParams,
  at: number,
): Promise<{ to: Person[]; cc: Person[] }> {
  const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
  const province = await tx.province.findUnique({ where: PROVINCE_ROW });
  return recipientsFor(await loadRolePeople(tx, task, province?.standingAgencyCode ?? null, at), params);
}
