import { headerOf, type RequestHeaders } from './answer-file.js';
import { type ProblemSpec, problemAnswer } from './problem.js';
import { type Answer, emptyAnswer } from './respond.js';

/** What reading a request body gives: its bytes, or why there are none. */
export type BodyRead = { bytes: ArrayBuffer } | { tooLarge: true } | { aborted: true };

/** A request as the app sees it, from node:http or from an in-process call. */
export interface AppRequest {
  method: string;
  /** The request target as the client sent it (path and query), before any normalization. */
  target: string;
  headers: RequestHeaders;
  /** Reads the body, stopping past `limit` bytes. */
  body(limit: number): Promise<BodyRead>;
}

/** What a route handler is given: the request (Hono-like accessors) and the path it matched. */
export interface Context {
  req: {
    method: string;
    headers: RequestHeaders;
    /** A path parameter, decoded. */
    param(name: string): string | undefined;
    /** The first value of a query parameter. */
    query(name: string): string | undefined;
    /** Every value of a query parameter. */
    queries(name: string): string[];
    header(name: string): string | undefined;
    body(limit: number): Promise<BodyRead>;
  };
  /** The decoded path, as bundle files are keyed. */
  key: string;
  /** The path and query, as problem `instance`. */
  instance: string;
}

/** A route's answer; undefined when the client went away before it could be given. */
export type Handler = (c: Context) => Answer | undefined | Promise<Answer | undefined>;

/** A route: a path pattern with `:name` segments and its handler. */
export interface Route {
  segments: string[];
  handler: Handler;
}

/** A route of `pattern` (`/api/v1/services/:service/rules`). */
export function route(pattern: string, handler: Handler): Route {
  return { segments: pattern.slice(1).split('/'), handler };
}

/** The parameters of `segments` under the first route that matches them, with that route. */
export function match(
  routes: readonly Route[],
  segments: readonly string[],
): { route: Route; params: Record<string, string> } | undefined {
  next: for (const r of routes) {
    if (r.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const want = r.segments[i] as string;
      const got = segments[i] as string;
      if (want.startsWith(':')) params[want.slice(1)] = got;
      else if (want !== got) continue next;
    }
    return { route: r, params };
  }
  return undefined;
}

/** The context of a request whose path checked out. */
export function contextOf(
  request: AppRequest,
  key: string,
  instance: string,
  params: Record<string, string>,
): Context {
  let search: URLSearchParams | undefined;
  const query = () => {
    if (!search) {
      const q = request.target.indexOf('?');
      search = new URLSearchParams(q === -1 ? '' : request.target.slice(q + 1).split('#')[0]);
    }
    return search;
  };
  return {
    req: {
      method: request.method,
      headers: request.headers,
      param: (name) => params[name],
      query: (name) => query().get(name) ?? undefined,
      queries: (name) => query().getAll(name),
      header: (name) => headerOf(request.headers, name.toLowerCase()),
      body: (limit) => request.body(limit),
    },
    key,
    instance,
  };
}

/** A problem answer about this request. */
export function problem(c: Context, spec: ProblemSpec): Answer {
  return problemAnswer(spec, c.instance);
}

/** Routes a request by method; HEAD follows GET, OPTIONS lists what is allowed, the rest is 405. */
export function methods(table: { GET?: Handler; POST?: Handler }): Handler {
  const allow = [
    ...(table.GET ? ['GET', 'HEAD'] : []),
    ...(table.POST ? ['POST'] : []),
    'OPTIONS',
  ].join(', ');
  const options = emptyAnswer(204, { Allow: allow });
  return (c) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return options;
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

/** The path and query of a request target, without an absolute form's scheme and host. */
export function instanceOf(target: string): string {
  const rest = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const hash = rest.indexOf('#');
  return hash === -1 ? rest : rest.slice(0, hash);
}
