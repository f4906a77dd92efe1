import { z } from 'zod';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is an existing calendar date `YYYY-MM-DD` (2025-02-30 is not): what
 * `IsoDate` accepts (property-tested), in plain arithmetic, since by-date lookups call it on
 * every request.
 */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] as number));
}

/** A calendar date `YYYY-MM-DD` that exists (2025-02-30 does not). */
export const IsoDate = z.iso.date({ error: 'expected an existing calendar date YYYY-MM-DD' });
/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDate>;
