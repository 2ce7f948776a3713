import { describe, expect, it } from 'vitest';
import { isUnitKind, UNIT_KINDS } from '../../../src/domain/unit-kind.js';

describe('unit kinds', () => {
  it('accepts the five kinds a seed file may name, external included', () => {
    expect(UNIT_KINDS).toEqual(['agency', 'department', 'district', 'commune', 'external']);
    for (const kind of UNIT_KINDS) expect(isUnitKind(kind)).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isUnitKind('province')).toBe(false);
    expect(isUnitKind(undefined)).toBe(false);
  });
});
