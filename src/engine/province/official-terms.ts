import type { db } from '../../db/prisma.js';

/** The term columns of an Official row. */
export interface Term {
  termStart: Date | null;
  termEnd: Date | null;
}

/** True when the official holds the post at `at`: the term has begun (or began before da06 knew) and not ended. */
export function holdsPostAt(term: Term, at: number): boolean {
  return (term.termStart === null || term.termStart.getTime() <= at) && (term.termEnd === null || term.termEnd.getTime() > at);
}

/** The Prisma filter of `holdsPostAt`: officials holding their post at `at`. */
export function holdingPostAt(at: number): db.Prisma.OfficialWhereInput {
  const instant = new Date(at);
  return {
    AND: [
      { OR: [{ termStart: null }, { termStart: { lte: instant } }] },
      { OR: [{ termEnd: null }, { termEnd: { gt: instant } }] },
    ],
  };
}
