import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Temporal } from 'temporal-polyfill';
import { parseDocumentFile } from '../bundle/layout.js';
import { isIsoDate } from '../model/date.js';
import { type Bundle, toBundleFile } from './bundle.js';
import { keyOf, rangeAt, readCatalog, readRules, type ServiceEntry } from './catalog.js';
import { bundleLookup, evaluateBody, isJsonType } from './evaluate.js';
import { type FileHeaders, fileHeaders, SECURITY_HEADERS, STRICT_POLICY } from './headers.js';
import {
  notFound,
  noVersionInForce,
  unknownDocument,
  unknownService,
  unknownVersion,
} from './not-found.js';
import { openApiDocument } from './openapi.js';
import { targetPath, toRouteKey } from './path.js';
import { type ProblemSpec, problemResponse } from './problem.js';
import { fileResponse, jsonResponse, REVALIDATE, SHORT } from './respond.js';

/** The largest request body the server reads (1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the app is made from. Everything is read once here, never on the request path. */
export interface AppOptions {
  bundle: Bundle;
  /** Receives internal errors (with their stack), which clients never see. */
  log?: (line: string) => void;
  /** The clock `current` is resolved with; tests inject one. Defaults to the real time. */
  now?: () => Date;
}

/** What Node's adapter passes along: the raw request, whose URL is not yet normalized. */
interface Bindings {
  incoming?: { url?: string };
}
type AppEnv = { Bindings: Bindings; Variables: { key: string } };
type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/**
 * The HTTP API and reader pages over a loaded bundle (DESIGN.md "HTTP"): a Hono app that
 * tests call with `app.request()` and `listen.ts` serves over Node's HTTP server.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { bundle, log = () => {}, now = () => new Date() } = options;
  const catalog = readCatalog(bundle);
  const rules = readRules(bundle, catalog);
  const slaLookup = bundleLookup(catalog, (s, v) => rules.get(`${s}/${v}`));
  // `<service>/<version>` of drafts (a bundle built with --drafts): they can still change.
  const drafts = new Set<string>();
  for (const s of catalog.values())
    for (const v of s.versions) if (v.status === 'draft') drafts.add(`${s.id}/${v.version}`);
  // Headers of every file, decided once here from its kind, never on the request path.
  const headers = new Map<string, FileHeaders>();
  for (const file of bundle.files.values())
    headers.set(file.key, fileHeaders(file, { catalog, drafts }));
  const openapi = toBundleFile(
    '/api/v1/openapi.json',
    new TextEncoder().encode(`${JSON.stringify(openApiDocument(), null, 2)}\n`),
  );

  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    // The raw target, as the client sent it: Request URLs are already normalized (`..` gone).
    const checked = toRouteKey(targetPath(c.env?.incoming?.url ?? c.req.url));
    if (checked.ok) {
      c.set('key', checked.key);
      await next();
    } else c.res = problem(c, { status: 400, kind: 'bad-path', detail: checked.reason });
    secure(c.res.headers);
  });

  /** Serves a bundle file with the headers its kind calls for; 404 when it is not there. */
  const serveKey = (c: Context<AppEnv>, key: string, extra: Record<string, string> = {}) => {
    const file = bundle.files.get(key);
    const policy = headers.get(key);
    if (!file || !policy) return problem(c, notFound(key));
    return fileResponse(c.req.raw, file, {
      cacheControl: extra['Cache-Control'] ?? policy.cacheControl,
      extra: { ...policy.extra, ...extra },
    });
  };

  const withService = (
    c: Context<AppEnv>,
    then: (s: ServiceEntry) => Response | Promise<Response>,
  ) => {
    const id = c.req.param('service') ?? '';
    const service = catalog.get(id);
    return service ? then(service) : problem(c, unknownService(id, catalog));
  };

  app.all('/', methods({ GET: (c) => serveKey(c, keyOf('index')) }));
  app.all(
    '/healthz',
    methods({
      GET: () =>
        jsonResponse({ status: 'ok', files: bundle.files.size }, 200, {
          'Cache-Control': 'no-store',
        }),
    }),
  );
  app.all(
    '/api/v1/openapi.json',
    methods({ GET: (c) => fileResponse(c.req.raw, openapi, { cacheControl: REVALIDATE }) }),
  );
  app.all('/api/v1/services', methods({ GET: (c) => serveKey(c, keyOf('services')) }));
  app.all(
    '/api/v1/services/:service/versions',
    methods({
      GET: (c) => withService(c, (s) => serveKey(c, keyOf('versions', { service: s.id }))),
    }),
  );
  app.all(
    '/api/v1/services/:service/versions/:version/rules',
    methods({
      GET: (c) =>
        withService(c, (s) => {
          const version = c.req.param('version') ?? '';
          if (!s.versions.some((v) => v.version === version))
            return problem(c, unknownVersion(s, version));
          return serveKey(c, keyOf('rules', { service: s.id, version }));
        }),
    }),
  );
  app.all(
    '/api/v1/services/:service/rules',
    methods({
      GET: (c) =>
        withService(c, (s) => {
          const dates = c.req.queries('at') ?? [];
          if (dates.length > 1)
            return problem(c, {
              status: 400,
              kind: 'repeated-parameter',
              field: 'at',
              detail: `at: expected one date, got ${dates.length} (${dates.map((d) => `"${d}"`).join(', ')}): which one counts would be a guess`,
            });
          const at = dates[0];
          if (at === undefined || !isIsoDate(at))
            return problem(c, {
              status: 400,
              kind: 'bad-date',
              field: 'at',
              detail:
                at === undefined
                  ? 'at: expected a date YYYY-MM-DD, like ?at=2025-10-01, but it is missing'
                  : `at: expected an existing calendar date YYYY-MM-DD, got "${at}"`,
            });
          const range = rangeAt(s, at);
          if (!range) return problem(c, noVersionInForce(s, at, 'at'));
          return serveKey(c, keyOf('rules', { service: s.id, version: range.version }), {
            'Cache-Control': SHORT,
            'Content-Location': `/api/v1/services/${s.id}/versions/${range.version}/rules`,
          });
        }),
    }),
  );
  app.all(
    '/api/v1/sla/evaluate',
    methods({
      POST: async (c) => {
        const type = c.req.header('content-type');
        if (!isJsonType(type))
          return problem(c, {
            status: 415,
            kind: 'unsupported-media-type',
            detail: `expected Content-Type: application/json, got ${type ? `"${type}"` : 'none'}`,
            headers: { 'Accept-Post': 'application/json' },
          });
        const encoding = c.req.header('content-encoding');
        // A coded body (gzip, br…) would be read as JSON bytes it is not; nothing is decoded here.
        const coding = encoding?.trim().toLowerCase() ?? '';
        if (coding !== '' && coding !== 'identity')
          return problem(c, {
            status: 415,
            kind: 'unsupported-content-encoding',
            detail: `expected a body without Content-Encoding (none is decoded here), got "${encoding}"`,
            headers: { 'Accept-Encoding': 'identity' },
          });
        let tooLarge = false;
        await bodyLimit({
          maxSize: MAX_BODY_BYTES,
          onError: () => {
            tooLarge = true;
            return new Response(null, { status: 413 });
          },
        })(c, async () => {});
        if (tooLarge)
          return problem(c, {
            status: 413,
            kind: 'body-too-large',
            detail: `the body is larger than ${MAX_BODY_BYTES} bytes`,
            // The rest of the body is not read: the connection cannot carry another request.
            headers: { Connection: 'close' },
          });
        const outcome = evaluateBody(new Uint8Array(await c.req.arrayBuffer()), slaLookup);
        return 'result' in outcome
          ? jsonResponse(outcome.result, 200, { 'Cache-Control': 'no-store' })
          : problem(c, outcome.problem);
      },
    }),
  );

  app.all(
    '/terms/:service/',
    methods({
      GET: (c) => withService(c, (s) => serveKey(c, keyOf('service', { service: s.id }))),
    }),
  );
  app.all(
    '/terms/:service/:version/:file',
    methods({
      GET: (c) => {
        const key = c.get('key');
        if (bundle.files.has(key)) return serveKey(c, key);
        return withService(c, (s) => {
          const version = c.req.param('version') ?? '';
          const file = c.req.param('file') ?? '';
          if (version === 'current') {
            const today = Temporal.Instant.fromEpochMilliseconds(now().getTime())
              .toZonedDateTimeISO(s.timeZone)
              .toPlainDate()
              .toString();
            const range = rangeAt(s, today);
            if (!range) return problem(c, noVersionInForce(s, today, 'version'));
            const doc = parseDocumentFile(file);
            const target =
              doc && keyOf('document', { service: s.id, version: range.version, ...doc });
            if (!target || !bundle.files.has(target)) return problem(c, unknownDocument(file));
            return new Response(null, {
              status: 302,
              headers: { Location: target, 'Cache-Control': SHORT },
            });
          }
          if (!s.versions.some((v) => v.version === version))
            return problem(c, unknownVersion(s, version));
          return problem(c, unknownDocument(file));
        });
      },
    }),
  );

  app.all('*', (c) => {
    const key = c.get('key');
    if (!bundle.files.has(key)) return problem(c, notFound(key));
    return methods({ GET: () => serveKey(c, key) })(c);
  });

  app.notFound((c) => problem(c, notFound(new URL(c.req.url).pathname)));
  app.onError((err, c) => {
    log(`internal error on ${c.req.method} ${c.req.url}: ${err.stack ?? String(err)}`);
    return problem(c, {
      status: 500,
      kind: 'internal-error',
      detail: 'the server failed to answer this request; it has been logged',
    });
  });
  return app;
}

/** Routes a request by method; HEAD follows GET (Hono derives it), OPTIONS lists what is allowed. */
function methods(table: { GET?: Handler; POST?: Handler }): Handler {
  const allow = [
    ...(table.GET ? ['GET', 'HEAD'] : []),
    ...(table.POST ? ['POST'] : []),
    'OPTIONS',
  ].join(', ');
  return (c) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow } });
    const handler = method === 'HEAD' ? table.GET : table[method as 'GET' | 'POST'];
    if (handler) return handler(c);
    return problem(c, {
      status: 405,
      kind: 'method-not-allowed',
      detail: `${method} is not allowed here; allowed: ${allow}`,
      headers: { Allow: allow },
    });
  };
}

function problem(c: Context<AppEnv>, spec: ProblemSpec): Response {
  const url = new URL(c.req.url);
  return problemResponse(spec, `${url.pathname}${url.search}`);
}

/** Headers every response carries; pages get their own policy when served, others the strict one. */
function secure(headers: Headers): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy'))
    headers.set('Content-Security-Policy', STRICT_POLICY);
}
