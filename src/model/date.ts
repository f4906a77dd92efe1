import { z } from 'zod';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is an existing calendar date `YYYY-MM-DD` (2025-02-30 is not): what
 * `IsoDate` accepts (property-tested), in plain arithmetic, since by-date lookups call it on
 * every request.
 */
export function isIsoDate(value: string): boolean {
  return dateKey(value) >= 0;
}

/**
 * The date `YYYY-MM-DD` as the number YYYYMMDD, which orders as the dates do; -1 when `value`
 * is not an existing calendar date. Character codes, no regular expression or substrings: a
 * by-date lookup costs well under a microsecond.
 */
export function dateKey(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return -1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS[month - 1] as number))) return -1;
  return year * 10000 + month * 100 + day;
}

/** The decimal number written in `value` from `start` to `end`, or -1 if a character is not a digit. */
function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A calendar date `YYYY-MM-DD` that exists (2025-02-30 does not). */
export const IsoDate = z.iso.date({ error: 'expected an existing calendar date YYYY-MM-DD' });
/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDate>;
