import type { db } from '../db/prisma.js';

/** What every page says about a task, whichever page it is: who, what, in which state, by when. */
export interface TaskFacts {
  code: string;
  title: string;
  unit: { code: string; name: string };
  document: string | null;
  state: string;
  statusClass: string;
  escalationLevel: string;
  underperforming: boolean;
  start: number;
  deadline: number | null;
  deadlineText: string | null;
}

/** The row columns the facts come from: a Task row with its unit's code and name. */
export type TaskFactsRow = Pick<db.Task, 'code' | 'title' | 'document' | 'state' | 'statusClass' | 'escalationLevel' | 'underperforming' | 'startAt' | 'deadline' | 'deadlineText'> & {
  unit: { code: string; name: string };
};

/** The facts of a Task row (with its unit's code and name), instants as epoch milliseconds. */
export function taskFactsOf(row: TaskFactsRow): TaskFacts {
  return {
    code: row.code,
    title: row.title,
    unit: { code: row.unit.code, name: row.unit.name },
    document: row.document,
    state: row.state,
    statusClass: row.statusClass,
    escalationLevel: row.escalationLevel,
    underperforming: row.underperforming,
    start: row.startAt.getTime(),
    deadline: row.deadline?.getTime() ?? null,
    deadlineText: row.deadlineText,
  };
}
