import { Temporal } from 'temporal-polyfill';
import { InputError } from '../diagnostics.js';
import type { Interval } from './intervals.js';

/** A reporting period: a calendar month in the service's time zone. */
export interface Period extends Interval {
  /** `YYYY-MM`. */
  month: string;
  timeZone: string;
  /** Local midnight of the 1st, printed with its offset: `2025-10-01T00:00:00+05:00`. */
  startText: string;
  /** Local midnight of the 1st of the next month (exclusive). */
  endText: string;
}

/**
 * The calendar month `YYYY-MM` in `timeZone`, from the start of its first day up to the start
 * of the next month's first day. Days start at local midnight, or at the first instant after a
 * skipped midnight, so months in zones with daylight saving time get their true length.
 */
export function monthPeriod(month: string, timeZone: string): Period {
  // Temporal's zone arithmetic is a fixed ~0.5 ms an evaluation; months and zones are few.
  const key = `${month} ${timeZone}`;
  let period = periods.get(key);
  if (!period) {
    period = Object.freeze(placeMonth(month, timeZone));
    if (periods.size >= 1024) periods.clear();
    periods.set(key, period);
  }
  return period;
}

const periods = new Map<string, Period>();

function placeMonth(month: string, timeZone: string): Period {
  let start: Temporal.ZonedDateTime;
  try {
    start = Temporal.PlainYearMonth.from(month)
      .toPlainDate({ day: 1 })
      .toZonedDateTime({ timeZone });
  } catch (err) {
    // The month is validated before it gets here, so only the rules' time zone can be wrong.
    throw new InputError(
      'bad-time-zone',
      `cannot place ${month} in the time zone "${timeZone}" of the rules: ${(err as Error).message}`,
    );
  }
  const end = start.add({ months: 1 }).startOfDay();
  return {
    month,
    timeZone,
    start: start.epochNanoseconds,
    end: end.epochNanoseconds,
    startText: start.toString({ timeZoneName: 'never' }),
    endText: end.toString({ timeZoneName: 'never' }),
  };
}
