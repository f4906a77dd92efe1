import { SECURITY_HEADERS, STRICT_POLICY } from './headers.js';

/**
 * An answer ready to write: `writeHead(status, headers)` then `end(body)`. Headers are a flat
 * list (`[name, value, name, value…]`), the form node:http writes fastest; answers to files
 * are built once at start and reused for every request.
 */
export interface Answer {
  status: number;
  headers: readonly string[];
  body?: Uint8Array | undefined;
}

/** A flat header list with the security headers added (and the strict CSP unless one is set). */
export function secured(headers: Record<string, string>): string[] {
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers)) flat.push(name, value);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) flat.push(name, value);
  if (!('Content-Security-Policy' in headers)) flat.push('Content-Security-Policy', STRICT_POLICY);
  return flat;
}

/** A JSON answer with its length (so HEAD and the request log see it). */
export function jsonAnswer(
  value: unknown,
  status: number,
  headers: Record<string, string>,
): Answer {
  const body = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return {
    status,
    headers: secured({
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
      ...headers,
    }),
    body,
  };
}

/** An answer without a body (a redirect, OPTIONS); a length of 0 spares a chunked encoding. */
export function emptyAnswer(status: number, headers: Record<string, string>): Answer {
  const length: Record<string, string> =
    status === 204 || status === 304 ? {} : { 'Content-Length': '0' };
  return { status, headers: secured({ ...headers, ...length }) };
}
