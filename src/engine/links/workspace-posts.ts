import type { PrismaClient } from '../../db/prisma.js';
import { holdingPostAt, holdsPostAt } from '../province/official-terms.js';
import type { WorkspaceClaims, WorkspacePost } from './workspace-token.js';
import { PROVINCE_ROW } from '../../db/province-row.js';

/** The official a verified workspace link acts for, as the database knows them today. */
export interface WorkspaceHolder {
  id: number;
  name: string;
  title: string | null;
  email: string;
  role: 'head' | 'contact';
  unit: { id: number; code: string; name: string };
  /** The unit is the province's standing agency (Province.standingAgencyCode): it confirms completions and answers obstacles. */
  standingAgency: boolean;
}

const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The holder of the post a link names at `at`, or null when the link is stale: the Official row is gone, or a seed
 * gave the post to someone else (another e-mail, a new head: the old term has ended), or the row no longer has that
 * role in that unit.
 */
export async function currentHolder(prisma: PrismaClient, claims: WorkspaceClaims, at: number): Promise<WorkspaceHolder | null> {
  const [row, province] = await Promise.all([
    prisma.official.findUnique({ where: { id: claims.official }, include: { unit: { select: { id: true, code: true, name: true } } } }),
    prisma.province.findUnique({ where: PROVINCE_ROW, select: { standingAgencyCode: true } }),
  ]);
  if (!row?.unit || row.role !== claims.role || row.unit.code !== claims.unit || !sameEmail(row.email, claims.email) || !holdsPostAt(row, at)) return null;
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    email: row.email,
    role: row.role,
    unit: row.unit,
    standingAgency: province?.standingAgencyCode === row.unit.code,
  };
}

/** Every post (head or contact of a unit) held under this e-mail address at `at`, heads first, then by unit code. */
export async function postsHeldBy(prisma: PrismaClient, email: string, at: number): Promise<(WorkspacePost & { unitName: string; name: string })[]> {
  const rows = await prisma.official.findMany({
    where: { email: { equals: email.trim(), mode: 'insensitive' }, role: { in: ['head', 'contact'] }, unitId: { not: null }, ...holdingPostAt(at) },
    include: { unit: { select: { code: true, name: true } } },
  });
  return rows
    .flatMap((r) => (r.unit && r.role !== 'chairman' ? [{ official: r.id, email: r.email, unit: r.unit.code, role: r.role, unitName: r.unit.name, name: r.name }] : []))
    .sort((a, b) => (a.role === b.role ? a.unit.localeCompare(b.unit) : a.role === 'head' ? -1 : 1));
}
