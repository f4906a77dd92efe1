import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSES, type Cause } from '../../src/model/parameters.js';
import type { RulesV1 } from '../../src/rules/schema.js';
import { evaluate, type SlaInputJson, type SlaResult } from '../../src/sla/index.js';
import { LOW_CAP_RULES, RULES, slaInput } from './helpers.js';

// November 2025 in Asia/Almaty: 30 days from local midnight (UTC+05:00).
const PERIOD = '2025-11';
const BASE = Date.parse('2025-11-01T00:00:00+05:00');
const MINUTES = 30 * 24 * 60;
const MINUTE = 60_000;

/** An incident as minutes from the start of the period; it may start before or end after it. */
interface Spec {
  start: number;
  minutes: number;
  cause: Cause;
}

const spec = (causes: readonly Cause[] = CAUSES) =>
  fc.record({
    start: fc.integer({ min: -2 * 1440, max: MINUTES + 1440 }),
    minutes: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 3 * 1440 })),
    cause: fc.constantFrom(...causes),
  });
const specs = fc.array(spec(), { maxLength: 12 });
const fee = fc
  .bigInt({ min: 0n, max: 10n ** 14n })
  .map((minor) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`);

const iso = (ms: number) => new Date(BASE + ms).toISOString();

/** Incidents from specs, with ids that stay unique when lists are concatenated. */
function incidents(list: readonly Spec[], prefix = 'I'): SlaInputJson['incidents'] {
  return list.map((s, i) => ({
    id: `${prefix}${i}`,
    start: iso(s.start * MINUTE),
    end: iso((s.start + s.minutes) * MINUTE),
    cause: s.cause,
  }));
}

function run(
  list: SlaInputJson['incidents'],
  amount = '150000.00',
  rules: RulesV1 = RULES,
): SlaResult {
  return evaluate(rules, slaInput(PERIOD, list, { monthlyFee: { amount, currency: 'KZT' } }));
}

/** What must not depend on how the same downtime is cut into incidents. */
function outcome(r: SlaResult) {
  const {
    downtimeSeconds,
    excludedSeconds,
    availabilityPercent,
    creditPercent,
    credit,
    capped,
    tier,
  } = r;
  return {
    downtimeSeconds,
    excludedSeconds,
    availabilityPercent,
    creditPercent,
    credit,
    capped,
    tier,
  };
}

const minor = (amount: string) => BigInt(amount.replace('.', ''));

describe('SLA properties', () => {
  it('counts downtime as a minute-by-minute tally of the period would', () => {
    fc.assert(
      fc.property(specs, (list) => {
        const provider = new Uint8Array(MINUTES);
        const excused = new Uint8Array(MINUTES);
        for (const s of list)
          for (let m = Math.max(0, s.start); m < Math.min(MINUTES, s.start + s.minutes); m++)
            if (s.cause === 'provider') provider[m] = 1;
            else excused[m] = 1; // every other cause is excluded by these rules
        let counted = 0;
        let excluded = 0;
        for (let m = 0; m < MINUTES; m++)
          if (provider[m]) {
            if (excused[m]) excluded++;
            else counted++;
          }
        const r = run(incidents(list));
        expect([r.downtimeSeconds, r.excludedSeconds]).toEqual([counted * 60, excluded * 60]);
      }),
    );
  });

  it('never counts more downtime than the period has', () => {
    fc.assert(
      fc.property(specs, (list) => {
        const r = run(incidents(list));
        expect(r.downtimeSeconds + r.excludedSeconds).toBeLessThanOrEqual(r.period.seconds);
        expect(r.availabilityPercent).toBeGreaterThanOrEqual(0);
        expect(r.availabilityPercent).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never owes more when there is less downtime', () => {
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fee,
        (list, keep, amount) => {
          const fewer = list.filter((s, i) => s.cause !== 'provider' || keep[i]);
          const more = run(incidents(list), amount);
          const less = run(incidents(fewer), amount);
          expect(less.downtimeSeconds).toBeLessThanOrEqual(more.downtimeSeconds);
          expect(less.creditPercent).toBeLessThanOrEqual(more.creditPercent);
          expect(minor(less.credit.amount)).toBeLessThanOrEqual(minor(more.credit.amount));
        },
      ),
    );
  });

  it('never owes more for a shorter outage', () => {
    const seconds = fc.integer({ min: 0, max: 30 * 86_400 });
    fc.assert(
      fc.property(seconds, seconds, fee, (a, b, amount) => {
        const outage = (s: number) => [
          { id: 'A', start: iso(0), end: iso(s * 1000), cause: 'provider' as const },
        ];
        const [short, long] = [
          run(outage(Math.min(a, b)), amount),
          run(outage(Math.max(a, b)), amount),
        ];
        expect(minor(short.credit.amount)).toBeLessThanOrEqual(minor(long.credit.amount));
      }),
    );
  });

  it('never owes more than the cap, and says when the cap cut the credit', () => {
    // Half-up percentage of an amount in minor units; the fixtures use whole percentages.
    const percentOf = (amount: string, percent: number) =>
      (minor(amount) * BigInt(percent) * 2n + 100n) / 200n;
    fc.assert(
      fc.property(specs, fee, fc.constantFrom(RULES, LOW_CAP_RULES), (list, amount, rules) => {
        const r = run(incidents(list), amount, rules);
        const cap = percentOf(amount, rules.sla.compensationCapPercentOfMonthlyFee);
        expect(minor(r.credit.amount)).toBeLessThanOrEqual(cap);
        expect(r.capped).toBe(percentOf(amount, r.creditPercent) > cap);
      }),
    );
  });

  it('gives the same result when an incident is split into pieces', () => {
    fc.assert(
      fc.property(
        specs,
        spec(['provider']),
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 4 }),
        (others, whole, cuts) => {
          const start = whole.start * MINUTE;
          const length = whole.minutes * MINUTE;
          // Cut points in milliseconds, so pieces need not be whole seconds.
          const points = [
            0,
            ...cuts.map((c) => Math.floor((c * length) / 1_000_001)).sort((x, y) => x - y),
            length,
          ];
          const pieces = points.slice(1).map((end, i) => ({
            id: `P${i}`,
            start: iso(start + (points[i] ?? 0)),
            end: iso(start + end),
            cause: 'provider' as const,
          }));
          const base = incidents(others);
          expect(outcome(run([...base, ...pieces]))).toEqual(
            outcome(run([...base, ...incidents([whole], 'W')])),
          );
        },
      ),
    );
  });

  it('gives the same result when overlapping incidents are merged', () => {
    fc.assert(
      fc.property(
        specs,
        spec(['provider']),
        fc.nat(),
        fc.integer({ min: 0, max: 3000 }),
        (others, first, offset, minutes) => {
          const second = {
            start: first.start + (offset % (first.minutes + 1)),
            minutes,
            cause: 'provider' as const,
          };
          const end = Math.max(first.start + first.minutes, second.start + second.minutes);
          const merged = {
            start: first.start,
            minutes: end - first.start,
            cause: 'provider' as const,
          };
          const base = incidents(others);
          expect(outcome(run([...base, ...incidents([first, second], 'S')]))).toEqual(
            outcome(run([...base, ...incidents([merged], 'M')])),
          );
        },
      ),
    );
  });

  it('never counts more downtime or owes more when excluded incidents are added', () => {
    const excludedSpecs = fc.array(spec(['planned-maintenance', 'force-majeure', 'customer']), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(specs, excludedSpecs, (list, excluded) => {
        const before = run(incidents(list));
        const after = run([...incidents(list), ...incidents(excluded, 'X')]);
        expect(after.downtimeSeconds).toBeLessThanOrEqual(before.downtimeSeconds);
        expect(minor(after.credit.amount)).toBeLessThanOrEqual(minor(before.credit.amount));
      }),
    );
  });
});
