/**
 * The Vietnamese words the dashboard uses for states, escalation levels, audit events and emails;
 * an unknown value is shown as written rather than hidden.
 */

const STATES: Record<string, string> = {
  none: 'Mới giao',
  'active.onTrack': 'Đang thực hiện, đúng tiến độ',
  'active.atRisk': 'Đang thực hiện, chậm tiến độ',
  overdue: 'Quá hạn',
  awaitingConfirmation: 'Chờ xác nhận hoàn thành',
  suspended: 'Tạm dừng',
  completed: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

const LEVELS: Record<string, string> = {
  none: 'Chưa đôn đốc lên trên',
  head: 'Đã báo cáo Thủ trưởng đơn vị',
  chairman: 'Đã báo cáo Chủ tịch UBND tỉnh',
};

const EVENTS: Record<string, string> = {
  CREATED: 'Giao nhiệm vụ',
  PROGRESS_REPORTED: 'Báo cáo tiến độ',
  COMPLETED: 'Hoàn thành',
  ACKNOWLEDGED: 'Thủ trưởng tiếp nhận',
  EXPLANATION_GIVEN: 'Giải trình',
  OBSTACLE_RAISED: 'Báo cáo khó khăn, vướng mắc',
  OBSTACLE_RESOLVED: 'Trả lời vướng mắc',
  COMPLETION_SUBMITTED: 'Báo cáo hoàn thành',
  COMPLETION_CONFIRMED: 'Xác nhận hoàn thành',
  COMPLETION_RETURNED: 'Trả lại báo cáo hoàn thành',
  CALENDAR_CHANGED: 'Điều chỉnh lịch làm việc',
  DEADLINE_EXTENDED: 'Gia hạn',
  SUSPENDED: 'Tạm dừng',
  RESUMED: 'Tiếp tục',
  CANCELLED: 'Hủy nhiệm vụ',
  POLICY_CHANGED: 'Đổi quy tắc đôn đốc',
  TIMER_untilDeadline: 'Đến hạn',
  TIMER_untilNextReminder: 'Đến lúc nhắc việc',
  TIMER_untilHeadEscalation: 'Đến lúc báo cáo Thủ trưởng',
  TIMER_untilChairmanEscalation: 'Đến lúc báo cáo Chủ tịch',
  TIMER_untilAcknowledgementLapses: 'Hết thời hạn tiếp nhận',
  TIMER_untilRepeat: 'Đến lúc nhắc lại',
  TIMER_untilKpiCheck: 'Kiểm tra chỉ tiêu',
};

const KINDS: Record<string, string> = {
  reminder: 'Nhắc thực hiện',
  overdue: 'Thông báo quá hạn',
  underperforming: 'Thông báo chậm tiến độ',
  escalation: 'Báo cáo Chủ tịch UBND tỉnh',
  repeat: 'Nhắc lại',
  resolved: 'Thông báo đã khắc phục',
  digest: 'Bản tổng hợp',
  obstacle: 'Báo cáo vướng mắc',
  'obstacle-resolved': 'Trả lời vướng mắc',
  confirmation: 'Đề nghị xác nhận hoàn thành',
  returned: 'Trả lại báo cáo hoàn thành',
};

const DELIVERY: Record<string, string> = { pending: 'Chờ gửi', sent: 'Đã gửi', failed: 'Gửi lỗi' };

/** A task state (`active.onTrack`, `overdue`…) in Vietnamese. */
export function stateLabel(state: string): string {
  return STATES[state] ?? state;
}

/** An escalation level (`none`, `head`, `chairman`) in Vietnamese. */
export function levelLabel(level: string): string {
  return LEVELS[level] ?? level;
}

/** An audit event type (`ACKNOWLEDGED`, `TIMER_untilDeadline`…) in Vietnamese. */
export function eventLabel(type: string): string {
  return EVENTS[type] ?? type;
}

/** An email kind (`reminder`, `escalation`…) in Vietnamese. */
export function kindLabel(kind: string): string {
  return KINDS[kind] ?? kind;
}

/** An outbox status (`pending`, `sent`, `failed`) in Vietnamese. */
export function deliveryLabel(status: string): string {
  return DELIVERY[status] ?? status;
}
