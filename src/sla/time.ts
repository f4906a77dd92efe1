import { formatScaled } from '../model/decimal.js';

const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * An ISO 8601 timestamp with an offset or Z (`2025-10-03T10:00:00.5+05:00`, the shape the
 * input schema accepts, at most 9 decimals) as whole epoch seconds and nanoseconds past them,
 * or undefined when it is not one. Read by position with integer arithmetic (no regex, no
 * Temporal, no BigInt): evaluation reads four per incident. A property test checks it against
 * `Temporal.Instant.from` on every shape the schema accepts.
 */
function readTimestamp(t: string): [seconds: number, nanos: number] | undefined {
  if (t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':')
    return undefined;
  const fields = [digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2)];
  const clock = [digits(t, 11, 2), digits(t, 14, 2), digits(t, 17, 2)];
  if (fields.includes(-1) || clock.includes(-1)) return undefined;
  let i = 19;
  let nanos = 0;
  if (t[i] === '.') {
    let end = i + 1;
    while (end < t.length && end - i <= 10 && digits(t, end, 1) >= 0) end++;
    const count = end - i - 1;
    if (count < 1 || count > 9) return undefined;
    nanos = digits(t, i + 1, count) * 10 ** (9 - count);
    i = end;
  }
  let offset = 0;
  if (t[i] === '+' || t[i] === '-') {
    const hours = digits(t, i + 1, 2);
    const minutes = digits(t, i + 4, 2);
    if (t[i + 3] !== ':' || hours < 0 || minutes < 0 || t.length !== i + 6) return undefined;
    offset = (t[i] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  } else if (t[i] !== 'Z' || t.length !== i + 1) return undefined;
  const [year, month, day] = fields as [number, number, number];
  const [hour, minute, second] = clock as [number, number, number];
  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
  return [seconds, nanos];
}

/** The number the `count` decimal digits of `t` from `from` spell, or -1 if they are not all digits. */
function digits(t: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = t.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A timestamp as epoch nanoseconds, or undefined when it is not one (see `readTimestamp`). */
export function parseTimestamp(timestamp: string): bigint | undefined {
  const read = readTimestamp(timestamp);
  return read && BigInt(read[0]) * NANOS_PER_SECOND + BigInt(read[1]);
}

/** Whether `end` is not before `start`; true when either is not a timestamp (reported apart). */
export function notBefore(end: string, start: string): boolean {
  const a = readTimestamp(end);
  const b = readTimestamp(start);
  return !a || !b || a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
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
