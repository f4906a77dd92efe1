import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateKey, isIsoDate } from '../../src/model/date.js';
import { Timeline } from '../../src/model/timeline.js';

const isoDate = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('dateKey', () => {
  it('orders dates as their text does, and is -1 exactly for what is not a date', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(Math.sign(dateKey(a) - dateKey(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.oneof(isoDate, fc.string({ maxLength: 12 })), (text) => {
        expect(dateKey(text) >= 0).toBe(isIsoDate(text));
      }),
      { numRuns: 5000 },
    );
    expect([dateKey('2025-09-10'), dateKey('2025-02-29'), dateKey('2025-9-10')]).toEqual([
      20250910, -1, -1,
    ]);
  });
});

describe('Timeline.at', () => {
  it('finds by date numbers what a comparison of the texts finds, and takes any text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(isoDate, { maxLength: 30 }), isoDate, (starts, date) => {
        const t = new Timeline(starts, (s) => ({
          version: s,
          status: 'published',
          effectiveFrom: s,
        }));
        const scan = [...starts]
          .sort()
          .filter((s) => s <= date)
          .at(-1);
        expect(t.at(date)).toBe(scan);
      }),
      { numRuns: 3000 },
    );
    const t = new Timeline(['2025-01-01'], (s) => ({
      version: s,
      status: 'published',
      effectiveFrom: s,
    }));
    // Not a date: compared as text, as the timeline always has.
    expect([t.at('2025-13-99'), t.at('2024-99-99'), t.at('later')]).toEqual([
      '2025-01-01',
      undefined,
      '2025-01-01',
    ]);
  });
});
