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
