import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/render/html/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, TERMS } from '../helpers/terms.js';
import { bundleBytes, PROBLEM_KEYS, slaInput } from './helpers.js';
import { sendRaw } from './http-client.js';
import { type RealServer, startRealServer } from './real-bundle.js';

const DOC = '/terms/dedicated-compute/2025-09-10';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PACKAGE_JSON_MARK = '"name": "terms-engine"';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.stop();
});

const url = (p: string) => `${server.origin}${p}`;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Bytes exactly as given (no client-side URL normalization), read until the server closes.
const get = (target: string, extra = '') =>
  sendRaw(
    server.port,
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`,
  );

/** A request through node:http, where fetch would hide something (encodings, chunking). */
function request(
  options: http.RequestOptions,
  write?: (req: http.ClientRequest) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, agent: false, ...options });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    if (write) write(req);
    else req.end();
  });
}

async function expectProblem(res: Response, status: number, kind: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).every((k) => PROBLEM_KEYS.has(k))).toBe(true);
  expect(body).toMatchObject({ type: `https://terms.example/problems/${kind}`, status });
  return body;
}

describe('documents over a real socket', () => {
  it('serves the index with the page policy of the HTML renderer', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(
      await bundleBytes(server.bundleDir, '/index.html'),
    );
  });

  it.each(['kk', 'ru', 'en', 'kk-ru'])('serves the %s page and PDF as built', async (edition) => {
    const page = await fetch(url(`${DOC}/${edition}.html`));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, no-cache');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toBe((await bundleBytes(server.bundleDir, `${DOC}/${edition}.html`)).toString());
    expect(html).toContain(`<html lang="${edition.slice(0, 2)}">`);

    const pdf = await fetch(url(`${DOC}/${edition}.pdf`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(pdf.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="dedicated-compute-2025-09-10-${edition}\\.pdf"; filename\\*=UTF-8''[A-Za-z0-9%._~!-]+\\.pdf$`,
      ),
    );
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes).toEqual(await bundleBytes(server.bundleDir, `${DOC}/${edition}.pdf`));
  });

  it('names the Russian PDF in Russian', async () => {
    const res = await fetch(url(`${DOC}/ru.pdf`), { method: 'HEAD' });
    const value = res.headers.get('content-disposition') as string;
    const encoded = value.slice(value.indexOf("UTF-8''") + 7);
    expect(decodeURIComponent(encoded)).toBe('Выделенная вычислительная среда 2025-09-10.pdf');
  });

  it('answers HEAD with the length of GET and no body', async () => {
    const res = await request({ method: 'HEAD', path: `${DOC}/kk.pdf` });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(Number(res.headers['content-length'])).toBe(
      (await bundleBytes(server.bundleDir, `${DOC}/kk.pdf`)).length,
    );
    expect(res.headers.etag).toMatch(/^"sha256-[A-Za-z0-9_-]{43}"$/);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await fetch(url(`${DOC}/en.pdf`));
    const etag = first.headers.get('etag') as string;
    const res = await request({ path: `${DOC}/en.pdf`, headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers.etag).toBe(etag);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('sends pages gzipped when asked, and the same bytes once unzipped', async () => {
    const res = await request({ path: `${DOC}/kk.html`, headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(res.body)).toEqual(await bundleBytes(server.bundleDir, `${DOC}/kk.html`));
  });

  it('redirects current to the version in force today', async () => {
    const res = await fetch(url('/terms/dedicated-compute/current/kk.pdf'), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${DOC}/kk.pdf`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it.each(['/schema/rules.v1.json', '/SHA256SUMS', '/index.html'])('serves %s', async (key) => {
    const res = await fetch(url(key));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await bundleBytes(server.bundleDir, key));
  });
});

describe('the API over a real socket', () => {
  it('lists services and versions', async () => {
    const services = await fetch(url('/api/v1/services'));
    expect(services.status).toBe(200);
    expect(services.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const list = (await services.json()) as { services: { id: string }[] };
    expect(list.services.map((s) => s.id)).toEqual(['dedicated-compute']);
    const versions = await fetch(url('/api/v1/services/dedicated-compute/versions'));
    expect(await versions.json()).toMatchObject({
      service: 'dedicated-compute',
      timeZone: 'Asia/Almaty',
      versions: [
        {
          version: '2025-09-10',
          status: 'published',
          effectiveFrom: '2025-09-10',
          effectiveTo: null,
        },
      ],
    });
  });

  it('serves the rules of a version, and by date with its versioned URL', async () => {
    const versioned = await fetch(
      url('/api/v1/services/dedicated-compute/versions/2025-09-10/rules'),
    );
    expect(versioned.headers.get('cache-control')).toBe('public, no-cache');
    const body = Buffer.from(await versioned.arrayBuffer());
    const byDate = await fetch(url('/api/v1/services/dedicated-compute/rules?at=2026-03-01'));
    expect(byDate.status).toBe(200);
    expect(byDate.headers.get('content-location')).toBe(
      '/api/v1/services/dedicated-compute/versions/2025-09-10/rules',
    );
    expect(byDate.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Buffer.from(await byDate.arrayBuffer())).toEqual(body);
    expect(JSON.parse(body.toString())).toMatchObject({
      schemaVersion: 1,
      version: '2025-09-10',
      sla: { availabilityTargetPercent: 99.9 },
    });
  });

  it('evaluates the SLA example of DESIGN.md', async () => {
    const res = await fetch(url('/api/v1/sla/evaluate'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(slaInput()),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: '2025-09-10',
      downtimeSeconds: 5400,
      availabilityPercent: 99.7984,
      creditPercent: 5,
      credit: { amount: '7500.00', currency: 'KZT' },
    });
  });

  it('gives exactly the evaluation `terms sla evaluate` gives, clause numbers included', async () => {
    const input = slaInput({
      incidents: [
        {
          id: 'A',
          start: '2025-10-03T10:00:00+05:00',
          end: '2025-10-03T19:30:00+05:00',
          cause: 'provider',
          restoreKind: 'repair',
          dataLoss: true,
        },
        {
          id: 'B',
          start: '2025-10-03T12:00:00+05:00',
          end: '2025-10-03T13:00:00+05:00',
          cause: 'planned-maintenance',
        },
      ],
    });
    const res = await fetch(url('/api/v1/sla/evaluate'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const cli = await runCli(['sla', 'evaluate'], { stdin: JSON.stringify(input) });
    expect(cli.code).toBe(0);
    const served = await res.json();
    expect(served).toEqual(JSON.parse(cli.stdout));
    expect(served.clauses).toContainEqual({ id: 'compensation', number: '5.8' });
  });

  it('serves its OpenAPI document and a health check', async () => {
    const doc = (await (await fetch(url('/api/v1/openapi.json'))).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.1');
    expect(await (await fetch(url('/healthz'))).json()).toMatchObject({ status: 'ok' });
  });
});

describe('errors over a real socket', () => {
  it.each([
    ['/api/v1/services/dedicated-compute/rules?at=2025-02-30', 400, 'bad-date'],
    ['/api/v1/services/dedicated-compute/rules?at=2025-13-01', 400, 'bad-date'],
    ['/api/v1/services/dedicated-compute/rules', 400, 'bad-date'],
    ['/api/v1/services/dedicated-compute/rules?at=2025-09-09', 404, 'no-version-in-force'],
    ['/api/v1/services/nope/versions', 404, 'unknown-service'],
    ['/api/v1/services/dedicated-compute/versions/2024-01-01/rules', 404, 'unknown-version'],
    [`${DOC.replace('2025-09-10', '2030-01-01')}/kk.html`, 404, 'unknown-version'],
    [`${DOC}/de.pdf`, 404, 'unknown-language'],
    ['/nothing/here', 404, 'not-found'],
  ])('GET %s → %i %s', async (target, status, kind) => {
    await expectProblem(await fetch(url(target)), status, kind);
  });

  it('refuses a wrong method with 405 and Allow', async () => {
    const res = await fetch(url('/api/v1/services'), { method: 'DELETE' });
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const get = await fetch(url('/api/v1/sla/evaluate'));
    await expectProblem(get, 405, 'method-not-allowed');
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('refuses a body over 1 MB with 413, announced or streamed', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const announced = await fetch(url('/api/v1/sla/evaluate'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    await expectProblem(announced, 413, 'body-too-large');

    let written = 0;
    const streamed = await request(
      {
        method: 'POST',
        path: '/api/v1/sla/evaluate',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      },
      (req) => {
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        req.on('error', () => {}); // the server may close the connection once it has answered
        req.on('response', () => req.destroy());
        const pump = () => {
          // Endless unless the server stops it: 64 MB would be the test's failure, not a hang.
          while (written < 64 * 1024 * 1024 && !req.destroyed) {
            written += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
        };
        pump();
      },
    ).catch((err: Error) => ({ status: 0, headers: {}, body: Buffer.from(err.message) }));
    expect(streamed.status).toBe(413);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a wrong content type with 415 and broken JSON with 400', async () => {
    const post = (body: string, type: string) =>
      fetch(url('/api/v1/sla/evaluate'), {
        method: 'POST',
        headers: { 'Content-Type': type },
        body,
      });
    await expectProblem(await post('{}', 'text/plain'), 415, 'unsupported-media-type');
    const broken = await expectProblem(
      await post('{"service": ', 'application/json'),
      400,
      'bad-json',
    );
    expect(broken.detail).toMatch(/^expected the SLA input as UTF-8 JSON: /);
    const bad = await expectProblem(
      await post(
        JSON.stringify(slaInput({ monthlyFee: { amount: '-1', currency: 'KZT' } })),
        'application/json',
      ),
      400,
      'bad-input',
    );
    expect(bad.field).toBe('monthlyFee.amount');
  });

  // Sent byte for byte: no client normalizes these away first.
  it.each([
    ['/terms/../package.json', 'bad-path'],
    ['/terms/../../../../../../etc/passwd', 'bad-path'],
    ['/terms/%2e%2e/%2e%2e/package.json', 'bad-path'],
    ['/terms/%2E%2E/%2E%2E/package.json', 'bad-path'],
    ['/terms/.%2e/.%2e/package.json', 'bad-path'],
    ['/terms/dedicated-compute%2f..%2f..%2fpackage.json', 'bad-path'],
    ['/terms/dedicated-compute/2025-09-10/..%5c..%5c..%5cpackage.json', 'bad-path'],
    ['/terms/dedicated-compute/2025-09-10/..\\..\\..\\package.json', 'bad-path'],
    ['/terms/dedicated-compute/2025-09-10/kk.html%00.pdf', 'bad-path'],
    ['/terms/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', 'bad-path'],
    ['/./package.json', 'bad-path'],
    ['http://127.0.0.1/terms/../package.json', 'bad-path'],
  ])('refuses the raw target %s with 400', async (target, kind) => {
    const res = await get(target);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(res.body.toString()) as { type: string };
    expect(body.type).toBe(`https://terms.example/problems/${kind}`);
    expect(res.body.toString()).not.toContain(PACKAGE_JSON_MARK);
  });

  it('serves a harmless percent-encoded path like its plain spelling', async () => {
    const res = await get(`${DOC.replace('dedicated-compute', 'dedicated%2Dcompute')}/kk.pdf`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await bundleBytes(server.bundleDir, `${DOC}/kk.pdf`));
  });
});

describe('the request log', () => {
  it('writes one JSON line per request: id, method, path, status, bytes, duration', async () => {
    const before = server.log.length;
    const requests = server.log.filter((l) => l.msg === 'request').length;
    await fetch(url('/healthz'), { headers: { 'X-Request-Id': 'trace-42' } });
    const head = await fetch(url(`${DOC}/kk.pdf`), { method: 'HEAD' });
    await fetch(url('/nope?x=1'));
    // The line is written when the response closes, just after the client has it: wait for it (up to 5 s).
    const done = () => server.log.filter((l) => l.msg === 'request').length >= requests + 3;
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    const lines = server.log.slice(before);
    expect(lines).toHaveLength(3);
    const healthz = (await (await fetch(url('/healthz'))).arrayBuffer()).byteLength;
    expect(lines[0]).toEqual({
      level: 30,
      time: expect.any(Number),
      msg: 'request',
      id: 'trace-42',
      method: 'GET',
      path: '/healthz',
      status: 200,
      bytes: healthz,
      ms: expect.any(Number),
    });
    expect(lines[1]).toMatchObject({
      method: 'HEAD',
      path: `${DOC}/kk.pdf`,
      status: 200,
      bytes: 0,
    });
    // Generated when the client sends none, and returned to it.
    expect(lines[1]?.id).toBe(head.headers.get('x-request-id'));
    expect(lines[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[2]).toMatchObject({ method: 'GET', path: '/nope?x=1', status: 404 });
    expect(lines[2]?.bytes).toBeGreaterThan(0);
  });

  it('keeps a request id the client sent, and replaces one that is not a plain token', async () => {
    const kept = await fetch(url('/healthz'), { headers: { 'X-Request-Id': 'abc.DEF_1-2:3' } });
    expect(kept.headers.get('x-request-id')).toBe('abc.DEF_1-2:3');
    const replaced = await fetch(url('/healthz'), { headers: { 'X-Request-Id': 'a b"c' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** `terms serve` in a child process, as an operator runs it. */
function spawnServe(args: string[]) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/terms.js'), 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  /** Resolves with the first match of `pattern` in stderr; rejects if the process exits first. */
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = stderr.match(pattern);
        if (m) resolve(m);
      };
      waiters.push(check);
      void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      check();
    });
  return {
    child,
    exited,
    waitFor,
    stderr: () => stderr,
    port: async () =>
      Number((await waitFor(/"msg":"listening on http:\/\/127\.0\.0\.1:(\d+)"/))[1]),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

describe('terms serve', () => {
  it('on SIGTERM stops accepting, finishes the request in flight and exits 0', async () => {
    const serve = spawnServe(['--port', '0', '--bundle', server.bundleDir, '--terms', TERMS]);
    try {
      const port = await serve.port();
      // Expect: 100-continue makes the server say when it has the request: from then on it is in flight.
      const body = Buffer.from(JSON.stringify(slaInput()));
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/sla/evaluate',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          Expect: '100-continue',
          Connection: 'close',
        },
      });
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
      });
      await new Promise<void>((resolve) => req.once('continue', resolve));

      serve.child.kill('SIGTERM');
      await serve.waitFor(/"msg":"SIGTERM: stopped listening; finishing requests in flight"/);
      const refused = await new Promise<string>((resolve) => {
        const probe = net.connect(port, '127.0.0.1');
        probe.on('connect', () => {
          probe.destroy();
          resolve('connected');
        });
        probe.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(refused, serve.stderr()).toBe('ECONNREFUSED');

      req.end(body);
      const answer = await response;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ credit: { amount: '7500.00' } });
      expect(await serve.exited).toBe(0);
      // Every line out, in order, the request's included: the JSON log is written in the
      // background and flushed before the process exits.
      const lines = serve
        .stderr()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual([
        `listening on http://127.0.0.1:${port}`,
        'SIGTERM: stopped listening; finishing requests in flight',
        'request',
        'stopped',
      ]);
      expect(lines[2]).toMatchObject({ method: 'POST', path: '/api/v1/sla/evaluate', status: 200 });
    } finally {
      serve.kill();
    }
  });

  it('builds the bundle first when it is missing, then serves it', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'terms-serve-missing-'));
    const bundle = path.join(base, 'dist');
    const serve = spawnServe(['--port', '0', '--bundle', bundle, '--terms', TERMS]);
    try {
      const port = await serve.port();
      expect(serve.stderr()).toContain(`"msg":"building the bundle from ${TERMS} into ${bundle}"`);
      const res = await fetch(`http://127.0.0.1:${port}${DOC}/kk.pdf`);
      expect(res.status).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      expect(served.equals(await bundleBytes(bundle, `${DOC}/kk.pdf`))).toBe(true);
      // Same sources, same bytes: the bundle built here equals the one built in-process.
      expect(served.equals(await bundleBytes(server.bundleDir, `${DOC}/kk.pdf`))).toBe(true);
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.kill();
      await rm(base, { recursive: true, force: true });
    }
  });

  it('says the port is taken instead of crashing (exit 1)', async () => {
    const result = await runCli([
      'serve',
      '--port',
      String(server.port),
      '--bundle',
      server.bundleDir,
      '--terms',
      TERMS,
    ]);
    expect([result.code, result.stderr]).toEqual([
      1,
      `terms: --port: cannot listen on 127.0.0.1:${server.port}: the address is already in use\n`,
    ]);
  });

  it('refuses a port that is not a number with a usage error', async () => {
    const result = await runCli(['serve', '--port', 'http']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^terms: --port: expected a port number 0–65535, got "http"$/m);
  });
});
