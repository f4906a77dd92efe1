import { SHORT } from '../bundle/cache.js';
import { parseDocumentFile } from '../bundle/layout.js';
import { isIsoDate } from '../model/date.js';
import { dateIn } from '../model/zoned.js';
import { answerFile, type RequestHeaders } from './answer-file.js';
import type { Bundle } from './bundle.js';
import { byDateResources } from './by-date.js';
import { type Catalog, keyOf, rangeAt, readCatalog, type ServiceEntry } from './catalog.js';
import { requestOf } from './in-process.js';
import {
  notFound,
  noVersionInForce,
  unknownDocument,
  unknownService,
  unknownVersion,
} from './not-found.js';
import { targetPath, toRouteKey } from './path.js';
import { problemAnswer } from './problem.js';
import { bundleResources, type Resource } from './resources.js';
import { type Answer, emptyAnswer, jsonAnswer } from './respond.js';
import {
  type AppRequest,
  type Context,
  contextOf,
  instanceOf,
  match,
  methods,
  problem,
  route,
} from './router.js';

/** The largest request body the server reads (1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the app is made from. Everything is read once here, never on the request path. */
export interface AppOptions {
  bundle: Bundle;
  /** Receives internal errors (with their stack), which clients never see. */
  onError?: (err: unknown, request: { method: string; target: string }) => void;
  /** The clock `current` is resolved with; tests inject one. Defaults to the real time. */
  now?: () => Date;
}

/** The HTTP API and reader pages over a loaded bundle, callable with or without a port. */
export interface App {
  /**
   * The hot path: a GET or HEAD whose raw target is exactly a file's URL or a by-date lookup
   * (`…/rules?at=YYYY-MM-DD`), answered from answers built at start; undefined for anything
   * else, which `answer` then routes.
   */
  hot(method: string, target: string, headers: RequestHeaders): Answer | undefined;
  /** Routes any request; undefined when the client went away before it could be answered. */
  answer(request: AppRequest): Promise<Answer | undefined>;
  /** In-process, like `fetch`: a URL (and `RequestInit`) in, a `Response` out; `env.incoming.url` gives a raw target. */
  request(
    input: string,
    init?: RequestInit,
    env?: { incoming?: { url?: string } },
  ): Promise<Response>;
  /** Every URL of the bundle with what it answers (`terms nginx-conf` serves these from nginx). */
  resources: ReadonlyMap<string, Resource>;
  catalog: Catalog;
}

/**
 * The HTTP API and reader pages over a loaded bundle (DESIGN.md "HTTP"): files and by-date
 * lookups from answers precomputed here, everything else through a small router.
 */
