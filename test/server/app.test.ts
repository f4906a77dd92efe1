import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { type Bundle, loadBundle, toBundleFile } from '../../src/server/bundle.js';
import { ROOT } from '../helpers/terms.js';
import { bundleBytes, DOC, MINI, PROBLEM_KEYS, schemaValidator, slaInput } from './helpers.js';

// 2025-12-31T19:30Z is already 2026-01-01 00:30 in Asia/Almaty (UTC+05:00).
const NEW_YEAR_IN_ALMATY = new Date('2025-12-31T19:30:00Z');
const IMMUTABLE = 'public, max-age=31536000, immutable';

let bundle: Bundle;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  bundle = await loadBundle(MINI);
  app = createApp({ bundle, now: () => NEW_YEAR_IN_ALMATY });
});

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k))).toEqual([]);
  expect(body.status).toBe(res.status);
  return body;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

describe('documents and static files', () => {
  it('serves the index with a strong ETag, revalidation and the page security headers', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(MINI, '/index.html'));
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"sha256-[A-Za-z0-9_-]{43}"$/);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('revalidates a versioned page (its notice of the next version changes), allowing exactly its own inline style', async () => {
    const res = await app.request(`${DOC}/ru.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe((await bundleBytes(MINI, `${DOC}/ru.html`)).toString('utf8'));
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'self' 'sha256-${sha256('main { max-width: 40em; }')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
  });

  it('offers a PDF as an attachment with an ASCII and a UTF-8 file name in its language', async () => {
    const res = await app.request(`${DOC}/kk.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="dedicated-compute-2025-09-10-kk.pdf"; filename*=UTF-8''${encodeURIComponent('Бөлінген есептеу ортасы 2025-09-10.pdf')}`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(MINI, `${DOC}/kk.pdf`));
  });

  it('names a bilingual PDF in both of its languages, left one first', async () => {
    const res = await app.request(`${DOC}/kk-ru.pdf`);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="dedicated-compute-2025-09-10-kk-ru.pdf"; filename*=UTF-8''${encodeURIComponent('Бөлінген есептеу ортасы — Выделенная вычислительная среда 2025-09-10.pdf')}`,
    );
  });

  it.each([
    ['/schema/rules.v1.json', 'application/json; charset=utf-8'],
    ['/SHA256SUMS', 'text/plain; charset=utf-8'],
    ['/assets/terms.css', 'text/css; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    [
      '/api/v1/services/dedicated-compute/versions/2025-09-10/rules.json',
      'application/json; charset=utf-8',
    ],
  ])('serves the bundle file %s by exact lookup', async (key, type) => {
    const res = await app.request(key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(MINI, key));
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await app.request(`${DOC}/kk.pdf`);
    const head = await app.request(`${DOC}/kk.pdf`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(Object.fromEntries(head.headers)).toEqual(Object.fromEntries(get.headers));
    expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
  });

  it('answers If-None-Match with 304 when any listed tag matches, weakly compared', async () => {
    const first = await app.request(`${DOC}/en.html`);
    const etag = first.headers.get('etag') as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await app.request(`${DOC}/en.html`, { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, no-cache');
    }
    const changed = await app.request(`${DOC}/en.html`, {
      headers: { 'If-None-Match': '"sha256-something-else"' },
    });
    expect(changed.status).toBe(200);
  });

  it('serves text gzipped to clients that accept it, under its own ETag', async () => {
    const plain = await app.request(`${DOC}/kk.html`);
    const res = await app.request(`${DOC}/kk.html`, {
      headers: { 'Accept-Encoding': 'gzip, deflate' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const gz = Buffer.from(await res.arrayBuffer());
    expect(gunzipSync(gz)).toEqual(await bundleBytes(MINI, `${DOC}/kk.html`));
    expect(res.headers.get('content-length')).toBe(String(gz.length));
    expect(res.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const refused = await app.request(`${DOC}/kk.html`, {
      headers: { 'Accept-Encoding': 'gzip;q=0' },
    });
    expect(refused.headers.get('content-encoding')).toBeNull();
    const revalidated = await app.request(`${DOC}/kk.html`, {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': res.headers.get('etag') as string },
    });
    expect(revalidated.status).toBe(304);
  });

  it('never follows a symbolic link out of the bundle', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'terms-bundle-'));
    try {
      const dir = path.join(base, 'dist');
      await cp(MINI, dir, { recursive: true });
      await symlink(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      await symlink(ROOT, path.join(dir, 'repo'));
      const linked = createApp({ bundle: await loadBundle(dir) });
      expect(
        [...(await loadBundle(dir)).files.keys()].filter((k) => /package|repo/.test(k)),
      ).toEqual([]);
      for (const url of ['/package.json', '/repo/package.json']) {
        const res = await linked.request(url);
        expect(res.status, url).toBe(404);
        expect((await problemOf(res)).type).toBe('https://terms.example/problems/not-found');
      }
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('current and by-date lookups', () => {
  it('redirects current to the version in force today in Almaty, cached briefly', async () => {
    const res = await app.request('/terms/dedicated-compute/current/ru.pdf');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/terms/dedicated-compute/2026-01-01/ru.pdf');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('still redirects to the old version an hour before midnight in Almaty', async () => {
    const late = createApp({ bundle, now: () => new Date('2025-12-31T18:30:00Z') });
    const res = await late.request('/terms/dedicated-compute/current/kk.html');
    expect(res.headers.get('location')).toBe('/terms/dedicated-compute/2025-09-10/kk.html');
  });

  it('refuses current before the first version takes effect', async () => {
    const early = createApp({ bundle, now: () => new Date('2025-09-09T12:00:00Z') });
    const res = await early.request('/terms/dedicated-compute/current/kk.html');
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/no-version-in-force',
      detail:
        'no version of "dedicated-compute" is in force on 2025-09-09: the first takes effect on 2025-09-10',
    });
  });

  it.each([
    ['2025-09-10', '2025-09-10'],
    ['2025-12-31', '2025-09-10'],
    ['2026-01-01', '2026-01-01'],
    ['2026-07-01', '2026-01-01'], // the 2026-06-01 draft never answers a by-date lookup
  ])('answers ?at=%s with the rules of %s and names the versioned URL', async (at, version) => {
    const res = await app.request(`/api/v1/services/dedicated-compute/rules?at=${at}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-location')).toBe(
      `/api/v1/services/dedicated-compute/versions/${version}/rules`,
    );
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const key = `/api/v1/services/dedicated-compute/versions/${version}/rules.json`;
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(MINI, key));
  });

  it.each([
    [
      'at=2025-02-30',
      400,
      'bad-date',
      'at: expected an existing calendar date YYYY-MM-DD, got "2025-02-30"',
    ],
    [
      'at=2025-13-01',
      400,
      'bad-date',
      'at: expected an existing calendar date YYYY-MM-DD, got "2025-13-01"',
    ],
    [
      'at=20250910',
      400,
      'bad-date',
      'at: expected an existing calendar date YYYY-MM-DD, got "20250910"',
    ],
    ['', 400, 'bad-date', 'at: expected a date YYYY-MM-DD, like ?at=2025-10-01, but it is missing'],
    [
      'at=2025-10-01&at=2026-01-01',
      400,
      'repeated-parameter',
      'at: expected one date, got 2 ("2025-10-01", "2026-01-01"): which one counts would be a guess',
    ],
    [
      'at=2025-10-01&at=2025-10-01',
      400,
      'repeated-parameter',
      'at: expected one date, got 2 ("2025-10-01", "2025-10-01"): which one counts would be a guess',
    ],
    [
      'at=2025-09-09',
      404,
      'no-version-in-force',
      'no version of "dedicated-compute" is in force on 2025-09-09: the first takes effect on 2025-09-10',
    ],
  ])('refuses ?%s with %i %s', async (query, status, kind, detail) => {
    const res = await app.request(`/api/v1/services/dedicated-compute/rules?${query}`);
    expect(res.status).toBe(status);
    expect(await problemOf(res)).toEqual({
      type: `https://terms.example/problems/${kind}`,
      title: status === 400 ? 'Bad Request' : 'Not Found',
      status,
      detail,
      instance: `/api/v1/services/dedicated-compute/rules?${query}`.replace(/\?$/, ''),
      field: 'at',
    });
  });
});

describe('the rules API', () => {
  it('lists services and versions from the bundle, revalidated on every use', async () => {
    for (const [url, key] of [
      ['/api/v1/services', '/api/v1/services.json'],
      [
        '/api/v1/services/dedicated-compute/versions',
        '/api/v1/services/dedicated-compute/versions.json',
      ],
    ] as const) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, no-cache');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(MINI, key));
    }
  });

  it('revalidates the rules of a version: their effectiveTo changes when a successor is published', async () => {
    const res = await app.request('/api/v1/services/dedicated-compute/versions/2026-01-01/rules');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(((await res.json()) as { version: string }).version).toBe('2026-01-01');
  });

  it('revalidates the rules of a draft (bundled with --drafts): a draft can still change', async () => {
    const res = await app.request('/api/v1/services/dedicated-compute/versions/2026-06-01/rules');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: string }).version).toBe('2026-06-01');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
  });

  it.each([
    [
      '/api/v1/services/nope/versions',
      'unknown-service',
      'unknown service "nope" (known: dedicated-compute)',
    ],
    [
      '/api/v1/services/nope/rules?at=2025-10-01',
      'unknown-service',
      'unknown service "nope" (known: dedicated-compute)',
    ],
    [
      '/api/v1/services/dedicated-compute/versions/2024-01-01/rules',
      'unknown-version',
      'unknown version "2024-01-01" of service "dedicated-compute" (known: 2025-09-10, 2026-01-01, 2026-06-01)',
    ],
    [
      '/terms/nope/2025-09-10/kk.html',
      'unknown-service',
      'unknown service "nope" (known: dedicated-compute)',
    ],
    [
      '/terms/dedicated-compute/2099-01-01/kk.html',
      'unknown-version',
      'unknown version "2099-01-01" of service "dedicated-compute" (known: 2025-09-10, 2026-01-01, 2026-06-01)',
    ],
    [
      `${DOC}/de.html`,
      'unknown-language',
      'unknown language "de" in "de.html": expected kk, ru or en',
    ],
    [
      `${DOC}/kk-de.pdf`,
      'unknown-language',
      'unknown language "de" in "kk-de.pdf": expected kk, ru or en',
    ],
    [
      '/terms/dedicated-compute/current/de.pdf',
      'unknown-language',
      'unknown language "de" in "de.pdf": expected kk, ru or en',
    ],
    [
      `${DOC}/en-kk.pdf`,
      'unknown-document',
      'no document "en-kk.pdf" is published for this version',
    ],
    [
      `${DOC}/kk.docx`,
      'unknown-document',
      'unknown document "kk.docx": expected <lang>.html or <lang>.pdf (lang kk, ru or en, or a pair like kk-ru)',
    ],
    ['/api/v2/services', 'not-found', 'nothing is published at /api/v2/services'],
    ['/api/v1/services/', 'not-found', 'nothing is published at /api/v1/services/'],
  ])('answers %s with 404 %s', async (url, kind, detail) => {
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({
      type: `https://terms.example/problems/${kind}`,
      title: 'Not Found',
      detail,
      instance: url,
    });
  });

  it('describes itself in OpenAPI 3.1 with schemas the answers validate against', async () => {
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"sha256-/);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, object> };
    };
    expect(doc.openapi).toBe('3.1.1');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/openapi.json',
      '/api/v1/services',
      '/api/v1/services/{service}/rules',
      '/api/v1/services/{service}/versions',
      '/api/v1/services/{service}/versions/{version}/rules',
      '/api/v1/sla/evaluate',
      '/healthz',
    ]);
    const check = schemaValidator(doc);
    const rules = await app.request('/api/v1/services/dedicated-compute/rules?at=2025-10-01');
    expect(check('RulesV1', await rules.json())).toEqual([]);
    const sla = await post(JSON.stringify(slaInput()));
    expect(check('SlaResult', await sla.json())).toEqual([]);
    expect(check('SlaInput', slaInput())).toEqual([]);
    expect(check('Problem', await (await app.request('/nope')).json())).toEqual([]);
    const badInput = await post(JSON.stringify(slaInput({ period: '2025-13' })));
    expect(check('Problem', await badInput.json())).toEqual([]);
    expect(check('RulesV1', { schemaVersion: 2 })).not.toEqual([]);
  });

  it('answers /healthz', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', files: bundle.files.size });
  });
});

