import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { SlaInput } from '../../src/sla/index.js';
import { notBefore, parseTimestamp } from '../../src/sla/time.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Timestamps of the shape the input schema accepts, any year 0000–9999, any offset. */
const timestamp = fc
  .record({
    date: fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,9}$/)),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 23 }),
          m: fc.integer({ min: 0, max: 59 }),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(({ date: d, fraction, offset }) => {
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}${offset}`;
  });

describe('timestamps', () => {
  it('reads every timestamp the schema accepts as Temporal does (property)', () => {
    const schema = SlaInput.shape.incidents.element;
    fc.assert(
      fc.property(timestamp, timestamp, (start, end) => {
        const accepted = schema.safeParse({
          id: 'A',
          start,
          end: start,
          cause: 'provider',
        }).success;
        const temporal = Temporal.Instant.from(start).epochNanoseconds;
        expect([accepted, parseTimestamp(start)]).toEqual([true, temporal]);
        expect(notBefore(end, start)).toBe(Temporal.Instant.from(end).epochNanoseconds >= temporal);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not one, and leaves its report to the field', () => {
    for (const t of ['2025-10-03T10:00:00', '2025-10-03 10:00:00Z', '2025-10-03T10:00:00+05', ''])
      expect(parseTimestamp(t)).toBeUndefined();
    expect(notBefore('yesterday', '2025-10-03T10:00:00Z')).toBe(true);
    expect(parseTimestamp('2025-10-03T10:00:00.000000001+05:00')).toBe(1_759_467_600_000_000_001n);
  });
});
