import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import {
  evaluate,
  parseSlaInput,
  SlaInputError,
  slaInputJsonSchema,
  slaResultJsonSchema,
} from '../../src/sla/index.js';
import { outage, RULES, slaInput } from './helpers.js';

/** The error `evaluate` throws for this input under the DESIGN.md rules. */
function errorFor(json: unknown): InputError {
  try {
    evaluate(RULES, json as Parameters<typeof evaluate>[1]);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const good = () =>
  slaInput('2025-10', [
    outage('INC-0', '2025-10-03T10:00:00+05:00', 600),
    outage('INC-1', '2025-10-04T10:00:00+05:00', 600),
    outage('INC-2', '2025-10-05T10:00:00+05:00', 600),
  ]) as Record<string, unknown> & {
    incidents: Record<string, unknown>[];
    monthlyFee: Record<string, unknown>;
  };

/** The good input with one change made by `edit`. */
function withEdit(edit: (json: ReturnType<typeof good>) => void): unknown {
  const json = good();
  edit(json);
  return json;
}

describe('SLA input: every bad field is named', () => {
  it.each<[string, (j: ReturnType<typeof good>) => void, string]>([
    ['missing service', (j) => delete j.service, 'service'],
    ['empty service', (j) => (j.service = ''), 'service'],
    ['month 13', (j) => (j.period = '2025-13'), 'period'],
    ['month 00', (j) => (j.period = '2025-00'), 'period'],
    ['month with one digit', (j) => (j.period = '2025-1'), 'period'],
    ['a date as period', (j) => (j.period = '2025-10-01'), 'period'],
    ['a version that is not a date', (j) => (j.version = '2025-02-30'), 'version'],
    ['a fee as a number', (j) => (j.monthlyFee.amount = 150000), 'monthlyFee.amount'],
    ['three decimals', (j) => (j.monthlyFee.amount = '150000.001'), 'monthlyFee.amount'],
    ['a negative fee', (j) => (j.monthlyFee.amount = '-1.00'), 'monthlyFee.amount'],
    ['a decimal comma', (j) => (j.monthlyFee.amount = '1,50'), 'monthlyFee.amount'],
    ['an exponent', (j) => (j.monthlyFee.amount = '1e3'), 'monthlyFee.amount'],
    ['a trailing point', (j) => (j.monthlyFee.amount = '1.'), 'monthlyFee.amount'],
    ['a leading zero', (j) => (j.monthlyFee.amount = '01.00'), 'monthlyFee.amount'],
    ['a lower-case currency', (j) => (j.monthlyFee.currency = 'kzt'), 'monthlyFee.currency'],
    ['a currency sign', (j) => (j.monthlyFee.currency = '₸'), 'monthlyFee.currency'],
    ['a four-letter currency', (j) => (j.monthlyFee.currency = 'KZTT'), 'monthlyFee.currency'],
    ['no fee', (j) => Reflect.deleteProperty(j, 'monthlyFee'), 'monthlyFee'],
    ['an empty scope', (j) => (j.scope = ''), 'scope'],
    ['incidents not a list', (j) => (j.incidents = {} as never), 'incidents'],
    ['an incident that is not an object', (j) => (j.incidents[1] = 'INC' as never), 'incidents[1]'],
    ['no incident id', (j) => delete j.incidents[0]?.id, 'incidents[0].id'],
    [
      'a start without an offset',
      (j) => Object.assign(j.incidents[0] ?? {}, { start: '2025-10-03T10:00:00' }),
      'incidents[0].start',
    ],
    [
      'a space instead of T',
      (j) => Object.assign(j.incidents[1] ?? {}, { end: '2025-10-04 10:30:00+05:00' }),
      'incidents[1].end',
    ],
    [
      'a day that does not exist',
      (j) => Object.assign(j.incidents[0] ?? {}, { start: '2025-02-30T10:00:00Z' }),
      'incidents[0].start',
    ],
    [
      'an offset without minutes',
      (j) => Object.assign(j.incidents[0] ?? {}, { start: '2025-10-03T10:00:00+05' }),
      'incidents[0].start',
    ],
    [
      'a tenth decimal of a second (finer than nanoseconds)',
      (j) => Object.assign(j.incidents[0] ?? {}, { start: '2025-10-03T10:00:00.1234567891+05:00' }),
      'incidents[0].start',
    ],
    [
      'a timestamp as epoch milliseconds',
      (j) => Object.assign(j.incidents[0] ?? {}, { start: 1759467600000 }),
      'incidents[0].start',
    ],
    [
      'end before start',
      (j) => Object.assign(j.incidents[2] ?? {}, { end: '2025-10-05T09:59:59+05:00' }),
      'incidents[2].end',
    ],
    [
      'an unknown cause',
      (j) => Object.assign(j.incidents[0] ?? {}, { cause: 'act-of-god' }),
      'incidents[0].cause',
    ],
    [
      'a restore kind the rules do not define',
      (j) => Object.assign(j.incidents[1] ?? {}, { restoreKind: 'replace' }),
      'incidents[1].restoreKind',
    ],
    [
      'dataLoss as a string',
      (j) => Object.assign(j.incidents[0] ?? {}, { dataLoss: 'yes' }),
      'incidents[0].dataLoss',
    ],
    [
      'a misspelt field',
      (j) => Object.assign(j.incidents[0] ?? {}, { dataloss: true }),
      'incidents[0].dataloss',
    ],
    ['an unknown top-level field', (j) => (j.fee = '1.00'), 'fee'],
    [
      'a repeated incident id',
      (j) => Object.assign(j.incidents[2] ?? {}, { id: 'INC-0' }),
      'incidents[2].id',
    ],
  ])('refuses %s (field %s)', (_, edit, field) => {
    const err = errorFor(withEdit(edit));
    expect([err.kind, err.field]).toEqual(['bad-input', field]);
    expect(err.message).toContain(`${field}: expected`);
  });

  it('says what was expected and what was found', () => {
    const err = errorFor(
      withEdit((j) => Object.assign(j.incidents[2] ?? {}, { end: '2025-10-05T09:00:00+05:00' })),
    );
    expect(err.message).toBe(
      'bad SLA input: incidents[2].end: expected a time not before start (2025-10-05T10:00:00+05:00), got "2025-10-05T09:00:00+05:00"',
    );
  });

  it('says a required field is missing', () => {
    const err = errorFor(withEdit((j) => delete j.monthlyFee.currency));
    expect(err.message).toBe(
      'bad SLA input: monthlyFee.currency: expected an ISO 4217 currency code, like "KZT", but it is missing',
    );
  });

  it('lists every problem, not just the first', () => {
    const err = errorFor(
      withEdit((j) => {
        j.period = '2025-13';
        j.monthlyFee.amount = '1.234';
        Object.assign(j.incidents[1] ?? {}, { cause: 'weather' });
      }),
    );
    expect(err).toBeInstanceOf(SlaInputError);
    expect((err as SlaInputError).issues.map((i) => i.field)).toEqual([
      'period',
      'monthlyFee.amount',
      'incidents[1].cause',
    ]);
    expect(err.message).toBe(
      [
        'bad SLA input (3 problems):',
        '  period: expected a month YYYY-MM (month 01–12), like "2025-10", got "2025-13"',
        '  monthlyFee.amount: expected a non-negative decimal string of at most 15 digits before the point and 2 after it (the ISO 4217 minor unit of KZT), like "150000.00", got "1.234"',
        '  incidents[1].cause: expected one of "provider"|"planned-maintenance"|"force-majeure"|"customer", got "weather"',
      ].join('\n'),
    );
    expect(err.field).toBe('period');
  });

  it.each([null, [], 'input', 42])('refuses %j as the whole input', (json) => {
    const err = errorFor(json);
    expect([err.kind, err.field, err.message]).toEqual([
      'bad-input',
      undefined,
      `bad SLA input: input: expected a JSON object, got ${JSON.stringify(json)}`,
    ]);
  });

  it('refuses a value nested too deeply to print, naming it without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(errorFor(deep).message).toBe('bad SLA input: input: expected a JSON object, got [...]');
    const nested = errorFor({ ...good(), extra: { a: deep } });
    expect([nested.field, nested.message]).toEqual([
      'extra',
      'bad SLA input: extra: expected no such field (names are case-sensitive), got {...}',
    ]);
  });

  it('refuses an input for another service', () => {
    const err = errorFor({ ...good(), service: 'colocation' });
    expect([err.kind, err.field, err.message]).toEqual([
      'service-mismatch',
      'service',
      'service: expected "dedicated-compute" (the service of the rules), got "colocation"',
    ]);
  });

  it('refuses an explicit version other than the rules version', () => {
    const err = errorFor({ ...good(), version: '2026-01-01' });
    expect([err.kind, err.field]).toEqual(['version-mismatch', 'version']);
  });
});

describe('parseSlaInput', () => {
  it('fills in dataLoss: false and keeps what it was given', () => {
    const json = slaInput('2025-10', [
      { id: 'A', start: '2025-10-03T10:00:00Z', end: '2025-10-03T10:00:00Z', cause: 'customer' },
    ]);
    expect(parseSlaInput(json)).toEqual({
      ...json,
      incidents: [{ ...json.incidents[0], dataLoss: false }],
    });
  });

  it('accepts any restore kind without rules, and only the rules ones with them', () => {
    const json = slaInput('2025-10', [
      outage('A', '2025-10-03T10:00:00+05:00', 60, { restoreKind: 'replace' }),
    ]);
    expect(parseSlaInput(json).incidents[0]?.restoreKind).toBe('replace');
    expect(() => parseSlaInput(json, RULES)).toThrow(
      'bad SLA input: incidents[0].restoreKind: expected a restore kind the rules define (reboot, repair), got "replace"',
    );
  });

  it('accepts an incident that ends the moment it starts, and offsets other than the zone', () => {
    const json = slaInput('2025-10', [
      {
        id: 'A',
        start: '2025-10-03T05:00:00Z',
        end: '2025-10-03T10:00:00+05:00',
        cause: 'provider',
      },
    ]);
    expect(parseSlaInput(json, RULES).incidents).toHaveLength(1);
  });
});

describe('JSON Schemas for the HTTP API', () => {
  it('describes the input, with dataLoss optional', () => {
    const schema = slaInputJsonSchema() as {
      $id: string;
      required: string[];
      properties: { incidents: { items: { required: string[] } } };
    };
    expect(schema.$id).toBe('https://terms.example/schema/sla-input.v1.json');
    expect(schema.required).toEqual(['service', 'period', 'monthlyFee', 'scope', 'incidents']);
    expect(schema.properties.incidents.items.required).toEqual(['id', 'start', 'end', 'cause']);
  });

  it('describes the result with every field DESIGN.md requires', () => {
    const schema = slaResultJsonSchema() as { $id: string; required: string[] };
    expect(schema.$id).toBe('https://terms.example/schema/sla-result.v1.json');
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'service',
        'version',
        'period',
        'applicable',
        'downtimeSeconds',
        'excludedSeconds',
        'availabilityPercent',
        'creditPercent',
        'credit',
        'capped',
        'dataLossCredit',
        'restoreBreaches',
      ]),
    );
  });

  it('validates real inputs and results with a JSON Schema validator', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validInput = ajv.compile(slaInputJsonSchema());
    const validResult = ajv.compile(slaResultJsonSchema());
    const json = slaInput('2025-10', [
      outage('A', '2025-10-03T10:00:00+05:00', 7200, { restoreKind: 'reboot', dataLoss: true }),
      outage('M', '2025-10-03T10:30:00Z', 600.5, { cause: 'planned-maintenance' }),
    ]);
    expect([validInput(json), validInput.errors]).toEqual([true, null]);
    const result = evaluate(RULES, json);
    expect([validResult(result), validResult.errors]).toEqual([true, null]);
    const outside = evaluate(RULES, { ...json, scope: 'elsewhere' });
    expect([validResult(outside), validResult.errors]).toEqual([true, null]);
    expect(validInput({ ...json, period: '2025-13' })).toBe(false);
  });
});