function post(body: BodyInit, type: string | null = 'application/json') {
  return app.request('/api/v1/sla/evaluate', {
    method: 'POST',
    body,
    headers: type === null ? {} : { 'Content-Type': type },
  });
}

describe('POST /api/v1/sla/evaluate', () => {
  it('evaluates under the version in force on the first day of the period', async () => {
    const res = await post(JSON.stringify(slaInput()));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      service: 'dedicated-compute',
      version: '2025-09-10',
      period: { month: '2025-10', start: '2025-10-01T00:00:00+05:00', seconds: 2678400 },
      applicable: true,
      downtimeSeconds: 5400,
      availabilityPercent: 99.7984,
      creditPercent: 5,
      credit: { amount: '7500.00', currency: 'KZT' },
      capped: false,
      dataLossCredit: { amount: '0.00', currency: 'KZT' },
      restoreBreaches: [],
    });
  });

  it('uses the rules of the next version from its first month, or the version the input names', async () => {
    const lost = (period: string, day: string, version?: string) =>
      slaInput({
        period,
        ...(version ? { version } : {}),
        incidents: [
          {
            id: 'INC-9',
            start: `${day}T10:00:00+05:00`,
            end: `${day}T10:30:00+05:00`,
            cause: 'provider',
            dataLoss: true,
          },
        ],
      });
    const january = await (await post(JSON.stringify(lost('2026-01', '2026-01-05')))).json();
    expect(january).toMatchObject({
      version: '2026-01-01',
      dataLossCredit: { amount: '90000.00' },
    });
    const named = await (
      await post(JSON.stringify(lost('2026-01', '2026-01-05', '2025-09-10')))
    ).json();
    expect(named).toMatchObject({ version: '2025-09-10', dataLossCredit: { amount: '75000.00' } });
  });

  it('accepts exactly 1 MB and refuses 1 MB + 1 byte with 413', async () => {
    const json = JSON.stringify(slaInput());
    const exact = json + ' '.repeat(1024 * 1024 - Buffer.byteLength(json));
    expect((await post(exact)).status).toBe(200);
    const res = await post(`${exact} `);
    expect(res.status).toBe(413);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/body-too-large',
      title: 'Content Too Large',
      detail: 'the body is larger than 1048576 bytes',
    });
  });

  it('counts a streamed body without Content-Length and stops it at 1 MB', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Endless: only the limit ends it.
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await app.request('/api/v1/sla/evaluate', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it.each([
    ['text/plain', '"text/plain"'],
    ['application/x-www-form-urlencoded', '"application/x-www-form-urlencoded"'],
    ['application/json; charset=iso-8859-1', '"application/json; charset=iso-8859-1"'],
    [null, 'none'],
  ])('refuses Content-Type %s with 415', async (type, shown) => {
    // Bytes, not a string: a string body would make fetch add text/plain itself.
    const res = await post(new TextEncoder().encode(JSON.stringify(slaInput())), type);
    expect(res.status).toBe(415);
    expect(res.headers.get('accept-post')).toBe('application/json');
    expect((await problemOf(res)).detail).toBe(
      `expected Content-Type: application/json, got ${shown}`,
    );
  });

  it('accepts application/json with a UTF-8 charset', async () => {
    expect((await post(JSON.stringify(slaInput()), 'application/json; charset=UTF-8')).status).toBe(
      200,
    );
  });

  it.each([
    [
      '{"service": "dedicated-compute",',
      /JSON: Expected double-quoted property name in JSON at position 32/,
    ],
    ['{"service": ]', /JSON: Unexpected token '\]', "\{"service": \]" is not valid JSON$/],
    ['', /JSON: the body is empty$/],
    [
      new Uint8Array([0x7b, 0xff, 0x7d]),
      /JSON: The encoded data was not valid for encoding utf-8$/,
    ],
  ])('refuses the broken body %o with 400 bad-json naming the problem', async (body, detail) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.type).toBe('https://terms.example/problems/bad-json');
    expect(problem.detail).toMatch(/^expected the SLA input as UTF-8 JSON: /);
    expect(problem.detail).toMatch(detail);
  });

  it('refuses bad SLA input with 400 naming every bad field', async () => {
    const input = slaInput({
      incidents: [
        {
          id: 'INC-1',
          start: '2025-10-03T11:30:00+05:00',
          end: '2025-10-03T10:00:00+05:00',
          cause: 'provider',
        },
      ],
      monthlyFee: { amount: '150000.001', currency: 'KZT' },
    });
    const res = await post(JSON.stringify(input));
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem).toMatchObject({ type: 'https://terms.example/problems/bad-input' });
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'incidents[0].end',
      'monthlyFee.amount',
    ]);
    expect(['incidents[0].end', 'monthlyFee.amount']).toContain(problem.field);
  });

  it.each([
    [{ service: 'nope' }, 'unknown-service', 'service'],
    [{ period: '2025-08' }, 'no-version-in-force', 'period'],
    [{ version: '2024-01-01' }, 'unknown-version', 'version'],
    [{ period: '2025-02-30' }, 'bad-input', 'period'],
  ])('refuses %o with 400 %s naming the field', async (overrides, kind, field) => {
    const res = await post(JSON.stringify(slaInput(overrides)));
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      type: `https://terms.example/problems/${kind}`,
      field,
    });
  });
});

