import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener, RequestError } from '@hono/node-server';
import { InputError } from '../diagnostics.js';
import { createApp } from './app.js';
import { loadBundle } from './bundle.js';
import { STRICT_POLICY } from './csp.js';
import { problemResponse } from './problem.js';

/** How to start the server. */
export interface ServeOptions {
  port: number;
  host: string;
  /** The built bundle to serve; built from `termsDir` first when it has no index.html. */
  bundleDir: string;
  termsDir: string;
  /** Build the bundle even if it exists. */
  rebuild?: boolean;
  /** One line per request, and start/stop messages. */
  log: (line: string) => void;
  /** Stop gracefully on SIGTERM and SIGINT (the CLI sets it; in-process tests do not). */
  signals?: boolean;
  /** Time given to in-flight requests on shutdown before connections are cut. */
  graceMs?: number;
}

/** A listening server. */
export interface RunningServer {
  server: Server;
  /** `http://host:port/` with the port actually bound (for `port: 0`). */
  url: string;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
  /** Resolves when the server has stopped, however it was stopped. */
  closed: Promise<void>;
}

/**
 * Starts the HTTP server: loads the bundle into memory once (building it first if missing),
 * then listens. Logs one line per request: method, path, status, bytes, milliseconds.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { log, graceMs = 10_000 } = options;
  const bundleDir = path.resolve(options.bundleDir);
  if (options.rebuild || !(await exists(path.join(bundleDir, 'index.html')))) {
    log(`building the bundle from ${options.termsDir} into ${bundleDir}`);
    // Imported only to build: a server over a built bundle never loads the loader or the
    // renderers (pdfmake and its fonts), which saves start-up time and memory.
    const { openTerms } = await import('../open.js');
    const { buildBundle } = await import('../publish/bundle.js');
    const built = await buildBundle(await openTerms(options.termsDir), bundleDir, {
      now: new Date(),
    });
    log(`built ${built.files.length} files (${built.bytes} bytes)`);
  }
  const bundle = await loadBundle(bundleDir);
  const app = createApp({ bundle, log });

  // Body sizes for the request log, taken from the responses the app gives.
  const sizes = new WeakMap<IncomingMessage, string>();
  const fetch = async (request: Request, env: { incoming: IncomingMessage }) => {
    const response = await app.fetch(request, env);
    sizes.set(env.incoming, response.headers.get('content-length') ?? '-');
    return response;
  };
  const listener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
    // Requests Node's adapter refuses before the app sees them (a backslash in the path,
    // a bad Host): answered like every other error.
    errorHandler: (err) => {
      const malformed = err instanceof RequestError;
      if (!malformed) log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
      const res = problemResponse(
        malformed
          ? { status: 400, kind: 'bad-request', detail: `the request is malformed: ${err.message}` }
          : { status: 500, kind: 'internal-error', detail: 'the server failed to answer' },
        '',
      );
      res.headers.set('X-Content-Type-Options', 'nosniff');
      res.headers.set('Referrer-Policy', 'no-referrer');
      res.headers.set('Content-Security-Policy', STRICT_POLICY);
      return res;
    },
  });
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.once('close', () => log(requestLine(req, res, sizes.get(req), started)));
    void listener(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    const refuse = (err: NodeJS.ErrnoException) => reject(listenError(err, options));
    server.once('error', refuse);
    server.listen(options.port, options.host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Requests still running after the grace period lose their connection.
      setTimeout(() => server.closeAllConnections(), graceMs).unref();
    });
    return closing;
  };
  if (options.signals) {
    const onSignal = (signal: NodeJS.Signals) => {
      // Close first: once the line is out, new connections are already refused.
      void close();
      log(`${signal}: stopped listening; finishing requests in flight`);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    void closed.then(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });
  }
  return { server, url: `http://${host}:${port}/`, close, closed };
}

/** `GET /terms/… 200 1234B 0.8ms`; the path is escaped so a request cannot forge a log line. */
function requestLine(
  req: IncomingMessage,
  res: ServerResponse,
  size: string | undefined,
  started: bigint,
): string {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const bodyless = req.method === 'HEAD' || res.statusCode === 304 || res.statusCode === 204;
  const bytes = bodyless ? '0' : (size ?? '-');
  const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode}(aborted)`;
  return `${req.method} ${escapeForLog(req.url ?? '')} ${status} ${bytes}B ${ms.toFixed(1)}ms`;
}

function escapeForLog(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\s"\\]/g, (c) => encodeURIComponent(c));
}

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'the address is already in use',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the host is not an address of this machine',
  ENOTFOUND: 'the host name does not resolve',
};

/** A port or host the server cannot take is bad input (exit 1), not an internal error. */
function listenError(err: NodeJS.ErrnoException, options: ServeOptions): Error {
  const problem = err.code === undefined ? undefined : LISTEN_PROBLEMS[err.code];
  if (!problem) return err;
  const field = err.code === 'EADDRINUSE' || err.code === 'EACCES' ? 'port' : 'host';
  return new InputError(
    'cannot-listen',
    `--${field}: cannot listen on ${options.host}:${options.port}: ${problem}`,
    field,
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
