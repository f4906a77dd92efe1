import { InputError } from '../diagnostics.js';
import type { CompensationTier } from '../model/parameters.js';
import { compareFractions, divHalfUp, formatScaled, toRational } from './decimal.js';

/** A compensation tier and its position in the rules' table (0-based). */
export interface ChosenTier {
  index: number;
  tier: CompensationTier;
}

/**
 * The tier whose availability interval holds `available / total` (as a fraction, not a
 * percentage), compared exactly: each bound is read as the decimal it is written as.
 * No tier, or overlapping tiers that disagree, is an error: the rules do not say, and
 * the evaluator does not guess.
 */
export function chooseTier(
  tiers: readonly CompensationTier[],
  available: bigint,
  total: bigint,
): ChosenTier {
  // availability % = 100 · available / total
  const num = 100n * available;
  const matches: ChosenTier[] = [];
  tiers.forEach((tier, index) => {
    if (contains(tier, num, total)) matches.push({ index, tier });
  });
  const [first] = matches;
  if (!first)
    throw new InputError(
      'no-tier',
      `the rules' compensation tiers do not cover an availability of ${shown(num, total)} %`,
    );
  if (matches.some((m) => m.tier.creditPercent !== first.tier.creditPercent))
    throw new InputError(
      'ambiguous-tier',
      `the rules' compensation tiers ${matches.map((m) => m.index).join(', ')} overlap at an availability of ${shown(num, total)} % and give different credits`,
    );
  return first;
}

function contains(tier: CompensationTier, num: bigint, den: bigint): boolean {
  const { min, minInclusive, max, maxInclusive } = tier.availabilityPercent;
  const lo = toRational(min);
  const hi = toRational(max);
  const aboveMin = compareFractions(num, den, lo.num, lo.den);
  const belowMax = compareFractions(num, den, hi.num, hi.den);
  return (
    (minInclusive ? aboveMin >= 0 : aboveMin > 0) && (maxInclusive ? belowMax <= 0 : belowMax < 0)
  );
}

function shown(num: bigint, den: bigint): string {
  return formatScaled(divHalfUp(num * 10_000n, den), 4);
}
