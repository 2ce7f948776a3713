import type { Config } from '../../config.js';
import type { NotificationAction, Person, WorkspaceLink } from '../../mail/notification-view.js';
import type { NotifyParams, RecipientRole } from '../../../workflows/task-types.js';
import { signAckToken } from '../links/ack-token.js';
import { recipientsFor, type RolePeople } from './recipients.js';
import { workspaceLink } from '../links/workspace-token.js';

const ACK_LINK_VALIDITY_MS = 30 * 86_400_000;

/** Who a notice is addressed to, and the personal links that go with those people. */
export interface NoticeAddress {
  to: Person[];
  cc: Person[];
  head: Person | null;
  action: NotificationAction;
  workspaceLinks: WorkspaceLink[];
  /** The roles the machine named, kept so an unsent notice can be addressed again to whoever holds them later. */
  addressedAs: { to: RecipientRole[]; cc: RecipientRole[] };
}

/** The workspace link of every official addressed who holds a post in a unit (none without ACK_SECRET). */
function workspaceLinksOf(config: Config, people: readonly Person[], at: number): WorkspaceLink[] {
  if (!config.ACK_SECRET) return [];
  return people.flatMap((p) => {
    const url = p.post ? workspaceLink(config, { ...p.post, email: p.email }, at) : null;
    return url ? [{ name: p.name, email: p.email, url }] : [];
  });
}

/**
 * Addresses one notice of a task to the people who hold its roles (`people`), with the acknowledgement link (above
 * unit level) and the workspace links signed at `at`: the same whether the notice is being decided or, still
 * unsent, addressed again after a reassignment or a change of head.
 */
export function addressNotice(
  config: Config,
  people: RolePeople,
  params: Pick<NotifyParams, 'to' | 'cc' | 'level'>,
  notice: { taskCode: string; uniqueKey: string; at: number },
): NoticeAddress {
  const { to, cc } = recipientsFor(people, params);
  const head = people.head[0] ?? null;
  const ackBy = head?.email ?? to[0]?.email ?? '';
  const ackUrl =
    config.ACK_SECRET && params.level !== 'unit'
      ? `${config.PUBLIC_URL.replace(/\/$/, '')}/ack/${signAckToken(
          { task: notice.taskCode, notice: notice.uniqueKey, by: ackBy, exp: notice.at + ACK_LINK_VALIDITY_MS },
          config.ACK_SECRET,
        )}`
      : null;
  return {
    to,
    cc,
    head,
    action: { ackUrl, ackCommand: `npx da06 ack ${notice.taskCode} --by ${ackBy}` },
    workspaceLinks: workspaceLinksOf(config, [...to, ...cc], notice.at),
    addressedAs: { to: [...params.to], cc: [...params.cc] },
  };
}
