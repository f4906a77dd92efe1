import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { LOCALES_DIR } from '../i18n.js';
import { TEMPLATE_DIR } from '../render/html/template.js';
import { listenApp, type RunningServer } from '../server/listen.js';
import { problemAnswer } from '../server/problem.js';
import { type Answer, secured } from '../server/respond.js';
import { EVENTS_PATH, PREVIEW_POLICY } from './chrome.js';
import type { PreviewAnswer } from './engine.js';
import { type EngineClient, startEngine } from './engine-client.js';
import { watchSources } from './watch.js';

/** How to start `terms preview`. */
export interface PreviewOptions {
  termsDir: string;
  /** Diagnostics name files relative to this folder. */
  cwd: string;
  port: number;
  host: string;
  logger: Logger;
  /** Stop on SIGTERM and SIGINT (the CLI sets it). */
  signals?: boolean;
  /** The persistent cache folder shared with `terms check` and `build`; none: memory only. */
  cacheDir?: string | undefined;
  /** Folders whose change restarts the engine (default: the package's templates/ and locales/). */
  engineFolders?: readonly string[];
  /** Events closer than this make one update (default 50 ms). */
  debounceMs?: number;
}

/** A running preview: its server, and what a test or the bench can wait on. */
export interface RunningPreview extends RunningServer {
  /** Resolves when every change seen so far has been taken in. */
  settled(): Promise<void>;
}

/** The package's own templates and locales: a change there restarts the engine. */
const ENGINE_FOLDERS = [new URL('../', TEMPLATE_DIR), LOCALES_DIR].map((u) =>
  path.resolve(fileURLToPath(u)),
);
/** A comment sent to every open page this often, so no proxy or idle timeout closes the stream. */
const HEARTBEAT_MS = 15_000;

interface Client {
  res: ServerResponse;
  path: string;
  tag: string;
}

/**
 * `terms preview`: serves every version of a terms folder, drafts included, rendered on demand
 * (never from or into dist/, never writing into the terms folder), re-rendered when a file of
 * the terms, templates/ or locales/ changes, and tells each open page when what it shows changed
 * (Server-Sent Events). Listens like `terms serve` (same bounds and log).
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const { logger } = options;
  const root = path.resolve(options.termsDir);
  const engineFolders = options.engineFolders?.map((f) => path.resolve(f)) ?? ENGINE_FOLDERS;
  let engine: EngineClient = await startEngine(root, options.cwd, options.cacheDir);
  // Every version read and checked before the first page is asked for (an empty update waits for it).
  await engine.update([]);
  const clients = new Set<Client>();

  const tagOf = async (target: string) => (await engine.answer(target)).tag;
  /** Tells every open page whose render changed to reload. */
  const notify = async () => {
    for (const client of [...clients]) {
      const tag = await tagOf(client.path).catch(() => undefined);
      if (tag !== client.tag) reload(client);
    }
  };
  const reload = (client: Client) => {
    clients.delete(client);
    client.res.end('event: reload\ndata: {}\n\n');
  };

  // One update at a time; paths that arrive meanwhile make the next batch.
  let work: Promise<void> = Promise.resolve();
  let waiting: string[] = [];
  const onChange = (paths: string[]) => {
    waiting.push(...paths);
    work = work.then(async () => {
      const batch = waiting;
      waiting = [];
      if (batch.length === 0) return;
      const started = performance.now();
      try {
        const restart = engine.stopped
          ? 'the preview engine stopped'
          : batch.some((p) => engineFolders.some((dir) => isInside(p, dir)))
            ? 'templates or locales changed'
            : undefined;
        if (restart) {
          // The old engine answers until the new one has read everything.
          const next = await startEngine(root, options.cwd, options.cacheDir);
          await next.update([]);
          const previous = engine;
          engine = next;
          await previous.close();
          logger.info(`${restart}: engine restarted`);
        } else {
          const summary = await engine.update(batch);
          logger.info(
            { changed: summary.changed, full: summary.full, ms: Math.round(summary.ms) },
            summary.changed.length > 0
              ? `changed: ${summary.changed.join(', ')}`
              : 'no version changed',
          );
        }
        await notify();
        logger.debug({ ms: Math.round(performance.now() - started) }, 'pages notified');
      } catch (err) {
        // A stopped engine (a crash, memory) is started again on the next change.
        logger.error({ err }, 'preview update failed');
      }
    });
  };
  const watcher = watchSources([root, ...engineFolders], onChange, {
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
  });
  await watcher.ready;

  const stream = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (url.pathname !== EVENTS_PATH || req.method !== 'GET') return false;
    const client: Client = {
      res,
      path: url.searchParams.get('path') ?? '/',
      tag: url.searchParams.get('tag') ?? '',
    };
    res.writeHead(
      200,
      secured({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      }),
    );
    res.write('retry: 1000\n\n');
    clients.add(client);
    const beat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
    res.once('close', () => {
      clearInterval(beat);
      clients.delete(client);
    });
    // A change between the page's render and this connection: reload now.
    void tagOf(client.path).then(
      (tag) => tag !== client.tag && clients.has(client) && reload(client),
      () => undefined,
    );
    return true;
  };

  const stop = async () => {
    await watcher.close();
    await engine.close();
  };
  const running = await listenApp(
    {
      stream,
      answer: async (request) => {
        if (request.method !== 'GET' && request.method !== 'HEAD')
          return problemAnswer(
            {
              status: 405,
              kind: 'method-not-allowed',
              detail: 'preview answers GET and HEAD only',
              headers: { Allow: 'GET, HEAD' },
            },
            request.target,
          );
        return toAnswer(await engine.answer(request.target));
      },
    },
    {
      port: options.port,
      host: options.host,
      logger,
      graceMs: 1000,
      ...(options.signals ? { signals: true } : {}),
    },
  ).catch(async (err: unknown) => {
    // A port it cannot take: nothing may keep the process alive behind the error.
    await stop();
    throw err;
  });
  void running.closed.then(stop);
  return {
    ...running,
    close: async () => {
      // Open event streams would hold the server open: end them first.
      for (const client of clients) client.res.end();
      clients.clear();
      await running.close();
    },
    settled: async () => {
      let seen: Promise<void>;
      do {
        seen = work;
        await seen;
      } while (seen !== work);
    },
  };
}

function toAnswer(answer: PreviewAnswer): Answer {
  const headers: Record<string, string> = {
    'Content-Type': answer.type,
    'Content-Length': String(answer.body.length),
    'Cache-Control': 'no-store',
  };
  if (answer.type.startsWith('text/html')) headers['Content-Security-Policy'] = PREVIEW_POLICY;
  if (answer.location) headers.Location = answer.location;
  return { status: answer.status, headers: secured(headers), body: answer.body };
}

function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}${path.sep}`);
}
