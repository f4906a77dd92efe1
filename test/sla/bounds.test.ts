import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import { tierContains } from '../../src/model/tiers.js';
import { ISO_MINOR_UNITS_UNLIKE_ICU, icuMinorUnits, minorUnits } from '../../src/sla/currency.js';
import {
  evaluate,
  MAX_INCIDENTS,
  MAX_LISTED_ISSUES,
  MAX_TEXT,
  SlaInputError,
  type SlaInputJson,
} from '../../src/sla/index.js';
import { wrongIncident } from '../helpers/sla.js';
import { outage, RULES, slaInput } from './helpers.js';

/** The error `evaluate` throws for this input under the DESIGN.md rules. */
function errorFor(json: unknown): InputError {
  try {
    evaluate(RULES, json as SlaInputJson);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** `count` valid provider outages of a minute, 2,000 s apart, in October 2025. */
const outages = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    outage(
      `I${i}`,
      new Date(Date.parse('2025-10-01T00:00:00+05:00') + i * 2_000_000).toISOString(),
      60,
    ),
  );

describe('SLA input: at most 100 problems listed, all of them counted', () => {
  it('lists the first 100 of 3,000 problems and says how many there are', () => {
    const err = errorFor(
      slaInput('2025-10', Array.from({ length: 500 }, (_, i) => wrongIncident(i)) as never),
    );
    expect(err).toBeInstanceOf(SlaInputError);
    const e = err as SlaInputError;
    expect([e.issues.length, e.count, e.field]).toEqual([
      MAX_LISTED_ISSUES,
      3000,
      'incidents[0].id',
    ]);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('bad SLA input (3000 problems, the first 100 listed):');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toMatch(/^ {2}incidents\[16\]\.cause: /);
  });

  it('counts unknown fields one by one, and lists at most 100 of them', () => {
    const extra = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`x${k}`, k]));
    const json = { ...slaInput('2025-10', outages(3)), ...extra };
    json.incidents = json.incidents.map((i) => ({ ...i, ...extra })) as never;
    const e = errorFor(json) as SlaInputError;
    expect([e.count, e.issues.length]).toEqual([240, 100]);
  });

  it('keeps the message of a few problems as it was', () => {
    const e = errorFor(slaInput('2025-10', [wrongIncident(0)] as never)) as SlaInputError;
    expect(e.message.split('\n')[0]).toBe('bad SLA input (6 problems):');
  });
});

describe(`SLA input: at most ${MAX_INCIDENTS} incidents`, () => {
  it(`evaluates ${MAX_INCIDENTS} incidents`, () => {
    const r = evaluate(RULES, slaInput('2025-10', outages(MAX_INCIDENTS)));
    expect([r.downtimeSeconds, r.incidents.length]).toEqual([60 * MAX_INCIDENTS, MAX_INCIDENTS]);
  });

  it('refuses one more before reading any of them', () => {
    const list = [...outages(MAX_INCIDENTS), 'not even an incident'] as never;
    const err = errorFor(slaInput('2025-10', list)) as SlaInputError;
    expect([err.field, err.message, err.count]).toEqual([
      'incidents',
      `bad SLA input: incidents: expected at most ${MAX_INCIDENTS} incidents, got ${MAX_INCIDENTS + 1}`,
      1,
    ]);
  });
});

describe(`SLA input: ids and names of at most ${MAX_TEXT} characters`, () => {
  it('takes an incident id of 200 characters and refuses 201, or a megabyte', () => {
    const withId = (id: string) =>
      slaInput('2025-10', [outage(id, '2025-10-10T00:00:00+05:00', 60)]);
    expect(evaluate(RULES, withId('x'.repeat(MAX_TEXT))).incidents[0]?.id).toHaveLength(MAX_TEXT);
    for (const id of ['x'.repeat(MAX_TEXT + 1), 'x'.repeat(1_000_000)]) {
      const err = errorFor(withId(id));
      expect(err.field).toBe('incidents[0].id');
      expect(err.message.length).toBeLessThan(300);
    }
  });

  it('refuses a service name of 201 characters, before looking it up', () => {
    const err = errorFor(slaInput('2025-10', [], { service: 's'.repeat(MAX_TEXT + 1) }));
    expect([err.kind, err.field]).toEqual(['bad-input', 'service']);
  });
});

