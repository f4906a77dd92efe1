import { acceptedCodings, ifRangeHolds, matchesIfMatch, matchesNoneMatch } from './conditional.js';
import { problemAnswer } from './problem.js';
import { parseRange } from './range.js';
import type { Resource, Variant } from './resources.js';
import type { Answer } from './respond.js';

/** Request headers by lower-case name, as node:http gives them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** One header's value (repeated fields joined, as RFC 9110 5.3 allows for lists). */
export function headerOf(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}

/**
 * Answers a GET or HEAD of a resource from its precomputed answers: the encoding the client
 * accepts, then the preconditions in RFC 9110 13.2.2 order — `If-Match` (412), `If-None-Match`
 * (304), `Range` with `If-Range` (206 or 416). Only a range builds headers per request.
 */
export function answerFile(
  resource: Resource,
  method: string,
  headers: RequestHeaders,
  instance: string,
): Answer {
  const variant = pick(resource, headerOf(headers, 'accept-encoding'));
  const ifMatch = headerOf(headers, 'if-match');
  if (ifMatch !== undefined && !matchesIfMatch(ifMatch, variant.etag))
    return problemAnswer(
      {
        status: 412,
        kind: 'precondition-failed',
        detail: 'If-Match lists no entity tag of the current representation',
        headers: { ETag: variant.etag },
      },
      instance,
    );
  if (matchesNoneMatch(headerOf(headers, 'if-none-match'), variant.etag))
    return variant.notModified;
  // Only GET has range semantics (RFC 9110 14.2): HEAD gets the whole file's headers.
  const range = method === 'GET' && variant.ranges ? headerOf(headers, 'range') : undefined;
  if (range === undefined || !ifRangeHolds(headerOf(headers, 'if-range'), variant.etag))
    return variant.ok;
  const size = variant.body.length;
  const wanted = parseRange(range, size);
  if (wanted.kind === 'whole') return variant.ok;
  if (wanted.kind === 'unsatisfiable')
    return problemAnswer(
      {
        status: 416,
        kind: 'range-not-satisfiable',
        detail: `no byte of the requested range is within the ${size} bytes of this file`,
        headers: { 'Content-Range': `bytes */${size}` },
      },
      instance,
    );
  const body = variant.body.subarray(wanted.start, wanted.end + 1);
  return {
    status: 206,
    headers: [
      'Content-Type',
      resource.file.contentType,
      'Content-Length',
      String(body.length),
      'Content-Range',
      `bytes ${wanted.start}-${wanted.end}/${size}`,
      'ETag',
      variant.etag,
      ...resource.headers.flat(),
    ],
    body,
  };
}

function pick(resource: Resource, acceptEncoding: string | undefined): Variant {
  for (const coding of acceptedCodings(acceptEncoding)) {
    const variant = resource[coding];
    if (variant) return variant;
  }
  return resource.identity;
}
