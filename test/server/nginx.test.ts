import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadBundle } from '../../src/server/bundle.js';
import { type RunningServer, serve } from '../../src/server/listen.js';
import { runCli } from '../helpers/cli.js';
import { TERMS } from '../helpers/terms.js';
import { bundleBytes, DOC, MINI, slaInput } from './helpers.js';
import {
  freePort,
  type RawRequest,
  type Reply,
  type RunningNginx,
  send,
  sendRaw,
  startNginx,
} from './http-client.js';
import { memoryLogger } from './real-bundle.js';

// terms serve over the mini bundle, and real nginx in front of it with the server block
// `terms nginx-conf` prints: the same requests go to both, URL by URL.
let base: string;
let upstream: RunningServer;
let nginx: RunningNginx;
let enginePort: number;
let urls: string[];

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-nginx-'));
  upstream = await serve({
    port: 0,
    host: '127.0.0.1',
    bundleDir: MINI,
    termsDir: TERMS,
    logger: memoryLogger([]),
  });
  enginePort = Number(new URL(upstream.url).port);
  urls = [...createApp({ bundle: await loadBundle(MINI) }).resources.keys()].sort();
  const port = await freePort();
  const conf = await runCli([
    'nginx-conf',
    '--bundle',
    MINI,
    '--listen',
    `127.0.0.1:${port}`,
    '--upstream',
    upstream.url.replace(/\/$/, ''),
  ]);
  expect([conf.code, conf.stderr]).toEqual([0, '']);
  nginx = await startNginx(path.join(base, 'nginx'), conf.stdout, port);
});

