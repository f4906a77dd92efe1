import { InputError } from '../diagnostics.js';
import { divHalfUp, formatScaled, type Rational } from '../model/decimal.js';
import type { CompensationTier } from '../model/parameters.js';
import { tierContains } from '../model/tiers.js';

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
    if (tierContains(tier, { num, den: total })) matches.push({ index, tier });
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

function shown(num: bigint, den: bigint): string {
  return formatScaled(divHalfUp(num * 10_000n, den), 4);
}

const DISPLAY = 10_000n;

/**
 * An availability percentage for display, with 4 decimals: rounded half-up, unless that
 * would take it out of the tier applied (99.89998 % is in the tier below 99.9 %, yet rounds to
 * 99.9); then rounded toward the inside of that tier, down below an upper bound and up above a
 * lower one, so the figure shown never contradicts the credit. Without a tier, half-up.
 */
export function shownPercent(percent: Rational, tier: CompensationTier | undefined): number {
  const scaled = percent.num * DISPLAY;
  const halfUp = divHalfUp(scaled, percent.den);
  const down = scaled / percent.den;
  const up = (scaled + percent.den - 1n) / percent.den;
  const inside = (value: bigint) => !tier || tierContains(tier, { num: value, den: DISPLAY });
  // A tier narrower than 0.0001 % may hold no 4-decimal figure at all: then half-up.
  const shown = [halfUp, down, up].find(inside) ?? halfUp;
  return Number(formatScaled(shown, 4));
}
