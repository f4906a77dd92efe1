import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, isIsoDate } from '../../src/model/date.js';
import type { Service, TermsVersion } from '../../src/model/terms.js';
import { Timeline, versionAt } from '../../src/model/timeline.js';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);

const byEffective = (a: TermsVersion, b: TermsVersion) =>
  a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id);

/** The definition, as a linear scan: the last published version, in effective order, that took effect by `date`. */
function reference(service: Service, date: string): TermsVersion | undefined {
  let found: TermsVersion | undefined;
  const published = service.versions.filter((v) => v.status === 'published').sort(byEffective);
  for (const v of published) if (v.effectiveFrom <= date) found = v;
  return found;
}

// Versions in any order, drafts among them, and effective dates that may coincide.
const serviceArb = fc
  .array(
    fc.record({
      id: fc.integer({ min: 0, max: 60 }),
      delay: fc.integer({ min: 0, max: 20 }),
      published: fc.boolean(),
    }),
    { maxLength: 25 },
  )
  .map(
    (specs): Service =>
      ({
        id: 's',
        versions: specs.map(
          ({ id, delay, published }) =>
            ({
              id: day(id),
              effectiveFrom: day(id + delay),
              status: published ? 'published' : 'draft',
            }) as TermsVersion,
        ),
      }) as unknown as Service,
  );

describe('versionAt', () => {
  it('finds the same version as a scan of the published versions in effective order', () => {
    fc.assert(
      fc.property(serviceArb, fc.integer({ min: -5, max: 90 }), (service, n) => {
        expect(versionAt(service, day(n))).toBe(reference(service, day(n)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Timeline', () => {
  const timeline = (service: Service) =>
    new Timeline(service.versions, (v) => ({
      version: v.id,
      status: v.status,
      effectiveFrom: v.effectiveFrom,
    }));

  it('names as previous the last published version that took effect strictly before, as a scan does', () => {
    fc.assert(
      fc.property(serviceArb, fc.integer({ min: -5, max: 90 }), (service, n) => {
        const published = service.versions
          .filter((v) => v.status === 'published')
          .sort(byEffective);
        const expected = published.filter((v) => v.effectiveFrom < day(n)).at(-1);
        expect(timeline(service).before(day(n))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each published version the next one’s start as its end, and drafts none', () => {
    fc.assert(
      fc.property(serviceArb, (service) => {
        const t = timeline(service);
        const ranges = t.ranges({ drafts: true });
        expect(ranges).toHaveLength(service.versions.length);
        const published = ranges.filter((r) => r.status === 'published');
        for (const [i, r] of published.entries())
          expect(r.effectiveTo).toBe(published[i + 1]?.effectiveFrom ?? null);
        for (const r of ranges) if (r.status === 'draft') expect(r.effectiveTo).toBeNull();
        for (const v of t.published) {
          const { previous, next } = t.neighbours(v);
          const i = t.published.indexOf(v);
          expect([previous, next]).toEqual([t.published[i - 1], t.published[i + 1]]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isIsoDate', () => {
  it('accepts exactly what the IsoDate schema accepts', () => {
    const dateLike = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (text) => {
        expect(isIsoDate(text)).toBe(IsoDate.safeParse(text).success);
      }),
      { numRuns: 20000 },
    );
    for (const text of ['2024-02-29', '2000-02-29', '1900-02-29', '2025-02-29', '2025-04-31'])
      expect(isIsoDate(text)).toBe(IsoDate.safeParse(text).success);
  });
});
