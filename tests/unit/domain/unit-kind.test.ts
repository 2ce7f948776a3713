import { describe, expect, it } from 'vitest';
import { isUnitKind, UNIT_KINDS } from '../../../src/domain/unit-kind.js';

describe('unit kinds', () => {
  it('accepts the kinds of the two-level local government, district kept for history, external included', () => {
    expect(UNIT_KINDS).toEqual(['agency', 'department', 'commune', 'ward', 'special-zone', 'district', 'external']);
    for (const kind of UNIT_KINDS) expect(isUnitKind(kind)).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isUnitKind('province')).toBe(false);
    expect(isUnitKind('special_zone')).toBe(false);
    expect(isUnitKind(undefined)).toBe(false);
  });
});
