// Calendar days and instants in a service's time zone, with Intl alone: loading a Temporal
// polyfill for them cost a cold `terms render` more than the PDF printer's own modules.
// Used by the PDF's date, the feeds' dates and the build's "today". Tested against Temporal
// (test/model/zoned.test.ts).

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (wall clock minus UTC). */
function offsetAt(epochMs: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(epochMs)) part[type] = value;
  const wall = Date.UTC(
    Number(part.year),
    Number(part.month) - 1,
    Number(part.day),
    Number(part.hour),
    Number(part.minute),
    Number(part.second),
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * 00:00 of `date` (`YYYY-MM-DD`) in `timeZone`, as Temporal's `PlainDate#toZonedDateTime` gives
 * it: when midnight happens twice (clocks go back) the first; when it does not happen (clocks go
 * forward) the instant the day starts, read with the offset before the change.
 */
export function startOfDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day);
  // A zone changes its offset at most once around a given midnight.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  // Midnight read with an offset is real if the zone has that offset at that instant.
  const starts = [before, after]
    .filter((o) => offsetAt(wall - o, timeZone) === o)
    .map((o) => wall - o);
  return new Date(starts.length > 0 ? Math.min(...starts) : wall - before);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function dateIn(instant: Date, timeZone: string): string {
  const wall = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone));
  return wall.toISOString().slice(0, 10);
}

/** An instant as RFC 3339 in `timeZone`, with its offset: `2025-09-10T00:00:00+05:00`. */
export function rfc3339In(instant: Date, timeZone: string): string {
  const offset = offsetAt(instant.getTime(), timeZone);
  const wall = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
