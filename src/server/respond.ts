import type { BundleFile, Representation } from './bundle.js';

/** Versioned documents and rules never change: a year, and no revalidation. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Answers that move with the date (`current`, `?at=`): a minute. */
export const SHORT = 'public, max-age=60';
/** Unversioned files (the index, lists of versions): keep, but revalidate every time (cheap 304). */
export const REVALIDATE = 'public, no-cache';

/** Headers a file response carries besides its type, length and ETag. */
export interface FileHeaders {
  cacheControl: string;
  extra?: Record<string, string>;
}

/**
 * Answers with a bundle file: picks the gzip encoding when the client accepts it, and answers
 * `If-None-Match` with 304 (weak comparison, RFC 9110 13.1.2). HEAD is derived by Hono from GET
 * with the same headers, so Content-Length is set explicitly.
 */
export function fileResponse(
  request: Request,
  file: BundleFile,
  { cacheControl, extra = {} }: FileHeaders,
): Response {
  const gzip = file.gzip && acceptsGzip(request.headers.get('accept-encoding'));
  const chosen: Representation = gzip && file.gzip ? file.gzip : file;
  const headers: Record<string, string> = {
    ETag: chosen.etag,
    'Cache-Control': cacheControl,
    ...(file.gzip ? { Vary: 'Accept-Encoding' } : {}),
    ...extra,
  };
  if (matchesNoneMatch(request.headers.get('if-none-match'), chosen.etag))
    return new Response(null, { status: 304, headers });
  return new Response(chosen.body, {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(chosen.body.length),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
  });
}

/** True when an `If-None-Match` value lists `etag` (weakly) or is `*`. */
export function matchesNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => opaque(tag) === opaque(etag));
}

/** True when `Accept-Encoding` allows gzip (by name or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  const gzip = q.get('gzip') ?? q.get('x-gzip') ?? q.get('*');
  return gzip !== undefined && gzip > 0;
}

/** A JSON response with its length (so HEAD and the request log see it). */
export function jsonResponse(
  value: unknown,
  status: number,
  headers: Record<string, string>,
): Response {
  const body = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
      ...headers,
    },
  });
}
