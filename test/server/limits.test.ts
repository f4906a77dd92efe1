import net from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type RunningServer, serve } from '../../src/server/listen.js';
import { createLog } from '../../src/server/log.js';
import { runCli } from '../helpers/cli.js';
import { TERMS } from '../helpers/terms.js';
import { bundleBytes, DOC, MINI, PROBLEM_KEYS } from './helpers.js';
import { type Reply, sendRaw } from './http-client.js';
import { type LogLine, memoryLogger } from './real-bundle.js';

// Timeouts, limits and the errors Node answers before a request exists, over a real socket,
// with short limits so each case takes about a second.
const LIMITS = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1000,
  keepAliveTimeoutMs: 400,
  idleTimeoutMs: 5000,
  maxHeaderBytes: 4096,
};
let server: RunningServer;
let port: number;
const log: LogLine[] = [];

beforeAll(async () => {
  server = await serve({
    port: 0,
    host: '127.0.0.1',
    bundleDir: MINI,
    termsDir: TERMS,
    logger: memoryLogger(log),
    limits: LIMITS,
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 5 s) for a log line matching `fields`. */
async function logged(fields: Record<string, unknown>): Promise<LogLine> {
  for (let i = 0; i < 100; i++) {
    const line = log.find((l) => Object.entries(fields).every(([k, v]) => l[k] === v));
    if (line) return line;
    await sleep(50);
  }
  throw new Error(`no log line with ${JSON.stringify(fields)} in ${JSON.stringify(log)}`);
}

/** Opens a connection, writes `head`, then `drip` one byte at a time every `everyMs`; reads the reply. */
function trickle(head: string, drip: string, everyMs: number): Promise<Reply & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let i = 0;
    const timer = setInterval(() => {
      if (i < drip.length && socket.writable) socket.write(drip[i++] as string);
    }, everyMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split === -1) return reject(new Error(`no answer: ${all.toString()}`));
      const [status = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({
        status: Number(status.split(' ')[1]),
        headers,
        body: all.subarray(split + 4),
        ms: performance.now() - started,
      });
    });
    socket.write(head);
  });
}

function problemOf(reply: Reply) {
  expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(reply.body.toString()) as Record<string, unknown>;
  expect(Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k))).toEqual([]);
  expect(body.status).toBe(reply.status);
  return body;
}

describe('timeouts', () => {
  it('answers a body that trickles in with 408 once the request time is up, and closes', async () => {
    const head =
      'POST /api/v1/sla/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const reply = await trickle(head, '{'.repeat(100), 200);
    expect(reply.status).toBe(408);
    // 1 s allowed, checked every 250 ms: well before the 100 bytes (20 s) are in.
    expect(reply.ms).toBeLessThan(3000);
    expect(problemOf(reply)).toMatchObject({
      type: 'https://terms.example/problems/request-timeout',
      title: 'Request Timeout',
    });
    expect(reply.headers.connection).toBe('close');
    const line = await logged({ msg: 'request timed out', path: '/api/v1/sla/evaluate' });
    expect(line).toMatchObject({ method: 'POST', status: 408, id: reply.headers['x-request-id'] });
    expect(log.filter((l) => l.msg === 'internal error')).toEqual([]);
  });

  it('answers headers that trickle in with 408', async () => {
    const reply = await trickle(
      'GET / HTTP/1.1\r\nHost: x\r\n',
      'X-Slow: aaaaaaaaaaaaaaaaaaaa',
      150,
    );
    expect(reply.status).toBe(408);
    expect(reply.ms).toBeLessThan(3000);
    expect(problemOf(reply).type).toBe('https://terms.example/problems/request-timeout');
    await logged({ msg: 'request refused', status: 408, id: reply.headers['x-request-id'] });
  });

  it('closes an idle keep-alive connection after the keep-alive time', async () => {
    const reply = await trickle(`GET ${DOC}/kk.pdf HTTP/1.1\r\nHost: x\r\n\r\n`, '', 1000);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(await bundleBytes(MINI, `${DOC}/kk.pdf`));
    expect(reply.ms).toBeLessThan(2000);
  });
});

describe('errors Node meets before a request exists', () => {
  it.each([
    ['a request line that is not one', 'GARBAGE\r\n\r\n', 400, 'bad-request'],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400, 'bad-request'],
    [
      'a header with a space in its name',
      'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n',
      400,
      'bad-request',
    ],
    [
      'headers over the limit',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(5000)}\r\n\r\n`,
      431,
      'headers-too-large',
    ],
    [
      'a target over the limit',
      `GET /${'a'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      431,
      'headers-too-large',
    ],
    ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\n\r\n', 400, 'bad-request'],
    [
      'an expectation other than 100-continue',
      'GET / HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n',
      417,
      'expectation-failed',
    ],
  ])('answers %s as problem+json', async (_, request, status, kind) => {
    const reply = await sendRaw(port, request);
    expect(reply.status).toBe(status);
    expect(problemOf(reply).type).toBe(`https://terms.example/problems/${kind}`);
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves HTTP/1.0 without a Host header', async () => {
    const reply = await sendRaw(port, `GET ${DOC}/kk.pdf HTTP/1.0\r\n\r\n`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(await bundleBytes(MINI, `${DOC}/kk.pdf`));
  });
});

describe('a client that goes away', () => {
  it('is logged as an aborted request, not as an internal error', async () => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(
      `POST /api/v1/sla/evaluate HTTP/1.1\r\nHost: x\r\nX-Request-Id: leaver\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"service"`,
    );
    await sleep(100);
    socket.destroy();
    expect(await logged({ id: 'leaver' })).toMatchObject({
      msg: 'request aborted',
      aborted: true,
      method: 'POST',
      path: '/api/v1/sla/evaluate',
    });
    expect(log.filter((l) => l.msg === 'internal error')).toEqual([]);
  });
});