export function createApp(options: AppOptions): App {
  const { bundle, onError = () => {}, now = () => new Date() } = options;
  const catalog = readCatalog(bundle);
  // `<service>/<version>` of drafts (a bundle built with --drafts): they can still change.
  const drafts = new Set<string>();
  for (const s of catalog.values())
    for (const v of s.versions) if (v.status === 'draft') drafts.add(`${s.id}/${v.version}`);
  // Answers of every file, decided once here from its kind, never on the request path.
  const resources = bundleResources(bundle, { catalog, drafts });
  const byDate = byDateResources(bundle, { catalog, drafts });
  const health = jsonAnswer({ status: 'ok', files: bundle.files.size }, 200, {
    'Cache-Control': 'no-store',
  });

  const withService = (c: Context, then: (s: ServiceEntry) => Answer | Promise<Answer>) => {
    const id = c.req.param('service') ?? '';
    const service = catalog.get(id);
    return service ? then(service) : problem(c, unknownService(id, catalog));
  };

  // The evaluator (with the SLA library and the rules of every version) and the OpenAPI
  // document are loaded on first use: a server that only serves files never holds them.
  const evaluator = once(async () => {
    const { bundleLookup, evaluateBody, isJsonType } = await import('./evaluate.js');
    const { readRules } = await import('./rules-of.js');
    const rules = readRules(bundle, catalog);
    return {
      evaluateBody,
      isJsonType,
      lookup: bundleLookup(catalog, (s, v) => rules.get(`${s}/${v}`)),
    };
  });
  const openapi = once(async () => (await import('./openapi.js')).openApiResource());

  const routes = [
    route('/healthz', methods({ GET: () => health })),
    route(
      '/api/v1/openapi.json',
      methods({
        GET: async (c) => answerFile(await openapi(), c.req.method, c.req.headers, c.instance),
      }),
    ),
    route(
      '/api/v1/services/:service/versions',
      methods({ GET: (c) => withService(c, () => problem(c, notFound(c.key))) }),
    ),
    route(
      '/api/v1/services/:service/versions/:version/rules',
      methods({
        GET: (c) =>
          withService(c, (s) => {
            const version = c.req.param('version') ?? '';
            if (!s.versions.some((v) => v.version === version))
              return problem(c, unknownVersion(s, version));
            return problem(c, notFound(c.key));
          }),
      }),
    ),
    route(
      byDate.route,
      methods({
        GET: (c) =>
          withService(c, (s) => {
            const dates = c.req.queries('at');
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
            const resource = byDate.at(s, at);
            if (!resource) return problem(c, noVersionInForce(s, at, 'at'));
            return answerFile(resource, c.req.method, c.req.headers, c.instance);
          }),
      }),
    ),
    route(
      '/api/v1/sla/evaluate',
      methods({
        POST: async (c) => {
          const { evaluateBody, isJsonType, lookup } = await evaluator();
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
          const body = await c.req.body(MAX_BODY_BYTES);
          if ('aborted' in body) return undefined;
          if ('tooLarge' in body)
            return problem(c, {
              status: 413,
              kind: 'body-too-large',
              detail: `the body is larger than ${MAX_BODY_BYTES} bytes`,
              // The rest of the body is not read: the connection cannot carry another request.
              headers: { Connection: 'close' },
            });
          const outcome = evaluateBody(new Uint8Array(body.bytes), lookup);
          return 'result' in outcome
            ? jsonAnswer(outcome.result, 200, { 'Cache-Control': 'no-store' })
            : problem(c, outcome.problem);
        },
      }),
    ),
    route(
      '/terms/:service/:version/:file',
      methods({
        GET: (c) =>
          withService(c, (s) => {
            const version = c.req.param('version') ?? '';
            const file = c.req.param('file') ?? '';
            if (version === 'current') {
              const today = dateIn(now(), s.timeZone);
              const range = rangeAt(s, today);
              if (!range) return problem(c, noVersionInForce(s, today, 'version'));
              const doc = parseDocumentFile(file);
              const target =
                doc && keyOf('document', { service: s.id, version: range.version, ...doc });
              if (!target || !bundle.files.has(target)) return problem(c, unknownDocument(file));
              return emptyAnswer(302, { Location: target, 'Cache-Control': SHORT });
            }
            if (!s.versions.some((v) => v.version === version))
              return problem(c, unknownVersion(s, version));
            return problem(c, unknownDocument(file));
          }),
      }),
    ),
  ];
  const fileMethods = (resource: Resource) =>
    methods({ GET: (c) => answerFile(resource, c.req.method, c.req.headers, c.instance) });

  const app: App = {
    resources,
    catalog,
    hot(method, target, headers) {
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      const resource = resources.get(target) ?? byDate.hot(target);
      return resource && answerFile(resource, method, headers, target);
    },
    async answer(request) {
      const instance = instanceOf(request.target);
      // The raw target, as the client sent it: `..` and its encodings are refused, not resolved.
      const checked = toRouteKey(targetPath(request.target));
      if (!checked.ok)
        return problemAnswer({ status: 400, kind: 'bad-path', detail: checked.reason }, instance);
      const resource = resources.get(checked.key);
      const found = resource ? undefined : match(routes, checked.segments);
      const c = contextOf(request, checked.key, instance, found?.params ?? {});
      try {
        if (resource) return await fileMethods(resource)(c);
        if (found) return await found.route.handler(c);
        return problem(c, notFound(checked.key));
      } catch (err) {
        onError(err, { method: request.method, target: request.target });
        return problem(c, {
          status: 500,
          kind: 'internal-error',
          detail: 'the server failed to answer this request; it has been logged',
        });
      }
    },
    request: (input, init, env) => requestOf(app, input, init, env),
  };
  return app;
}

/** The result of the first call, shared by every later call (and by calls made meanwhile). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
