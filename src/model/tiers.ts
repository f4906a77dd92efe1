import { compareFractions, type Rational, toRational } from './decimal.js';
import type { CompensationTier } from './parameters.js';

/**
 * Whether an availability percentage lies in a tier's interval, each end open or closed as the
 * rules write it. Compared exactly: the bounds are read as the decimals they are written as,
 * and the value is a fraction (the evaluator's `100 · available / total`, or a parameter).
 * The one rule for "this availability falls in this tier", for the checker and the evaluator.
 */
export function tierContains(tier: CompensationTier, percent: Rational): boolean {
  const { min, minInclusive, max, maxInclusive } = tier.availabilityPercent;
  const lo = toRational(min);
  const hi = toRational(max);
  const aboveMin = compareFractions(percent.num, percent.den, lo.num, lo.den);
  const belowMax = compareFractions(percent.num, percent.den, hi.num, hi.den);
  return (
    (minInclusive ? aboveMin >= 0 : aboveMin > 0) && (maxInclusive ? belowMax <= 0 : belowMax < 0)
  );
}
