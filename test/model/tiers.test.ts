import { describe, expect, it } from 'vitest';
import { toRational } from '../../src/model/decimal.js';
import type { CompensationTier } from '../../src/model/parameters.js';
import { tierContains } from '../../src/model/tiers.js';

const tier = (
  min: number,
  minInclusive: boolean,
  max: number,
  maxInclusive: boolean,
): CompensationTier => ({
  availabilityPercent: { min, minInclusive, max, maxInclusive },
  creditPercent: 5,
});

describe('tierContains: the one rule for "this availability falls in this tier"', () => {
  it.each([
    [99.0, false],
    [99.00001, true],
    [99.5, true],
    [99.89999, true],
    [99.9, false],
  ])('holds %d in (99.0, 99.9) exclusive at both ends: %s', (value, held) => {
    expect(tierContains(tier(99.0, false, 99.9, false), toRational(value))).toBe(held);
  });

  it.each([
    [95.0, true],
    [99.0, true],
    [94.99999, false],
    [99.00001, false],
  ])('holds %d in [95.0, 99.0] inclusive at both ends: %s', (value, held) => {
    expect(tierContains(tier(95.0, true, 99.0, true), toRational(value))).toBe(held);
  });

  it('compares fractions exactly: 2,592 s down in 30 days is 99.9 %, one more second is not', () => {
    const month = 2_592_000n;
    const at = (down: bigint) => ({ num: 100n * (month - down), den: month });
    const top = tier(99.9, true, 100, true);
    expect([tierContains(top, at(2592n)), tierContains(top, at(2593n))]).toEqual([true, false]);
  });
});
