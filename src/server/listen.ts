import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { type Logger, pino } from 'pino';
import { InputError } from '../diagnostics.js';
import { type App, createApp } from './app.js';
import { loadBundle } from './bundle.js';
import { type ProblemSpec, problemAnswer, statusTitle } from './problem.js';
import type { Answer } from './respond.js';
import type { BodyRead } from './router.js';

/** The bounds a server puts on its clients (README "Timeouts and limits"). */
export interface ServerLimits {
  /** Time to receive a request's headers (slow-header clients). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (a body trickling in). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** A connection silent this long mid-request or mid-response is closed (a client that stops reading). */
  idleTimeoutMs: number;
  /** Connections open at once; more are refused until some close. */
  maxConnections: number;
  /** The request line and headers together. */
  maxHeaderBytes: number;
}

/** The defaults of `terms serve`. */
export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: 1024,
  maxHeaderBytes: 16 * 1024,
};

/** How to start the server. */
export interface ServeOptions {
  port: number;
  host: string;
  /** The built bundle to serve; built from `termsDir` first when it has no index.html. */
  bundleDir: string;
  termsDir: string;
  /** Build the bundle even if it exists. */
  rebuild?: boolean;
  /** One line per request, start and stop messages; JSON on stderr at level info by default. */
  logger?: Logger;
  /** Stop gracefully on SIGTERM and SIGINT (the CLI sets it; in-process tests do not). */
  signals?: boolean;
  /** Time given to in-flight requests on shutdown before connections are cut. */
  graceMs?: number;
  limits?: Partial<ServerLimits>;
}

/** A listening server. */
export interface RunningServer {
  server: Server<typeof IncomingMessage, typeof ServerResponse>;
  /** `http://host:port/` with the port actually bound (for `port: 0`). */
  url: string;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
  /** Resolves when the server has stopped, however it was stopped. */
  closed: Promise<void>;
}

/** A response that remembers what the request line of the log needs. */
class TermsResponse extends ServerResponse<IncomingMessage> {
  id = '';
  started = 0;
  bytes = 0;
  /** Set when the server cut the request short (408): the line says so. */
  cut: number | undefined;
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;
const NODE_ERRORS: Record<string, ProblemSpec> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    kind: 'headers-too-large',
    detail: 'the request line and headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    kind: 'request-timeout',
    detail: 'the request was not received in time',
  },
};
const INTERNAL = problemAnswer(
  { status: 500, kind: 'internal-error', detail: 'the server failed to answer' },
  '',
);
const GONE = new Set(['ECONNRESET', 'HPE_INVALID_EOF_STATE']);
const BAD_REQUEST: ProblemSpec = {
  status: 400,
  kind: 'bad-request',
  detail: 'the request is malformed',
};