describe('methods', () => {
  it.each([
    ['POST', '/api/v1/services', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/', 'GET, HEAD, OPTIONS'],
    ['PUT', `${DOC}/kk.html`, 'GET, HEAD, OPTIONS'],
    ['POST', '/api/v1/services/dedicated-compute/rules?at=2025-10-01', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/schema/rules.v1.json', 'GET, HEAD, OPTIONS'],
    ['GET', '/api/v1/sla/evaluate', 'POST, OPTIONS'],
    ['PUT', '/api/v1/sla/evaluate', 'POST, OPTIONS'],
  ])('refuses %s %s with 405 and Allow: %s', async (method, url, allow) => {
    const res = await app.request(url, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(await problemOf(res)).toMatchObject({
      type: 'https://terms.example/problems/method-not-allowed',
      detail: `${method} is not allowed here; allowed: ${allow}`,
    });
  });

  it('answers OPTIONS with what is allowed', async () => {
    const res = await app.request('/api/v1/sla/evaluate', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('paths outside the bundle', () => {
  // Request URLs are normalized before the app sees them (WHATWG URL parsing removes `..`,
  // `%2e%2e` and turns `\` into `/`), so some spellings arrive as a harmless path that is
  // simply not in the bundle (404); the rest are refused as they are (400). Over a real
  // socket the raw spelling reaches the app and all of them are 400 (socket.test.ts).
  it.each([
    ['/terms/../package.json', 404],
    ['/terms/%2e%2e/%2e%2e/package.json', 404],
    ['/terms/.%2E/.%2e/package.json', 404],
    ['/terms/dedicated-compute%2f..%2f..%2fpackage.json', 400],
    ['/terms/dedicated-compute%2F..%2F..%2Fpackage.json', 400],
    ['/terms/dedicated-compute/2025-09-10/..%5c..%5cpackage.json', 400],
    ['/terms/dedicated-compute/2025-09-10/..\\..\\..\\..\\package.json', 404],
    ['/terms/dedicated-compute/2025-09-10/kk.html%00.pdf', 400],
    ['/terms/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', 400],
    ['/terms/%e0%80%ae%e0%80%ae/package.json', 400],
    ['/terms/%zz/package.json', 400],
    ['/%2e%2e%2fpackage.json', 400],
    ['/api/v1/services/..%2f..%2fpackage.json/versions', 400],
  ])('never serves %s (status %i)', async (url, status) => {
    const res = await app.request(url);
    expect(res.status).toBe(status);
    const problem = await problemOf(res);
    expect(problem.type).toBe(
      `https://terms.example/problems/${status === 400 ? 'bad-path' : 'not-found'}`,
    );
  });

  it('refuses the raw spellings the adapter passes through, before any lookup', async () => {
    // What a socket hands over as env.incoming: the request target as sent.
    for (const target of [
      '/terms/../package.json',
      '/terms/%2e%2e/%2e%2e/package.json',
      '/terms/dedicated-compute/2025-09-10/..\\..\\package.json',
    ]) {
      const res = await app.request('/index.html', {}, { incoming: { url: target } });
      expect(res.status, target).toBe(400);
      expect((await problemOf(res)).type).toBe('https://terms.example/problems/bad-path');
    }
  });
});

describe('a broken bundle', () => {
  it('fails at start, naming the missing file', async () => {
    const files = new Map(bundle.files);
    files.delete('/api/v1/services.json');
    expect(() => createApp({ bundle: { dir: '/srv/dist', files } })).toThrow(
      'not a terms bundle: /srv/dist has no api/v1/services.json',
    );
  });

  it('fails at start when a list of versions is malformed', async () => {
    const files = new Map(bundle.files);
    const key = '/api/v1/services/dedicated-compute/versions.json';
    files.set(key, toBundleFile(key, new TextEncoder().encode('{"service": "dedicated-compute"}')));
    expect(() => createApp({ bundle: { dir: '/srv/dist', files } })).toThrow(
      /^not a terms bundle: \/srv\/dist\/api\/v1\/services\/dedicated-compute\/versions\.json is malformed: .*timeZone/s,
    );
  });
});
