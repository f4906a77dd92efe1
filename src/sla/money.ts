import { divHalfUp, formatScaled, toRational } from './decimal.js';

/** An amount of money: a decimal string with two decimals and an ISO 4217 code. */
export interface Money {
  amount: string;
  currency: string;
}

/** Reads a validated amount ("150000.00", "7.5", "12") as minor units (1/100). */
export function toMinorUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(2, '0'));
}

/** Minor units as an amount with exactly two decimals: 750000n → "7500.00". */
export function formatMinorUnits(minor: bigint): string {
  return formatScaled(minor, 2);
}

/** `percent` % of an amount in minor units, rounded half-up to a minor unit. */
export function percentOf(minor: bigint, percent: number): bigint {
  const p = toRational(percent);
  return divHalfUp(minor * p.num, 100n * p.den);
}