/**
 * Starts the HTTP server: loads the bundle into memory once (building it first if missing),
 * then listens. Logs one JSON line per request: id, method, path, status, bytes, duration.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino(pino.destination({ dest: 2, sync: false }));
  const bundleDir = path.resolve(options.bundleDir);
  if (options.rebuild || !(await exists(path.join(bundleDir, 'index.html')))) {
    logger.info(`building the bundle from ${options.termsDir} into ${bundleDir}`);
    // Imported only to build: a server over a built bundle never loads the loader or the
    // renderers (pdfmake and its fonts), which saves start-up time and memory.
    const { openTerms } = await import('../open.js');
    const { buildBundle } = await import('../publish/bundle.js');
    const built = await buildBundle(await openTerms(options.termsDir), bundleDir, {
      now: new Date(),
    });
    logger.info(`built ${built.files.length} files (${built.bytes} bytes)`);
  }
  const app = createApp({
    bundle: await loadBundle(bundleDir),
    onError: (err, req) => logger.error({ err, ...req }, 'internal error'),
  });
  return listenApp(app, { ...options, logger });
}

/** What `listenApp` answers with: an app's hot path and router, and optionally long-lived streams. */
export interface Listener {
  hot?: App['hot'];
  answer: App['answer'];
  /**
   * Takes over a request answered as a stream (`terms preview`'s Server-Sent Events) before
   * the router sees it; returns true when it did.
   */
  stream?(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Where and how `listenApp` listens. */
export type ListenOptions = Pick<
  ServeOptions,
  'port' | 'host' | 'signals' | 'graceMs' | 'limits'
> & {
  logger: Logger;
};

/**
 * Serves an app over node:http with the bounds, request log, problem+json errors and graceful
 * stop of `terms serve`; a port or host it cannot take is an InputError naming `--port`/`--host`.
 */
export async function listenApp(app: Listener, options: ListenOptions): Promise<RunningServer> {
  const { graceMs = 10_000, logger } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };

  function logRequest(this: TermsResponse): void {
    const { req } = this;
    const line = {
      id: this.id,
      method: req.method,
      path: req.url,
      status: this.cut ?? this.statusCode,
      bytes: this.bytes,
      ms: Math.round((performance.now() - this.started) * 100) / 100,
    };
    if (this.writableFinished) logger.info(line, 'request');
    else if (this.cut === 408) logger.info(line, 'request timed out');
    else if (this.cut) logger.info(line, 'request refused');
    else logger.info({ ...line, aborted: true }, 'request aborted');
  }

  // The response in flight on a connection, for a timeout that cuts it short.
  const inFlight = new WeakMap<Duplex, TermsResponse>();
  const slow = async (req: IncomingMessage, res: TermsResponse, method: string, target: string) => {
    inFlight.set(req.socket, res);
    const answer = await app.answer({
      method,
      target,
      headers: req.headers,
      body: (limit) => readBody(req, limit),
    });
    if (answer && !res.headersSent && !res.destroyed) send(res, answer, method);
  };
  const begin = (req: IncomingMessage, res: TermsResponse) => {
    res.started = performance.now();
    const id = req.headers['x-request-id'];
    res.id = typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID();
    // 'close' comes once, finished or not (`on` spares the wrapper `once` makes).
    res.on('close', logRequest);
  };

  const server = createServer<typeof IncomingMessage, typeof TermsResponse>(
    {
      ServerResponse: TermsResponse,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      // Timeouts are checked this often (Node's default, 30 s, would double the request timeout).
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1000, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4),
      ),
      // Checked below, so that the 400 is problem+json like every other error.
      requireHostHeader: false,
    },
    (req, res) => {
      begin(req, res);
      const method = req.method ?? 'GET';
      const target = req.url ?? '/';
      if (req.headers.host === undefined && req.httpVersionMinor === 1)
        return send(
          res,
          problemAnswer(
            { status: 400, kind: 'bad-request', detail: 'an HTTP/1.1 request needs a Host header' },
            target,
          ),
          method,
        );
      if (app.stream?.(req, res)) return;
      const hot = app.hot?.(method, target, req.headers);
      if (hot) send(res, hot, method);
      else
        slow(req, res, method, target).catch((err: unknown) => {
          // The router answers its handlers' errors itself; this is a last resort.
          logger.error({ err, method, path: target }, 'internal error');
          if (!res.headersSent && !res.destroyed) send(res, INTERNAL, method);
        });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs);
  server.on('checkExpectation', (req: IncomingMessage, res: TermsResponse) => {
    begin(req, res);
    const spec = {
      status: 417,
      kind: 'expectation-failed',
      detail: 'the only expectation the server meets is 100-continue',
    };
    send(res, problemAnswer(spec, req.url ?? ''), req.method ?? 'GET');
  });
  // Errors Node meets before a request exists (a bad request line, headers too large, a
  // timeout): answered as problem+json on the raw socket, then the connection is closed.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const pending = inFlight.get(socket);
    const open = pending && !pending.writableEnded ? pending : undefined;
    // The client went away (reset, or closed mid-request): nobody to answer.
    if (GONE.has(err.code ?? '') || !socket.writable || open?.headersSent) {
      socket.destroy();
      return;
    }
    const spec = NODE_ERRORS[err.code ?? ''] ?? BAD_REQUEST;
    const id = open?.id ?? randomUUID();
    if (open) open.cut = spec.status;
    else logger.info({ id, status: spec.status, code: err.code }, 'request refused');
    socket.end(rawAnswer(problemAnswer(spec, ''), id));
    linger(socket);
  });
  let dropped = 0;
  server.on('drop', () => {
    if (dropped++ > 0) return;
    setTimeout(() => {
      logger.warn({ dropped, maxConnections: limits.maxConnections }, 'connections refused');
      dropped = 0;
    }, 1000).unref();
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
      logger.info(`${signal}: stopped listening; finishing requests in flight`);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    void closed.then(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });
  }
  return {
    server: server as unknown as RunningServer['server'],
    url: `http://${host}:${port}/`,
    close,
    closed,
  };
}

/** Writes an answer: one `writeHead` with the precomputed headers and the request id, one `end`. */
function send(res: TermsResponse, answer: Answer, method: string): void {
  const head = method === 'HEAD';
  res.writeHead(answer.status, answer.headers.concat('X-Request-Id', res.id));
  res.bytes = head || !answer.body ? 0 : answer.body.length;
  res.end(head ? undefined : answer.body);
}

/** An answer as raw HTTP/1.1 bytes, for a socket that has no response object. */
function rawAnswer(answer: Answer, id: string): Buffer {
  const lines = [`HTTP/1.1 ${answer.status} ${statusTitle(answer.status)}`];
  for (let i = 0; i < answer.headers.length; i += 2)
    lines.push(`${answer.headers[i]}: ${answer.headers[i + 1]}`);
  lines.push(`X-Request-Id: ${id}`, `Date: ${new Date().toUTCString()}`, 'Connection: close');
  return Buffer.concat([
    Buffer.from(`${lines.join('\r\n')}\r\n\r\n`),
    answer.body ?? Buffer.alloc(0),
  ]);
}

/**
 * After answering an error, keep reading (and dropping) what the client still sends for a
 * moment before closing: closing with unread bytes makes TCP reset the connection, and the
 * client may lose the answer it was about to read.
 */
function linger(socket: Duplex): void {
  socket.on('data', () => {});
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), 2000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Reads a request body up to `limit` bytes; a client that goes away first is `aborted`. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve({ tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (read: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      done({ tooLarge: true });
    };
    const onEnd = () => {
      const bytes = Buffer.concat(chunks);
      done({ bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
    };
    const onClose = () => done({ aborted: true });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
  });
}

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'the address is already in use',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the host is not an address of this machine',
  ENOTFOUND: 'the host name does not resolve',
};

/** A port or host the server cannot take is bad input (exit 1), not an internal error. */
function listenError(err: NodeJS.ErrnoException, options: ListenOptions): Error {
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
