import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadBundle } from '../../src/server/bundle.js';
import { wrongIncident } from '../helpers/sla.js';
import { MINI, PROBLEM_KEYS, slaInput } from './helpers.js';

// POST /api/v1/sla/evaluate is bounded and unambiguous: the answers that show it, over HTTP.

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  app = createApp({ bundle: await loadBundle(MINI) });
});

const LIMIT = 1024 * 1024;
const ROUTE = '/api/v1/sla/evaluate';

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return app.request(ROUTE, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k))).toEqual([]);
  return body;
}

/** `count` one-minute provider outages, 2,000 s apart from 2025-10-01. */
const outages = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const start = Date.parse('2025-10-01T00:00:00+05:00') + i * 2_000_000;
    return {
      id: `I${i}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 60_000).toISOString(),
      cause: 'provider',
    };
  });

/** A 5 % month (2,593 s down in November 2025) for a fee. */
const fivepercent = (amount: string, currency: string) =>
  JSON.stringify(
    slaInput({
      period: '2025-11',
      monthlyFee: { amount, currency },
      incidents: [
        {
          id: 'A',
          start: '2025-11-10T00:00:00+05:00',
          end: '2025-11-10T00:43:13+05:00',
          cause: 'provider',
        },
      ],
    }),
  );

describe('POST /api/v1/sla/evaluate: bounded', () => {
  it('answers 1 MB of bad incidents with a short problem, not a 17 MB list', async () => {
    const one = JSON.stringify(wrongIncident(0));
    const count = Math.floor((LIMIT - 300) / (one.length + 1));
    const body = JSON.stringify(
      slaInput({ incidents: Array.from({ length: count }, (_, i) => wrongIncident(i)) }),
    );
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    const res = await post(body);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(4096);
  });

  it('lists the first 100 problems of 3,000 and counts them all', async () => {
    const res = await post(
      JSON.stringify(
        slaInput({ incidents: Array.from({ length: 500 }, (_, i) => wrongIncident(i)) }),
      ),
    );
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect((problem.errors as unknown[]).length).toBe(100);
    expect(problem.detail).toMatch(/^bad SLA input \(3000 problems, the first 100 listed\):\n/);
    expect(problem.field).toBe('incidents[0].id');
  });

  it('evaluates 500 incidents and refuses 501, naming the field', async () => {
    expect((await post(JSON.stringify(slaInput({ incidents: outages(500) })))).status).toBe(200);
    const res = await post(JSON.stringify(slaInput({ incidents: outages(501) })));
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/bad-input',
      field: 'incidents',
      detail: 'bad SLA input: incidents: expected at most 500 incidents, got 501',
    });
  });

  it('refuses 1 MB of nesting as JSON it does not read', async () => {
    const res = await post(`${'['.repeat(LIMIT / 2)}${']'.repeat(LIMIT / 2)}`);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/bad-json',
      detail: 'expected the SLA input as UTF-8 JSON: nested more than 16 levels deep',
    });
  });

  it('refuses a fee of 16 digits before the point', async () => {
    expect((await post(fivepercent('999999999999999', 'KZT'))).status).toBe(200);
    const res = await post(fivepercent('1000000000000000', 'KZT'));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe('monthlyFee.amount');
  });
});

describe('POST /api/v1/sla/evaluate: ISO 4217 money', () => {
  it.each(['XXX', 'ZZZ'])('refuses the currency %s', async (code) => {
    const res = await post(fivepercent('100.00', code));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe('monthlyFee.currency');
  });

  it('credits JPY in whole yen and refuses a fee in fractions of a yen', async () => {
    const res = await post(fivepercent('201', 'JPY'));
    expect(await res.json()).toMatchObject({
      creditPercent: 5,
      credit: { amount: '10', currency: 'JPY' },
      dataLossCredit: { amount: '0', currency: 'JPY' },
    });
    const refused = await post(fivepercent('201.20', 'JPY'));
    expect(refused.status).toBe(400);
    expect((await problemOf(refused)).field).toBe('monthlyFee.amount');
  });
});

describe('POST /api/v1/sla/evaluate: unambiguous', () => {
  it('shows an availability inside the tier it applies (2,506 s down in February 2028)', async () => {
    const body = JSON.stringify(
      slaInput({
        period: '2028-02',
        incidents: [
          {
            id: 'A',
            start: '2028-02-15T12:00:00+05:00',
            end: '2028-02-15T12:41:46+05:00',
            cause: 'provider',
          },
        ],
      }),
    );
    expect(await (await post(body)).json()).toMatchObject({
      downtimeSeconds: 2506,
      availabilityPercent: 99.8999,
      availabilityFraction: '2503094/2505600',
      creditPercent: 5,
    });
  });

  it('refuses a key given twice, naming it', async () => {
    const text = JSON.stringify(slaInput()).replace(
      '"cause":"provider"',
      '"cause":"provider","cause":"customer"',
    );
    expect(text).toContain('"cause":"customer"');
    const res = await post(text);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/duplicate-key',
      field: 'incidents[0].cause',
    });
  });

  it.each(['gzip', 'br', 'deflate, gzip'])(
    'refuses Content-Encoding: %s with 415',
    async (coding) => {
      const res = await post(new Uint8Array(gzipSync(JSON.stringify(slaInput()))), {
        'Content-Encoding': coding,
      });
      expect(res.status).toBe(415);
      expect(res.headers.get('accept-encoding')).toBe('identity');
      expect(await problemOf(res)).toMatchObject({
        type: 'https://terms.example/problems/unsupported-content-encoding',
        detail: `expected a body without Content-Encoding (none is decoded here), got "${coding}"`,
      });
    },
  );

  it('takes Content-Encoding: identity', async () => {
    const res = await post(JSON.stringify(slaInput()), { 'Content-Encoding': 'identity' });
    expect(res.status).toBe(200);
  });
});
