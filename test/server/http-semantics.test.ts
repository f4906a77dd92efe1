import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadBundle, toBundleFile } from '../../src/server/bundle.js';
import { parseRange } from '../../src/server/range.js';
import { bundleBytes, DOC, MINI, PROBLEM_KEYS } from './helpers.js';

// Ranges, compression and preconditions (RFC 9110), called in-process: the same answers the
// socket gets, hot path (exact targets) and router (every other spelling) alike.
let app: ReturnType<typeof createApp>;
let html: Buffer;
let pdf: Buffer;
const PAGE = `${DOC}/kk.html`;
const PDF = `${DOC}/kk.pdf`;
beforeAll(async () => {
  app = createApp({ bundle: await loadBundle(MINI) });
  html = await bundleBytes(MINI, PAGE);
  pdf = await bundleBytes(MINI, PDF);
});

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(url, { method, headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k))).toEqual([]);
  return body;
}

describe('range requests', () => {
  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=10-19', 10, 19],
    ['bytes=-5', 'size-5', 'last'],
    ['bytes=20-', 20, 'last'],
    ['bytes=0-999999', 0, 'last'],
    ['bytes=-999999', 0, 'last'],
    ['BYTES = 3-4', 3, 4],
    ['bytes= 3-4 ', 3, 4],
  ])('answers Range: %s with 206 and that part', async (range, from, to) => {
    const size = pdf.length;
    const start = from === 'size-5' ? size - 5 : (from as number);
    const end = to === 'last' ? size - 1 : (to as number);
    const res = await get(PDF, { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(res.headers.get('etag')).toBe((await get(PDF)).headers.get('etag'));
    expect(await bytes(res)).toEqual(pdf.subarray(start, end + 1));
  });

  it('answers a range past the end with 416 and the size, as problem+json', async () => {
    for (const range of [`bytes=${pdf.length}-`, 'bytes=999999-1000000', 'bytes=-0']) {
      const res = await get(PDF, { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
      expect(await problemOf(res)).toMatchObject({
        type: 'https://terms.example/problems/range-not-satisfiable',
        title: 'Range Not Satisfiable',
        status: 416,
        detail: `no byte of the requested range is within the ${pdf.length} bytes of this file`,
        instance: PDF,
      });
    }
  });

  it.each([
    'bytes=5-2',
    'bytes=abc',
    'bytes=1-2-3',
    'bytes=--1',
    'bytes=',
    'bytes',
    'items=0-9',
    '0-9',
    'bytes=0-1,3-4',
    'bytes=0-1, -1',
  ])('ignores the malformed or multiple Range %s: the whole file, 200', async (range) => {
    const res = await get(PDF, { Range: range });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBeNull();
    expect(await bytes(res)).toEqual(pdf);
  });

  it('honours If-Range only when it names the current ETag (a date never does)', async () => {
    const etag = (await get(PDF)).headers.get('etag') as string;
    expect((await get(PDF, { Range: 'bytes=0-3', 'If-Range': etag })).status).toBe(206);
    for (const ifRange of ['"sha256-old"', `W/${etag}`, 'Wed, 21 Oct 2099 07:28:00 GMT']) {
      const res = await get(PDF, { Range: 'bytes=0-3', 'If-Range': ifRange });
      expect(res.status, ifRange).toBe(200);
      expect(await bytes(res)).toEqual(pdf);
    }
  });

  it('advertises ranges on the file bytes, and ignores Range on HEAD and on compressed answers', async () => {
    expect((await get(PDF)).headers.get('accept-ranges')).toBe('bytes');
    expect((await get(PAGE)).headers.get('accept-ranges')).toBe('bytes');
    const head = await get(PDF, { Range: 'bytes=0-3' }, 'HEAD');
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(pdf.length)]);
    const gz = await get(PAGE, { Range: 'bytes=0-3', 'Accept-Encoding': 'gzip' });
    expect([gz.status, gz.headers.get('accept-ranges')]).toEqual([200, null]);
    expect(gunzipSync(await bytes(gz))).toEqual(html);
    expect((await get(PAGE, { Range: 'bytes=0-3' })).status).toBe(206);
  });

  it('reads a Range header as RFC 9110 says', () => {
    expect(parseRange('bytes=0-0', 1)).toEqual({ kind: 'part', start: 0, end: 0 });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=9-9', 10)).toEqual({ kind: 'part', start: 9, end: 9 });
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('compression', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.9, br;q=1.0', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=0, br;q=0', null],
    ['identity', null],
    ['deflate', null],
    ['', null],
  ])('answers Accept-Encoding: %s with %s', async (accept, coding) => {
    const res = await get(PAGE, { 'Accept-Encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(coding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = await bytes(res);
    expect(res.headers.get('content-length')).toBe(String(body.length));
    const decoded =
      coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body;
    expect(decoded).toEqual(html);
  });

  it('gives each encoding its own strong ETag and revalidates it', async () => {
    const tags = new Set<string>();
    for (const accept of ['br', 'gzip', 'identity']) {
      const res = await get(PAGE, { 'Accept-Encoding': accept });
      const etag = res.headers.get('etag') as string;
      tags.add(etag);
      const again = await get(PAGE, { 'Accept-Encoding': accept, 'If-None-Match': etag });
      expect(again.status, accept).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
    }
    expect(tags.size).toBe(3);
  });

  it('never compresses a PDF, small files or JSON too short to gain', async () => {
    const res = await get(PDF, { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    const small = await get('/api/v1/services/dedicated-compute/versions/2025-09-10/rules', {
      'Accept-Encoding': 'br, gzip',
    });
    expect(small.headers.get('content-encoding')).toBe(
      (await bundleBytes(MINI, '/api/v1/services/dedicated-compute/versions/2025-09-10/rules.json'))
        .length >= 1024
        ? 'br'
        : null,
    );
  });

  it('serves Atom feeds as UTF-8 Atom, precompressed like pages', () => {
    const feed = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">${'<entry><title>Қызмет</title></entry>'.repeat(40)}</feed>\n`;
    const file = toBundleFile('/terms/dedicated-compute/feed.atom', new TextEncoder().encode(feed));
    expect(file.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(brotliDecompressSync(file.br?.body ?? new Uint8Array()).toString()).toBe(feed);
    expect(gunzipSync(file.gzip?.body ?? new Uint8Array()).toString()).toBe(feed);
  });
});

describe('preconditions', () => {
  it('answers If-Match with the current ETag (or *) and refuses any other with 412', async () => {
    const etag = (await get(PDF)).headers.get('etag') as string;
    for (const ifMatch of [etag, `"a", ${etag}`, '*'])
      expect((await get(PDF, { 'If-Match': ifMatch })).status, ifMatch).toBe(200);
    for (const ifMatch of ['"sha256-other"', `W/${etag}`, 'garbage']) {
      const res = await get(PDF, { 'If-Match': ifMatch });
      expect(res.status, ifMatch).toBe(412);
      expect(res.headers.get('etag')).toBe(etag);
      expect(await problemOf(res)).toMatchObject({
        type: 'https://terms.example/problems/precondition-failed',
        title: 'Precondition Failed',
        status: 412,
        instance: PDF,
      });
    }
  });

  it('checks If-Match before If-None-Match (RFC 9110 13.2.2)', async () => {
    const etag = (await get(PDF)).headers.get('etag') as string;
    const res = await get(PDF, { 'If-Match': '"other"', 'If-None-Match': etag });
    expect(res.status).toBe(412);
    expect((await get(PDF, { 'If-Match': etag, 'If-None-Match': etag })).status).toBe(304);
    expect((await get(PDF, { 'If-None-Match': etag, Range: 'bytes=0-1' })).status).toBe(304);
  });

  it('answers by-date lookups and their conditionals like files', async () => {
    const url = '/api/v1/services/dedicated-compute/rules?at=2025-10-01';
    const first = await get(url);
    const etag = first.headers.get('etag') as string;
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(url, { 'If-Match': '"x"' })).status).toBe(412);
    expect((await get(url, { Range: 'bytes=0-0' })).headers.get('content-range')).toMatch(
      /^bytes 0-0\//,
    );
  });
});

describe('the hot path and the router', () => {
  // The hot path takes only exact targets; every other spelling goes through the router,
  // which must land on the same precomputed answers.
  it.each([
    [PDF, '/terms/dedicated%2Dcompute/2025-09-10/kk.pdf'],
    [PAGE, `${PAGE}?from=feed`],
    ['/api/v1/services', '/api/v1/services?x=1'],
    [
      '/api/v1/services/dedicated-compute/rules?at=2025-10-01',
      '/api/v1/services/dedicated-compute/rules?at=2025-10-01&x=1',
    ],
    [
      '/api/v1/services/dedicated-compute/rules?at=2025-10-01',
      '/api/v1/services/dedicated-compute/rules?x=1&at=2025-10-01',
    ],
  ])('answers %s and %s alike', async (hot, routed) => {
    const variants: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'br' },
      { Range: 'bytes=1-2' },
    ];
    for (const headers of variants) {
      const a = await get(hot, headers);
      const b = await get(routed, headers);
      expect(Object.fromEntries(b.headers)).toEqual(Object.fromEntries(a.headers));
      expect(await bytes(b)).toEqual(await bytes(a));
    }
  });

  it('takes a known file on the hot path and leaves every other target to the router', () => {
    expect(app.hot('GET', PDF, {})?.status).toBe(200);
    expect(app.hot('HEAD', PDF, {})?.status).toBe(200);
    expect(
      app.hot('GET', '/api/v1/services/dedicated-compute/rules?at=2025-10-01', {}),
    ).toBeDefined();
    for (const [method, target] of [
      ['POST', PDF],
      ['GET', '/terms/dedicated%2Dcompute/2025-09-10/kk.pdf'],
      ['GET', `${PDF}?x`],
      ['GET', '/api/v1/services/dedicated-compute/rules?at=2025-02-30'],
      ['GET', '/api/v1/services/dedicated-compute/rules?at=2025-09-09'],
      ['GET', '/api/v1/services/dedicated-compute/rules?at=2025-10-01&at=2026-01-01'],
      ['GET', '/api/v1/services/nope/rules?at=2025-10-01'],
      ['GET', '/terms/../index.html'],
    ] as const)
      expect(app.hot(method, target, {}), `${method} ${target}`).toBeUndefined();
  });
});