describe('limits', () => {
  it('refuses connections over the bound, and says so in the log', async () => {
    const lines: LogLine[] = [];
    const small = await serve({
      port: 0,
      host: '127.0.0.1',
      bundleDir: MINI,
      termsDir: TERMS,
      logger: memoryLogger(lines),
      limits: { maxConnections: 2 },
    });
    const smallPort = Number(new URL(small.url).port);
    const open: net.Socket[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const socket = net.connect(smallPort, '127.0.0.1');
        await new Promise((r) => socket.once('connect', r));
        open.push(socket);
      }
      await sleep(100);
      const third = net.connect(smallPort, '127.0.0.1');
      third.on('error', () => {});
      const data: Buffer[] = [];
      third.on('data', (c: Buffer) => data.push(c));
      third.write(`GET ${DOC}/kk.pdf HTTP/1.1\r\nHost: x\r\n\r\n`);
      await new Promise((r) => third.once('close', r));
      expect(Buffer.concat(data).length).toBe(0);
      for (let i = 0; i < 40 && !lines.some((l) => l.msg === 'connections refused'); i++)
        await sleep(50);
      expect(lines.find((l) => l.msg === 'connections refused')).toMatchObject({
        level: 40,
        dropped: 1,
        maxConnections: 2,
      });
      // Once one closes, the next is served.
      open.pop()?.destroy();
      await sleep(100);
      const reply = await sendRaw(smallPort, `GET ${DOC}/kk.pdf HTTP/1.0\r\n\r\n`);
      expect(reply.status).toBe(200);
    } finally {
      for (const s of open) s.destroy();
      await small.close();
    }
  });

  it('starts with the documented defaults', async () => {
    const plain = await serve({
      port: 0,
      host: '127.0.0.1',
      bundleDir: MINI,
      termsDir: TERMS,
      logger: memoryLogger([]),
    });
    try {
      expect(DEFAULT_LIMITS).toEqual({
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        idleTimeoutMs: 30_000,
        maxConnections: 1024,
        maxHeaderBytes: 16_384,
      });
      expect(plain.server.headersTimeout).toBe(10_000);
      expect(plain.server.requestTimeout).toBe(30_000);
      expect(plain.server.keepAliveTimeout).toBe(5_000);
      expect(plain.server.timeout).toBe(30_000);
      expect(plain.server.maxConnections).toBe(1024);
    } finally {
      await plain.close();
    }
  });
});

describe('the log', () => {
  it('has a readable one-line form for a terminal', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const pretty = await createLog({ level: 'info', format: 'pretty', stream });
    pretty.logger.info(
      { id: 'r1', method: 'GET', path: '/healthz', status: 200, bytes: 43, ms: 0.42 },
      'request',
    );
    pretty.logger.info('listening on http://127.0.0.1:8080');
    await pretty.flush();
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/healthz 200 43B 0\.42ms request id=r1$/,
    );
    expect(lines[1]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening on http:\/\/127\.0\.0\.1:8080$/,
    );
  });

  it('takes a level, and refuses one it does not know', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const quiet = await createLog({ level: 'warn', format: 'json', stream });
    quiet.logger.info('hidden');
    quiet.logger.warn('shown');
    await quiet.flush();
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['shown']);
    const bad = await runCli(['serve', '--log-level', 'loud']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^terms: --log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"$/m,
    );
  });
});
