import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Service, TermsVersion } from '../../src/model/terms.js';
import { publishedVersions, versionAt } from '../../src/model/timeline.js';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);

/** The definition: the last published version, in effective order, that took effect by `date`. */
function reference(service: Service, date: string): TermsVersion | undefined {
  let found: TermsVersion | undefined;
  for (const v of publishedVersions(service)) if (v.effectiveFrom <= date) found = v;
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
