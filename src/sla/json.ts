// Reading an SLA input body, for the CLI and the server alike. JSON.parse alone is not enough:
// it keeps the last of two equal keys without a word (RFC 8259 leaves the meaning open), and
// its cost depends on the shape more than the size (a megabyte of empty objects or of nesting
// takes it 100–150 ms here). So a linear scan first refuses duplicate keys and shapes no SLA
// input has, naming where; only then does JSON.parse build the value.
import { Buffer, isUtf8 } from 'node:buffer';
import { InputError } from '../diagnostics.js';
import { fieldPath } from '../model/field-path.js';
import { MAX_INCIDENTS, MAX_TEXT } from './input.js';

/** What a body may hold: far more than any valid SLA input, far less than JSON.parse chokes on. */
export const JSON_LIMITS = {
  /** Levels of nesting (a valid input has 3: the input, its incidents, an incident). */
  depth: 16,
  /** Fields of one object (a valid one has at most 7). */
  keys: 64,
  /** Values in all, objects and arrays included (a valid incident has at most 7). */
  values: 16 * MAX_INCIDENTS,
  /** Bytes of one string, escapes as written (a valid one has at most MAX_TEXT characters). */
  stringBytes: 4 * MAX_TEXT,
} as const;

/** An open object or array while scanning, and where in it the scan is. */
interface Frame {
  /** The object's keys so far; null for an array. */
  keys: Set<string> | null;
  /** The object's last key, or the array's index. */
  at: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/** 1 for JSON whitespace, 2 for what ends a number or literal, 0 for other bytes. */
const KIND = new Uint8Array(256);
for (const c of ' \t\n\r') KIND[c.charCodeAt(0)] = 1;
for (const c of ',:[]{}"') KIND[c.charCodeAt(0)] = 2;
/** What starts a number or a literal: - 0-9 t f n. */
const SCALAR_START = new Uint8Array(256);
for (const c of '-0123456789tfn') SCALAR_START[c.charCodeAt(0)] = 1;

/**
 * Reads an SLA input body: UTF-8 (a leading byte order mark is dropped), one JSON value, no
 * key twice in an object, within `JSON_LIMITS`. Anything else is an `InputError`: kind
 * `duplicate-key` (its `field` the repeated key's path, e.g. `incidents[0].cause`), or
 * `bad-json` saying what is wrong. Costs time linear in the bytes, whatever their shape.
 */
export function readSlaJson(bytes: Uint8Array): unknown {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // isUtf8 (simdutf) and a plain decode: several times faster than a fatal TextDecoder.
  if (!isUtf8(body)) throw badJson('The encoded data was not valid for encoding utf-8');
  const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  let first = start;
  while (KIND[body[first] as number] === 1) first++;
  if (first >= body.length) throw badJson('the body is empty');
  // The scan reads bytes (UTF-8 never puts an ASCII byte inside a longer character), so a
  // refused body is never decoded into a string at all.
  scan(body, start);
  try {
    return JSON.parse(body.toString('utf8', start));
  } catch (err) {
    throw badJson((err as Error).message);
  }
}

function badJson(reason: string, field?: string): InputError {
  return new InputError('bad-json', `expected the SLA input as UTF-8 JSON: ${reason}`, field);
}

/**
 * Walks the tokens once, tracking open objects and arrays, and throws at the first duplicate
 * key or limit passed. Syntax is JSON.parse's to judge: on broken JSON the scan stops quietly
 * (an unterminated string, a bad escape) or judges what it saw, and never loops or recurses.
 */
function scan(text: Buffer, from: number): void {
  const stack: Frame[] = [];
  /** The path of the value being read, or with `inside`, of the innermost open container. */
  const where = (inside = false) =>
    fieldPath(stack.slice(0, inside ? -1 : undefined).map((f) => f.at)) || undefined;
  let values = 0;
  const count = () => {
    if (++values > JSON_LIMITS.values)
      throw badJson(
        `more than ${JSON_LIMITS.values} values (an input has at most ${MAX_INCIDENTS} incidents)`,
        where(),
      );
  };
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text[i] as number;
    if (KIND[c] === 1) i++;
    else if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end < 0) return; // unterminated: JSON.parse says where
      const tooLong = end - i - 1 > JSON_LIMITS.stringBytes;
      const long = (path: string | undefined) =>
        badJson(
          `a string of more than ${JSON_LIMITS.stringBytes} bytes (ids and names have at most ${MAX_TEXT} characters)`,
          path,
        );
      let next = end + 1;
      while (KIND[text[next] as number] === 1) next++;
      const frame = stack.at(-1);
      if (frame?.keys && text[next] === COLON) {
        if (tooLong) throw long(where(true));
        const key = keyOf(text, i, end);
        if (key === undefined) return; // a bad escape: JSON.parse says where
        frame.at = key;
        if (frame.keys.has(key))
          throw new InputError(
            'duplicate-key',
            `${where()}: expected each field once in an object, got ${JSON.stringify(key)} twice (which one counts would be a guess)`,
            where(),
          );
        if (frame.keys.size >= JSON_LIMITS.keys)
          throw badJson(`more than ${JSON_LIMITS.keys} fields in one object`, where(true));
        frame.keys.add(key);
      } else if (tooLong) throw long(where());
      else count();
      i = next;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      count();
      if (stack.length >= JSON_LIMITS.depth)
        throw badJson(`nested more than ${JSON_LIMITS.depth} levels deep`, where());
      stack.push({ keys: c === OPEN_OBJECT ? new Set() : null, at: c === OPEN_OBJECT ? '' : 0 });
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      i++;
    } else if (c === COMMA) {
      const frame = stack.at(-1);
      if (frame && !frame.keys) frame.at = (frame.at as number) + 1;
      i++;
    } else if (SCALAR_START[c] === 1) {
      count();
      i++;
      while (i < n && KIND[text[i] as number] === 0) i++;
    } else i++;
  }
}

/** The index of the quote that closes the string opening at `open`, or -1. */
function closingQuote(text: Buffer, open: number): number {
  let end = text.indexOf(QUOTE, open + 1);
  while (end >= 0) {
    let backslashes = 0;
    while (text[end - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf(QUOTE, end + 1);
  }
  return -1;
}

/** The key a string token spells (escapes decoded), or undefined for a bad escape. */
function keyOf(text: Buffer, open: number, close: number): string | undefined {
  if (!text.subarray(open + 1, close).includes(BACKSLASH))
    return text.toString('utf8', open + 1, close);
  try {
    return JSON.parse(text.toString('utf8', open, close + 1)) as string;
  } catch {
    return undefined;
  }
}
