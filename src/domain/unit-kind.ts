/**
 * The kinds of unit a task can belong to, fitted to the two-level local government (since 01/07/2025: province →
 * commune, ward or special zone); `district` is kept for history. An `external` unit is a vertical agency (ngành
 * dọc: BHXH, NHCSXH…) the province can only ask, not direct: it is escalated to its own head with the chairman in
 * copy, never above it.
 */
export const UNIT_KINDS = ['agency', 'department', 'commune', 'ward', 'special-zone', 'district', 'external'] as const;

/** One of the unit kinds a seed file may name. */
export type UnitKind = (typeof UNIT_KINDS)[number];

/** True when `value` is a known unit kind. */
export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value);
}
