import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import { JSON_LIMITS, MAX_INCIDENTS, MAX_TEXT, readSlaJson } from '../../src/sla/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The error reading `text` gives, as [kind, field, message]. */
function refusal(text: string | Uint8Array): [string, string | undefined, string] {
  try {
    readSlaJson(typeof text === 'string' ? bytes(text) : text);
  } catch (err) {
    if (err instanceof InputError) return [err.kind, err.field, err.message];
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('readSlaJson: duplicate keys are ambiguous', () => {
  it('refuses a key given twice, naming where', () => {
    expect(refusal('{"period": "2025-10", "period": "2025-11"}')).toEqual([
      'duplicate-key',
      'period',
      'period: expected each field once in an object, got "period" twice (which one counts would be a guess)',
    ]);
    const nested =
      '{"incidents": [{"id": "A"}, {"id": "B", "cause": "provider", "cause": "customer"}]}';
    expect(refusal(nested).slice(0, 2)).toEqual(['duplicate-key', 'incidents[1].cause']);
    expect(refusal('{"monthlyFee": {"amount": "1", "currency": "KZT", "amount": "2"}}')[1]).toBe(
      'monthlyFee.amount',
    );
  });

  it('compares keys as JSON reads them, escapes decoded', () => {
    expect(refusal('{"cause": 1, "c\\u0061use": 2}')[1]).toBe('cause');
    expect(refusal('{"a\\"b": 1, "a\\u0022b": 2}')[0]).toBe('duplicate-key');
  });

  it('takes the same key in different objects, and strings that only look like keys', () => {
    const text =
      '{"a": {"id": 1}, "b": {"id": 1}, "list": ["a", "a", {"a": ":"}], "s": "\\"a\\": 1", "a\\\\": 2}';
    expect(readSlaJson(bytes(text))).toEqual(JSON.parse(text));
  });
});

describe('readSlaJson: shapes no SLA input has are refused before JSON.parse pays for them', () => {
  it(`nests at most ${JSON_LIMITS.depth} levels`, () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(readSlaJson(bytes(deep(JSON_LIMITS.depth)))).toBeInstanceOf(Array);
    expect(refusal(deep(JSON_LIMITS.depth + 1))).toEqual([
      'bad-json',
      `[0]${'[0]'.repeat(JSON_LIMITS.depth - 1)}`,
      `expected the SLA input as UTF-8 JSON: nested more than ${JSON_LIMITS.depth} levels deep`,
    ]);
    expect(refusal(deep(500_000))[2]).toMatch(/nested more than 16 levels deep$/);
  });

  it(`takes at most ${JSON_LIMITS.keys} fields in an object`, () => {
    const object = (n: number) =>
      `{"monthlyFee": {${Array.from({ length: n }, (_, k) => `"k${k}": ${k}`).join(', ')}}}`;
    expect(
      Object.keys((readSlaJson(bytes(object(64))) as { monthlyFee: object }).monthlyFee),
    ).toHaveLength(64);
    expect(refusal(object(65))).toEqual([
      'bad-json',
      'monthlyFee',
      'expected the SLA input as UTF-8 JSON: more than 64 fields in one object',
    ]);
  });

  it(`takes strings of at most ${JSON_LIMITS.stringBytes} bytes, keys and values alike`, () => {
    const fee = (amount: string) => `{"monthlyFee": {"amount": "${amount}"}}`;
    expect(readSlaJson(bytes(fee('9'.repeat(JSON_LIMITS.stringBytes))))).toEqual({
      monthlyFee: { amount: '9'.repeat(JSON_LIMITS.stringBytes) },
    });
    const reason = `expected the SLA input as UTF-8 JSON: a string of more than ${JSON_LIMITS.stringBytes} bytes (ids and names have at most ${MAX_TEXT} characters)`;
    expect(refusal(fee('9'.repeat(1_000_000)))).toEqual(['bad-json', 'monthlyFee.amount', reason]);
    expect(refusal(`{"incidents": [{"${'k'.repeat(JSON_LIMITS.stringBytes + 1)}": 1}]}`)).toEqual([
      'bad-json',
      'incidents[0]',
      reason,
    ]);
  });

  it(`takes at most ${JSON_LIMITS.values} values`, () => {
    const list = (n: number) =>
      `{"incidents": [${Array(n - 2)
        .fill('{}')
        .join(',')}]}`;
    expect(
      (readSlaJson(bytes(list(JSON_LIMITS.values))) as { incidents: [] }).incidents,
    ).toHaveLength(JSON_LIMITS.values - 2);
    expect(refusal(list(JSON_LIMITS.values + 1))).toEqual([
      'bad-json',
      `incidents[${JSON_LIMITS.values - 2}]`,
      `expected the SLA input as UTF-8 JSON: more than ${JSON_LIMITS.values} values (an input has at most ${MAX_INCIDENTS} incidents)`,
    ]);
  });
});

describe('readSlaJson: bytes that are not one JSON text', () => {
  it.each([
    ['', 'the body is empty'],
    [' \n\t', 'the body is empty'],
    ['{"a": 1', "Expected ',' or '}' after property value in JSON at position 7"],
    ['{"a": "unterminated}', 'Unterminated string in JSON at position 20'],
    ['{"a\\x": 1}', 'Bad escaped character in JSON at position 4'],
    ['{"a": 1} {"b": 2}', 'Unexpected non-whitespace character after JSON at position 9'],
  ])('refuses %j', (text, reason) => {
    expect(refusal(text)).toEqual([
      'bad-json',
      undefined,
      `expected the SLA input as UTF-8 JSON: ${reason}`,
    ]);
  });

  it('refuses bytes that are not UTF-8, and drops a byte order mark', () => {
    expect(refusal(new Uint8Array([0x7b, 0xff, 0x7d]))[2]).toBe(
      'expected the SLA input as UTF-8 JSON: The encoded data was not valid for encoding utf-8',
    );
    expect(readSlaJson(bytes('\uFEFF{"a": "\uFEFF"}'))).toEqual({ a: '\uFEFF' });
  });

  it('reads what JSON.parse reads, within the limits (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value, null, Math.random() < 0.5 ? 2 : undefined);
        expect(readSlaJson(bytes(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('answers any string with a value or an InputError, never a crash (property)', () => {
    const json = fc.constantFrom(...'{}[]",:\\ 0-1e.tfnrulsa\u00e9'.split(''));
    fc.assert(
      fc.property(fc.array(json, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        let parsed: unknown;
        let valid = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          valid = false;
        }
        try {
          const read = readSlaJson(bytes(text));
          expect([valid, read]).toEqual([true, parsed]);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
