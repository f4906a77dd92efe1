import { formatScaled } from '../model/decimal.js';

const NANOS_PER_SECOND = 1_000_000_000n;

// What the input schema accepts (zod's ISO datetime with an offset, at most 9 decimals).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 timestamp with an offset or Z (`2025-10-03T10:00:00.5+05:00`) as epoch
 * nanoseconds, or undefined when it is not one. Exact integer arithmetic, and about twenty
 * times cheaper than `Temporal.Instant.from`, which it agrees with on every timestamp the
 * input schema accepts (a property test compares them): evaluation reads thousands of them.
 */
export function parseTimestamp(timestamp: string): bigint | undefined {
  const m = TIMESTAMP.exec(timestamp);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sign = m[8] === '-' ? -1 : 1;
  const offset = m[8] ? sign * (Number(m[9]) * 3600 + Number(m[10]) * 60) : 0;
  const seconds = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset;
  return BigInt(seconds) * NANOS_PER_SECOND + BigInt((m[7] ?? '').padEnd(9, '0'));
}

/** A timestamp the input schema accepted, as epoch nanoseconds. */
export function toNanos(timestamp: string): bigint {
  const nanos = parseTimestamp(timestamp);
  if (nanos === undefined) throw new RangeError(`not an ISO 8601 timestamp: ${timestamp}`);
  return nanos;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Nanoseconds as a number of seconds for output. Whole seconds are exact; a fraction is
 * printed exactly first and then read back, so 1.5 s stays 1.5, never 1.4999999.
 */
export function nanosToSeconds(nanos: bigint): number {
  if (nanos % NANOS_PER_SECOND === 0n) return Number(nanos / NANOS_PER_SECOND);
  return Number(formatScaled(nanos, 9));
}
