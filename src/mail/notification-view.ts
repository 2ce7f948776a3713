/**
 * What an email says, as plain JSON: the engine builds it when it decides to notify and stores it in the
 * outbox row, and the renderer turns it into Vietnamese text and HTML. Instants are epoch milliseconds.
 */

export type { NotificationKind } from '../../workflows/task-types.js';
import type { NotificationKind, RecipientRole } from '../../workflows/task-types.js';

export type NotificationLevel = 'unit' | 'head' | 'chairman';

export interface Person {
  name: string;
  /** The office held, as it is addressed: `Giám đốc`, `Chủ tịch`. */
  title?: string;
  email: string;
  unitName?: string;
  /** The post behind the address, for the official's workspace link (absent for the chairman and policy copies). */
  post?: { official: number; unit: string; role: 'head' | 'contact' };
}

/** A personal link to an official's workspace, one per official addressed who holds a post in a unit. */
export interface WorkspaceLink {
  name: string;
  email: string;
  url: string;
}

/** The unit's explanation (giải trình), quoted as it was typed. */
export interface ExplanationView {
  at: number;
  by: string;
  cause: string;
  remedy: string;
  /** `YYYY-MM-DD`. */
  commitDate: string;
}

/** What the unit answered, for the notices about its answers. */
export interface AnswerView {
  obstacle?: {
    id: string;
    raisedAt: number;
    by: string;
    description: string;
    needs: string | null;
    escalated: boolean;
    response: string | null;
    resolvedAt: number | null;
    resolvedBy: string | null;
  };
  submission?: { at: number; by: string; document: string | null; note: string | null };
  /** For `returned`: why the province sent the completion back. */
  returnedReason?: string;
  /** For a confirmation reminder: it has already been asked. */
  reminder?: boolean;
}

export interface Province {
  name: string;
  timeZone: string;
}

export interface TaskView {
  code: string;
  title: string;
  unitCode: string;
  unitName: string;
  /** `external` units (e.g. BHXH tỉnh) are asked ("đề nghị"), not directed. */
  unitKind: string;
  /** The document that assigned the task, e.g. `Kế hoạch số 12/KH-UBND ngày 15/01/2024`. */
  document?: string | null;
  /** Null for a standing task (Thường xuyên). */
  deadline: number | null;
  /** The deadline as the assigning document words it (`Quý II/2024`), shown next to the date. */
  deadlineText?: string | null;
  product?: string | null;
}

export interface IndicatorView {
  name: string;
  /** `%` or a counting noun (`hồ sơ`, `tài khoản`). */
  unit: string;
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
  latest: number | null;
  latestAt: number | null;
  /** The planned value at `decidedAt`. */
  planned: number | null;
  /** The value expected at the deadline at the current pace. */
  forecast: number | null;
  /** No progress report for longer than the policy allows. */
  stale: boolean;
}

export interface PreviousNotice {
  kind: NotificationKind;
  at: number;
  to: string[];
}

export interface NotificationAction {
  /** A signed acknowledgement link, present when ACK_SECRET is set. */
  ackUrl?: string | null;
  /** The CLI command that records the acknowledgement, e.g. `npx da06 ack HG-2024-05 --by a@b.vn`. */
  ackCommand: string;
}

/** How a task recovered, for a `resolved` notice. */
export interface Resolution {
  kind: 'completed' | 'backOnTrack' | 'deadlineExtended' | 'suspended' | 'cancelled';
  at: number;
  /** e.g. the new deadline's document, or the suspension reason. */
  note?: string | null;
}

export interface NotificationView {
  kind: NotificationKind;
  level: NotificationLevel;
  /** For kind `repeat`: which notice is being repeated. */
  repeatOf?: 'overdue' | 'underperforming' | 'escalation';
  /** For kind `repeat`: 1 for the first repeat. Defaults to the number of earlier repeats plus one. */
  repeatNumber?: number;
  province: Province;
  task: TaskView;
  to: Person[];
  cc: Person[];
  /** The head of the unit, who answers for the task. Defaults to the first `to` at level `head`. */
  head?: Person | null;
  /** When the engine decided; the email may leave later, so figures are stated "as of" this instant. */
  decidedAt: number;
  /** > 0 when overdue. */
  overdueWorkingDays?: number;
  /** Working days left, for reminders. */
  daysLeft?: number;
  indicator?: IndicatorView | null;
  /** Notices already sent about this task, oldest first. */
  previousNotices: PreviousNotice[];
  acknowledgedBy?: string | null;
  acknowledgedAt?: number | null;
  resolution?: Resolution | null;
  action: NotificationAction;
  /** Head notices: the explanation is asked for by then. */
  explanationDueAt?: number | null;
  /** Escalations: the unit's latest explanation of this lag, or null when it gave none. */
  explanation?: ExplanationView | null;
  /** For `obstacle`, `obstacle-resolved`, `confirmation`, `returned`: what the unit answered. */
  answer?: AnswerView | null;
  /** Workspace links of the officials addressed (present when ACK_SECRET is set). */
  workspaceLinks?: WorkspaceLink[];
  /**
   * The roles the notice was addressed to (absent in notices decided before roles were kept): an unsent notice is
   * addressed again to whoever holds them when its unit changes hands or gets a new head.
   */
  addressedAs?: { to: RecipientRole[]; cc: RecipientRole[] };
}

export interface DigestTask {
  code: string;
  title: string;
  deadline: number | null;
  overdueWorkingDays: number;
  /** The machine state (`overdue`, `underperforming`…); shown in Vietnamese. */
  state: string;
  /** Vietnamese label for `state`, when the engine has a better one. */
  stateLabel?: string | null;
  /** Since when the task has waited for the chairman. */
  since: number;
  acknowledgedBy?: string | null;
}

/** One line of the digest's follow-up lists: a task (or an obstacle) and the date that matters for it. */
export interface DigestFollowUp {
  code: string;
  title: string;
  unitName: string;
  /** Due soon: the deadline; explanation missing: when it was due; an obstacle: when raised; a completion: when submitted. */
  at: number | null;
  /** An obstacle's id and description. */
  obstacle?: { id: string; description: string; ageWorkingDays: number };
}

export interface DigestView {
  province: Province;
  chairman: Person;
  date: number;
  items: { unitName: string; tasks: DigestTask[] }[];
  /** What the overview shows beside the escalations (absent in digests written before it existed). */
  followUp?: {
    dueSoon: DigestFollowUp[];
    explanationsMissing: DigestFollowUp[];
    openObstacles: DigestFollowUp[];
    awaitingConfirmation: DigestFollowUp[];
  };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