afterAll(async () => {
  await nginx?.stop();
  await upstream?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

/** The headers that make an answer: both servers must send the same values (or both none). */
const COMPARED = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'content-range',
  'content-location',
  'location',
  'cache-control',
  'etag',
  'vary',
  'accept-ranges',
  'allow',
  'accept-post',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'x-request-id',
];

function answerOf(reply: Reply) {
  return {
    status: reply.status,
    headers: Object.fromEntries(COMPARED.map((h) => [h, reply.headers[h] ?? null])),
    body: reply.body.toString('base64'),
  };
}

/** Sends the request to terms serve and to nginx; both answers must be the same. */
async function same(request: RawRequest): Promise<Reply> {
  const withId = { ...request, headers: { 'X-Request-Id': 'parity', ...request.headers } };
  const direct = await send(enginePort, withId);
  const proxied = await send(nginx.port, withId);
  expect(answerOf(proxied), `${request.method ?? 'GET'} ${request.target}`).toEqual(
    answerOf(direct),
  );
  return direct;
}

describe('terms nginx-conf behind real nginx answers like terms serve', () => {
  it('serves every file and extensionless route with the same status, bytes and headers', async () => {
    expect(urls.length).toBeGreaterThan(20);
    for (const target of urls) {
      const plain = await same({ target });
      expect(plain.status, target).toBe(200);
      await same({ method: 'HEAD', target });
      await same({ target, headers: { 'Accept-Encoding': 'gzip' } });
      await same({ target, headers: { 'Accept-Encoding': 'br, gzip;q=0.8' } });
      await same({ target: `${target}?utm=1` });
      await same({ target, headers: { 'If-None-Match': plain.headers.etag as string } });
      await same({ target, headers: { 'If-Match': '"other"' } });
    }
  });

  it('serves the PDF bytes themselves from nginx, with the engine ETag and no Last-Modified', async () => {
    const reply = await send(nginx.port, { target: `${DOC}/kk.pdf` });
    expect(reply.headers.server).toMatch(/^nginx/);
    expect(reply.headers['last-modified']).toBeUndefined();
    expect(reply.body).toEqual(await bundleBytes(MINI, `${DOC}/kk.pdf`));
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers ranges the same way, from the whole file to a malformed header', async () => {
    const pdf = `${DOC}/kk.pdf`;
    const etag = (await send(enginePort, { target: pdf })).headers.etag as string;
    for (const range of [
      'bytes=0-9',
      'bytes=-5',
      'bytes=50-',
      'bytes=0-999999',
      'bytes=57-',
      'bytes=5-2',
      'bytes=0-1,3-4',
      'bytes=abc',
      'items=0-1',
      'bytes=-0',
    ])
      await same({ target: pdf, headers: { Range: range } });
    await same({ target: pdf, headers: { Range: 'bytes=0-9', 'If-Range': etag } });
    await same({ target: pdf, headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' } });
    await same({ method: 'HEAD', target: pdf, headers: { Range: 'bytes=0-9' } });
    await same({ target: `${DOC}/kk.html`, headers: { Range: 'bytes=0-9' } });
  });

  it('sends by-date lookups, current and the evaluator to terms serve', async () => {
    for (const target of [
      '/api/v1/services/dedicated-compute/rules?at=2025-10-01',
      '/api/v1/services/dedicated-compute/rules?at=2026-03-01',
      '/api/v1/services/dedicated-compute/rules?at=2025-02-30',
      '/api/v1/services/dedicated-compute/rules',
      '/terms/dedicated-compute/current/kk.pdf',
      '/terms/dedicated-compute/current/de.pdf',
      '/api/v1/openapi.json',
      '/healthz',
    ])
      await same({ target });
    const json = { 'Content-Type': 'application/json' };
    const ok = await same({
      method: 'POST',
      target: '/api/v1/sla/evaluate',
      headers: json,
      body: JSON.stringify(slaInput()),
    });
    expect(ok.status).toBe(200);
    await same({ method: 'POST', target: '/api/v1/sla/evaluate', headers: json, body: '{' });
    await same({
      method: 'POST',
      target: '/api/v1/sla/evaluate',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
  });

  it('refuses a body over 1 MB in nginx already, with the problem terms serve gives', async () => {
    // nginx reads a body whole before passing it on (so terms serve never answers while nginx
    // is still sending), and refuses one over the same limit itself, without the path.
    const request = {
      method: 'POST',
      target: '/api/v1/sla/evaluate',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 1, 0x20),
    };
    const direct = await send(enginePort, request);
    const proxied = await send(nginx.port, request);
    expect([direct.status, proxied.status]).toEqual([413, 413]);
    for (const h of ['content-type', 'cache-control', 'content-security-policy'])
      expect(proxied.headers[h], h).toBe(direct.headers[h]);
    expect(JSON.parse(proxied.body.toString())).toEqual({
      ...JSON.parse(direct.body.toString()),
      instance: '',
    });
    const exact = JSON.stringify(slaInput()).padEnd(1024 * 1024, ' ');
    await same({ ...request, body: exact });
  });

  it('refuses what terms serve refuses, with the same problem', async () => {
    for (const [method, target] of [
      ['GET', '/nope'],
      ['GET', '/api/v1/services/'],
      ['GET', '/api/v1/services/nope/versions'],
      ['GET', '/api/v1/services/dedicated-compute/versions/2024-01-01/rules'],
      ['GET', `${DOC}/de.html`],
      ['GET', '/terms/dedicated-compute/2099-01-01/kk.html'],
      ['POST', '/api/v1/services'],
      ['DELETE', '/'],
      ['PUT', `${DOC}/kk.pdf`],
      ['OPTIONS', `${DOC}/kk.pdf`],
      ['GET', '/api/v1/sla/evaluate'],
      ['OPTIONS', '/api/v1/sla/evaluate'],
      ['GET', '//index.html'],
      ['GET', '/api/v1//services'],
      ['GET', '/terms/../index.html'],
      ['GET', '/terms/dedicated-compute%2f..%2f..%2fpackage.json'],
      ['GET', `${DOC}/..%5c..%5c..%5cpackage.json`],
      ['GET', `${DOC}/..\\..\\..\\package.json`],
      ['GET', '/terms/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json'],
      ['GET', '/./package.json'],
      ['GET', '/terms/dedicated%2Dcompute/2025-09-10/kk.pdf'],
      ['GET', '/.terms-nginx-error/400'],
    ] as const) {
      const reply = await same({ method, target });
      expect(reply.status, `${method} ${target}`).not.toBe(500);
    }
  });

  it('answers HTTP/1.0 without Host from both', async () => {
    const request = `GET ${DOC}/kk.pdf HTTP/1.0\r\n\r\n`;
    const direct = await sendRaw(enginePort, request);
    const proxied = await sendRaw(nginx.port, request);
    expect([direct.status, proxied.status]).toEqual([200, 200]);
    expect(proxied.body).toEqual(direct.body);
  });

  it('turns what nginx itself refuses before routing into problem+json too', async () => {
    // A target that climbs above the root (in any spelling) or holds an encoded NUL never gets
    // past nginx's URI parser, so it cannot reach terms serve: nginx answers 400 itself, with
    // terms serve's problem for a malformed request (terms serve refuses the same targets
    // with 400 bad-path, naming the path, which nginx cannot safely put in JSON).
    for (const target of [
      '/terms/../../../../../../etc/passwd',
      '/terms/%2e%2e/%2e%2e/package.json',
      '/terms/.%2e/.%2e/package.json',
      `${DOC}/kk.html%00.pdf`,
    ]) {
      const direct = await send(enginePort, { target });
      const proxied = await send(nginx.port, { target });
      expect([direct.status, proxied.status], target).toEqual([400, 400]);
      for (const reply of [direct, proxied]) {
        expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(reply.headers['x-content-type-options']).toBe('nosniff');
        expect(reply.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      }
      expect(JSON.parse(proxied.body.toString())).toEqual({
        type: 'https://terms.example/problems/bad-request',
        title: 'Bad Request',
        status: 400,
        detail: 'the request is malformed',
        instance: '',
      });
    }
  });
});

describe('terms nginx-conf and the bundle path', () => {
  it("quotes a path with spaces, quotes, ';', '#' and braces so nginx reads it back exactly", async () => {
    const odd = path.join(base, `a b"c;d'e#f{g}\\h`, 'dist');
    await cp(MINI, odd, { recursive: true });
    const port = await freePort();
    const conf = await runCli([
      'nginx-conf',
      '--bundle',
      odd,
      '--listen',
      String(port),
      '--upstream',
      upstream.url,
    ]);
    expect([conf.code, conf.stderr]).toEqual([0, '']);
    const oddNginx = await startNginx(path.join(base, 'nginx-odd'), conf.stdout, port);
    try {
      const reply = await send(port, { target: `${DOC}/kk.pdf` });
      expect(reply.status).toBe(200);
      expect(reply.headers.server).toMatch(/^nginx/);
      expect(reply.body).toEqual(await bundleBytes(odd, `${DOC}/kk.pdf`));
    } finally {
      await oddNginx.stop();
    }
  });

  it('refuses a path nginx would read as a variable, and bad addresses, with one line', async () => {
    const dollar = path.join(base, 'price$5', 'dist');
    await cp(MINI, dollar, { recursive: true });
    expect(await runCli(['nginx-conf', '--bundle', dollar])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `terms: --bundle: nginx would read the "$" in "${dollar}" as a variable; use a path without "$"\n`,
    });
    expect(await runCli(['nginx-conf', '--bundle', MINI, '--listen', 'here'])).toMatchObject({
      code: 1,
      stderr:
        'terms: --listen: expected a port or ADDRESS:PORT (127.0.0.1:8081, [::1]:8081), got "here"\n',
    });
    expect(
      await runCli(['nginx-conf', '--bundle', MINI, '--upstream', 'http://127.0.0.1:8080/api']),
    ).toMatchObject({
      code: 1,
      stderr:
        'terms: --upstream: expected an origin like http://127.0.0.1:8080 (no path), got "http://127.0.0.1:8080/api"\n',
    });
    const missing = await runCli(['nginx-conf', '--bundle', path.join(base, 'nowhere')]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `terms: no bundle at ${path.join(base, 'nowhere')}: it is not a folder\n`,
    ]);
  });
});
