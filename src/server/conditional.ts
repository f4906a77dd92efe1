import type { Coding } from './bundle.js';

const TAGS = /(?:W\/)?"[^"]*"/g;
const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** True when an `If-None-Match` value lists `etag` (weak comparison, RFC 9110 13.1.2) or is `*`. */
export function matchesNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const tags = header.match(TAGS) ?? [];
  return tags.some((tag) => opaque(tag) === etag);
}

/** True when an `If-Match` value is `*` or lists `etag` by strong comparison (RFC 9110 13.1.1). */
export function matchesIfMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const tags = header.match(TAGS) ?? [];
  return tags.some((tag) => tag === etag);
}

/**
 * True when `If-Range` lets a range through: its entity tag equals `etag` by strong comparison.
 * A date never does: the server sends no Last-Modified, so there is nothing to compare it with
 * and the whole file is the safe answer (RFC 9110 13.1.5).
 */
export function ifRangeHolds(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag;
}

/** Preference orders by `Accept-Encoding` value: a handful of distinct values in practice. */
const PREFERENCES = new Map<string, readonly Coding[]>();
const PREFERENCES_MAX = 256;
const NONE: readonly Coding[] = [];

/**
 * The codings an `Accept-Encoding` value accepts, best first: by q-value, brotli before gzip
 * on a tie (it is smaller), `*` standing for either, `q=0` refusing. Identity is always the
 * fallback. Parsed once per distinct header value, so the hot path only looks it up.
 */
export function acceptedCodings(header: string | undefined): readonly Coding[] {
  if (!header) return NONE;
  let found = PREFERENCES.get(header);
  if (found) return found;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: Coding) =>
    q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  found = (['br', 'gzip'] as const)
    .filter((c) => weight(c) > 0)
    .sort((a, b) => weight(b) - weight(a));
  if (PREFERENCES.size >= PREFERENCES_MAX) PREFERENCES.clear();
  PREFERENCES.set(header, found);
  return found;
}
