import { divHalfUp, formatScaled, toRational } from '../model/decimal.js';

/**
 * Reads a validated amount ("150000.00", "7.5", "12") as minor units of a currency with
 * `digits` decimals (2 for KZT: "7.5" → 750n; 0 for JPY: "12" → 12n).
 */
export function toMinorUnits(amount: string, digits: number): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(digits, '0'));
}

/** Minor units as an amount with exactly `digits` decimals: (750000n, 2) → "7500.00". */
export function formatMinorUnits(minor: bigint, digits: number): string {
  return formatScaled(minor, digits);
}

/** `percent` % of an amount in minor units, rounded half-up to a minor unit. */
export function percentOf(minor: bigint, percent: number): bigint {
  const p = toRational(percent);
  return divHalfUp(minor * p.num, 100n * p.den);
}
