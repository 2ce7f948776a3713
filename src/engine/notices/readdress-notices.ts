import type { db } from '../../db/prisma.js';
import type { NotificationView, Person } from '../../mail/notification-view.js';
import type { RecipientRole } from '../../../workflows/task-types.js';
import type { EngineDeps } from '../engine-deps.js';
import { addressNotice } from './notice-address.js';
import { loadRolePeople, type RolePeople } from './recipients.js';
import { PROVINCE_ROW } from '../../db/province-row.js';

type Tx = db.Prisma.TransactionClient;

/** Why a notice re-addressed to nobody is not sent (it shows as failed in `status` and `task show`). */
export const NOBODY_HOLDS_THE_POST = 'not sent: nobody holds the post it was addressed to any more (re-addressed after a reorganisation)';

/**
 * Addresses every unsent notice (pending, held for a send window or waiting for a retry) of these tasks again, to
 * whoever holds its roles at `at` in the unit that holds the task now: a reassignment or a new head moves the
 * notices already decided, so nothing leaves for someone who left. A notice whose roles now resolve to nobody is
 * marked failed with `NOBODY_HOLDS_THE_POST`. Runs in the caller's transaction; returns how many rows changed.
 */
export async function readdressPendingNotices(tx: Tx, deps: EngineDeps, taskIds: readonly number[], at: number): Promise<number> {
  if (taskIds.length === 0) return 0;
  const rows = await tx.notification.findMany({ where: { taskId: { in: [...taskIds] }, status: 'pending' }, orderBy: { id: 'asc' } });
  if (rows.length === 0) return 0;
  const [tasks, province, chairmen] = await Promise.all([
    tx.task.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.taskId as number))] } }, include: { unit: true } }),
    tx.province.findUnique({ where: PROVINCE_ROW, select: { standingAgencyCode: true } }),
    tx.official.findMany({ where: { role: 'chairman' }, select: { email: true } }),
  ]);
  const standing = province?.standingAgencyCode ?? null;
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const peopleByTask = new Map<number, RolePeople>();
  const chairmanEmails = new Set(chairmen.map((c) => c.email.toLowerCase()));
  let changed = 0;
  for (const row of rows) {
    const task = taskById.get(row.taskId as number);
    if (!task) continue;
    let people = peopleByTask.get(task.id);
    if (!people) peopleByTask.set(task.id, (people = await loadRolePeople(tx, task, standing, at)));
    const view = row.view as unknown as NotificationView;
    const roles = view.addressedAs ?? rolesOf(view, chairmanEmails, people.policyCc);
    const address = addressNotice(deps.config, people, { ...roles, level: view.level }, { taskCode: task.code, uniqueKey: row.uniqueKey, at });
    const emails = (list: readonly Person[]) => list.map((p) => p.email);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (view.task.unitCode === task.unit.code && same(row.recipients, emails(address.to)) && same(row.cc, emails(address.cc))) continue;
    const readdressed: NotificationView = {
      ...view,
      task: { ...view.task, unitCode: task.unit.code, unitName: task.unit.name, unitKind: task.unit.kind },
      to: address.to,
      cc: address.cc,
      head: address.head,
      action: address.action,
      workspaceLinks: address.workspaceLinks,
      addressedAs: address.addressedAs,
    };
    await tx.notification.update({
      where: { id: row.id },
      data: {
        recipients: emails(address.to),
        cc: emails(address.cc),
        view: readdressed as unknown as db.Prisma.InputJsonValue,
        ...(address.to.length === 0 ? { status: 'failed' as const, lastError: NOBODY_HOLDS_THE_POST } : {}),
      },
    });
    changed += 1;
  }
  if (changed > 0) deps.logger.info({ notices: changed, tasks: taskIds.length }, 'unsent notices re-addressed');
  return changed;
}

/**
 * The roles of a notice decided before views kept them, read back from the people it names: a post in the task's
 * unit is its head or its contacts, a post elsewhere the standing agency's, the chairman and the policy's copies
 * by address, anyone else a coordinating unit's head.
 */
function rolesOf(view: NotificationView, chairmanEmails: ReadonlySet<string>, policyCc: readonly Person[]): { to: RecipientRole[]; cc: RecipientRole[] } {
  const copies = new Set(policyCc.map((p) => p.email.toLowerCase()));
  const roleOf = (p: Person): RecipientRole => {
    if (p.post) return p.post.unit !== view.task.unitCode ? 'standingAgency' : p.post.role === 'head' ? 'head' : 'contacts';
    const email = p.email.toLowerCase();
    return chairmanEmails.has(email) ? 'chairman' : copies.has(email) ? 'policyCc' : 'coordinatingUnits';
  };
  const roles = (people: readonly Person[]) => [...new Set(people.map(roleOf))];
  return { to: roles(view.to), cc: roles(view.cc) };
}

/**
 * The tasks with unsent notices that reach a post of these units: their own tasks, the tasks they help with
 * (coordinating units are copied), and every task when one of them is the standing agency (copied on escalations).
 */
export async function tasksWithUnsentNoticesFor(tx: Tx, unitCodes: readonly string[]): Promise<number[]> {
  if (unitCodes.length === 0) return [];
  const rows = await tx.$queryRaw<{ taskId: number }[]>`
    SELECT DISTINCT n."taskId" FROM "Notification" n JOIN "Task" t ON t.id = n."taskId" JOIN "Unit" u ON u.id = t."unitId"
    WHERE n.status = 'pending' AND (
      u.code = ANY(${[...unitCodes]}::text[]) OR t."coordinatingUnitCodes" && ${[...unitCodes]}::text[]
      OR EXISTS (SELECT 1 FROM "Province" p WHERE p.id = ${PROVINCE_ROW.id} AND p."standingAgencyCode" = ANY(${[...unitCodes]}::text[])))
    ORDER BY n."taskId"`;
  return rows.map((r) => r.taskId);
}
