import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { dateIn, rfc3339In, startOfDay } from '../../src/model/zoned.js';

/** What Temporal (the oracle) says the day's first instant is. */
const temporal = (date: string, timeZone: string) =>
  new Date(
    Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds,
  ).toISOString();
const ours = (date: string, timeZone: string) => startOfDay(date, timeZone).toISOString();

// Zones whose clocks changed at midnight (the hard cases), and plain ones.
const ZONES = [
  'Asia/Almaty',
  'UTC',
  'Europe/London',
  'America/Sao_Paulo',
  'America/Havana',
  'America/Santiago',
  'America/Asuncion',
  'Asia/Beirut',
  'Asia/Tehran',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'America/St_Johns',
];

describe('startOfDay', () => {
  it.each([
    ['2025-09-10', 'Asia/Almaty', '2025-09-09T19:00:00.000Z'],
    ['2025-09-10', 'UTC', '2025-09-10T00:00:00.000Z'],
    // Clocks went forward at midnight: the day starts at 01:00, read with the old offset.
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z'],
    ['2020-03-29', 'Asia/Beirut', '2020-03-28T22:00:00.000Z'],
    // Clocks went back from 01:00 to 00:00: midnight happened twice, the first counts.
    ['2019-11-03', 'America/Havana', '2019-11-03T04:00:00.000Z'],
  ])('gives the first instant of %s in %s', (date, zone, instant) => {
    expect(ours(date, zone)).toBe(instant);
    expect(temporal(date, zone)).toBe(instant);
  });

  it('agrees with Temporal on any day from 2000 to 2040 in zones with midnight changes', () => {
    const day = fc
      .integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2040, 11, 31) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom(...ZONES), (date, zone) => {
        expect(ours(date, zone)).toBe(temporal(date, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Temporal on every day around the clock changes of 2018 and 2019', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Havana', 'America/Santiago'])
      for (let n = Date.UTC(2018, 0, 1); n < Date.UTC(2020, 0, 1); n += 86_400_000) {
        const date = new Date(n).toISOString().slice(0, 10);
        expect([date, zone, ours(date, zone)]).toEqual([date, zone, temporal(date, zone)]);
      }
  });
});

describe('dateIn and rfc3339In', () => {
  it('give the calendar date and the RFC 3339 time of an instant in a zone, as Temporal does', () => {
    for (const timeZone of ['Asia/Almaty', 'Europe/Berlin', 'America/New_York', 'UTC']) {
      for (const ms of [0, 1_700_000_000_000, 1_711_846_800_000, 1_730_000_000_000]) {
        const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
        expect(dateIn(new Date(ms), timeZone)).toBe(zoned.toPlainDate().toString());
        expect(rfc3339In(new Date(ms), timeZone)).toBe(
          zoned.toString({ timeZoneName: 'never', fractionalSecondDigits: 0 }),
        );
      }
    }
    expect(rfc3339In(startOfDay('2025-09-10', 'Asia/Almaty'), 'Asia/Almaty')).toBe(
      '2025-09-10T00:00:00+05:00',
    );
  });
});