describe('SLA input: amounts of at most 15 digits and the currency minor units', () => {
  const fee = (amount: string, currency: string) =>
    slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 2593)], {
      monthlyFee: { amount, currency },
    });
  const credit = (amount: string, currency: string) =>
    evaluate(RULES, fee(amount, currency)).credit;

  it('takes 15 digits before the point and refuses 16, or a million', () => {
    expect(credit('999999999999999.99', 'KZT').amount).toBe('50000000000000.00');
    for (const amount of ['1000000000000000', '9'.repeat(1_000_000)]) {
      const err = errorFor(fee(amount, 'KZT'));
      expect([err.field, err.message.length < 400]).toEqual(['monthlyFee.amount', true]);
    }
  });

  it.each(['XXX', 'ZZZ', 'XAU', 'XTS', 'XDR', 'CLF'])(
    'refuses %s, not a currency a fee is paid in',
    (code) => {
      const err = errorFor(fee('100', code));
      expect([err.field, err.message]).toEqual([
        'monthlyFee.currency',
        `bad SLA input: monthlyFee.currency: expected the ISO 4217 code of a currency in use, like "KZT", got "${code}"`,
      ]);
    },
  );

  it('gives JPY credits in whole yen and refuses sen in the fee', () => {
    // 5 % of 201 yen is 10.05 yen: 10 yen, not "10.06" or "10.05".
    expect(credit('201', 'JPY')).toEqual({ amount: '10', currency: 'JPY' });
    expect(evaluate(RULES, fee('201', 'JPY')).dataLossCredit).toEqual({
      amount: '0',
      currency: 'JPY',
    });
    const err = errorFor(fee('201.20', 'JPY'));
    expect([err.field, err.message]).toEqual([
      'monthlyFee.amount',
      'bad SLA input: monthlyFee.amount: expected a non-negative decimal string of at most 15 digits before the point and none after it (the ISO 4217 minor unit of JPY), like "150000", got "201.20"',
    ]);
  });

  it('gives BHD credits in fils (3 decimals) and KZT in tiyn (2)', () => {
    expect(credit('1.234', 'BHD')).toEqual({ amount: '0.062', currency: 'BHD' }); // 0.0617
    expect(credit('1.23', 'KZT')).toEqual({ amount: '0.06', currency: 'KZT' }); // 0.0615
    expect(errorFor(fee('1.2345', 'BHD')).field).toBe('monthlyFee.amount');
  });

  it('reads minor units from ICU, corrected to ISO 4217 where CLDR differs', () => {
    expect([minorUnits('KZT'), minorUnits('JPY'), minorUnits('BHD')]).toEqual([2, 0, 3]);
    expect([icuMinorUnits('KZT'), icuMinorUnits('JPY'), icuMinorUnits('BHD')]).toEqual([2, 0, 3]);
    // ISO 4217 gives the Iraqi dinar 3 decimals and the forint 2; CLDR prints them with none.
    expect([minorUnits('IQD'), minorUnits('HUF')]).toEqual([3, 2]);
    expect([minorUnits('XXX'), minorUnits('XDR'), minorUnits('ZZZ')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('keeps no correction ICU has caught up with', () => {
    const stale = Object.entries(ISO_MINOR_UNITS_UNLIKE_ICU).filter(
      ([code, iso]) => iso !== null && icuMinorUnits(code) === iso,
    );
    expect(stale).toEqual([]);
  });
});

describe('availabilityPercent never contradicts the tier applied', () => {
  it('shows 99.8999 with the 5 % credit for 2,506 s down in February 2028 (exactly 99.89998…)', () => {
    const r = evaluate(
      RULES,
      slaInput('2028-02', [outage('A', '2028-02-15T12:00:00+05:00', 2506)]),
    );
    expect([r.availabilityPercent, r.availabilityFraction, r.creditPercent, r.tier?.index]).toEqual(
      [99.8999, '2503094/2505600', 5, 1],
    );
  });

  it('shows a figure inside the tier applied for any downtime (property)', () => {
    // February 2028: 29 days, where 0.1 % is 2,505.6 s, so rounding crosses tier bounds often.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 29 * 86_400 }),
          fc.integer({ min: 2490, max: 2520 }),
          fc.integer({ min: 25_040, max: 25_070 }),
          fc.integer({ min: 125_260, max: 125_300 }),
        ),
        (seconds) => {
          const r = evaluate(
            RULES,
            slaInput('2028-02', [outage('A', '2028-02-01T00:00:00+05:00', seconds)]),
          );
          const shown = { num: BigInt(Math.round(r.availabilityPercent * 10_000)), den: 10_000n };
          const tier = RULES.sla.compensationTiers[r.tier?.index ?? -1];
          expect(tier && tierContains(tier, shown)).toBe(true);
          // And it is the exact value rounded one way or the other, never further off.
          const [available, total] = r.availabilityFraction.split('/').map(Number) as [
            number,
            number,
          ];
          expect(Math.abs(r.availabilityPercent - (100 * available) / total)).toBeLessThan(0.0001);
        },
      ),
      { numRuns: 300 },
    );
  });
});
