// Exact decimal arithmetic for rule parameters and SLA figures: numbers are read as the decimal
// they are written as (never as a binary double) and compared or rounded with BigInts.

/** Digits after the point that parameters may carry; percentages are compared scaled by 10^SCALE. */
export const SCALE = 4;

/**
 * A decimal number as an exact integer scaled by 10^scale (99.9 → 999000n with scale 4).
 * Works from the number's shortest decimal string, so no binary rounding creeps in.
 */
export function toScaled(value: number, scale = SCALE): bigint {
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a plain decimal: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  if (frac.length > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  const n = BigInt(whole + frac.padEnd(scale, '0'));
  return negative ? -n : n;
}

/** An exact non-negative fraction `num / den` (den > 0). */
export interface Rational {
  num: bigint;
  den: bigint;
}

/**
 * The exact value of a number as it is written: 99.9 → 999/10, 1e-7 → 1/10000000.
 * Goes through the shortest decimal string of the double, which is how the number was
 * written in YAML or JSON, so no binary rounding error leaks into a comparison.
 */
export function toRational(value: number): Rational {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`expected a finite non-negative number, got ${value}`);
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, whole = '0', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length;
  const digits = BigInt(whole + fraction);
  return shift >= 0
    ? { num: digits * 10n ** BigInt(shift), den: 1n }
    : { num: digits, den: 10n ** BigInt(-shift) };
}

/** `num / den` rounded half-up to an integer; both non-negative, `den` > 0. */
export function divHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** `-1`, `0` or `1` as `a/b` is below, equal to or above `c/d` (positive denominators). */
export function compareFractions(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const left = a * d;
  const right = c * b;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** An integer count of `10^-places` units as a decimal string: (12345n, 2) → "123.45". */
export function formatScaled(value: bigint, places: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(places + 1, '0');
  if (places === 0) return sign + digits;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
