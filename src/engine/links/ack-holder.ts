import type { PrismaClient } from '../../db/prisma.js';
import { holdingPostAt } from '../province/official-terms.js';

/**
 * True when the person an acknowledgement link names (`by`) still answers for the task at `at`: they hold the head's
 * or a contact's post in the unit that holds the task now, or they are the chairman. The link of a head whose term
 * has ended, or of the unit a task has passed from, is refused.
 */
export async function holdsAckPost(prisma: PrismaClient, claims: { task: string; by: string }, at: number): Promise<boolean> {
  const task = await prisma.task.findUnique({ where: { code: claims.task }, select: { unitId: true } });
  // A task that is gone is answered "not found" by the route, not refused here.
  if (!task) return true;
  const holder = await prisma.official.findFirst({
    where: {
      email: { equals: claims.by.trim(), mode: 'insensitive' },
      OR: [{ role: 'chairman' }, { role: { in: ['head', 'contact'] }, unitId: task.unitId }],
      ...holdingPostAt(at),
    },
    select: { id: true },
  });
  return holder !== null;
}
