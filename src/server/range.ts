/** What a `Range` header asks of a representation of `size` bytes. */
export type RangeRequest =
  /** No range, a unit other than bytes, a malformed or a multi-range header: the whole body. */
  | { kind: 'whole' }
  /** A well-formed range no byte of the body falls in: 416. */
  | { kind: 'unsatisfiable' }
  /** One range, `start` to `end` inclusive, clipped to the body. */
  | { kind: 'part'; start: number; end: number };

const WHOLE: RangeRequest = { kind: 'whole' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };
const SPEC = /^(?:(?<first>\d+)-(?<last>\d*)|-(?<suffix>\d+))$/;

/**
 * Reads a `Range` header (RFC 9110 14.1.2) for a body of `size` bytes. A malformed header is
 * ignored, as RFC 9110 says: the whole body. So is a request for several ranges (one PDF
 * viewer asks one range at a time; multipart/byteranges would only serve a request splitter),
 * which is also what nginx does with `max_ranges 1`.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return WHOLE;
  const eq = header.indexOf('=');
  if (eq === -1 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return WHOLE;
  const set = header.slice(eq + 1);
  if (set.includes(',')) return WHOLE;
  const m = SPEC.exec(set.trim());
  if (!m?.groups) return WHOLE;
  const { first, last, suffix } = m.groups;
  if (suffix !== undefined) {
    const length = Number(suffix);
    if (length === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== undefined && last !== '' && Number(last) < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  const end = last === undefined || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'part', start, end };
}
