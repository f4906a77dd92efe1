// Reading an SLA input body, for the CLI and the server alike. JSON.parse alone is not enough:
// it keeps the last of two equal keys without a word (RFC 8259 leaves the meaning open), and
// its cost depends on the shape more than the size (a megabyte of empty objects or of nesting
// takes it 100–150 ms here). So a linear scan first refuses duplicate keys and shapes no SLA
// input has, naming where; only then does JSON.parse build the value.
import { InputError } from '../diagnostics.js';
import { fieldPath } from '../model/field-path.js';
import { MAX_INCIDENTS } from './input.js';

/** What a body may hold: far more than any valid SLA input, far less than JSON.parse chokes on. */
export const JSON_LIMITS = {
  /** Levels of nesting (a valid input has 3: the input, its incidents, an incident). */
  depth: 16,
  /** Fields of one object (a valid one has at most 7). */
  keys: 64,
  /** Values in all, objects and arrays included (a valid incident has at most 7). */
  values: 16 * MAX_INCIDENTS,
} as const;

/** One open object or array while scanning: its keys so far, or its item count. */
interface Frame {
  keys: Set<string> | null;
  key: string;
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
/** A number, true, false or null up to where it ends (or where broken JSON goes on). */
const SCALAR = /-?[0-9]|[tfn]/y;
const SCALAR_REST = /[^\s,:[\]{}"]*/y;
const SPACE = /\s*/y;

/**
 * Reads an SLA input body: UTF-8 (a leading byte order mark is dropped), one JSON value, no
 * key twice in an object, within `JSON_LIMITS`. Anything else is an `InputError`: kind
 * `duplicate-key` (its `field` the repeated key's path, e.g. `incidents[0].cause`), or
 * `bad-json` saying what is wrong. Costs time linear in the bytes, whatever their shape.
 */
export function readSlaJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw badJson((err as Error).message);
  }
  if (text.trim() === '') throw badJson('the body is empty');
  scan(text);
  try {
    return JSON.parse(text);
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
function scan(text: string): void {
  const stack: Frame[] = [];
  const where = (last?: string) =>
    fieldPath([
      ...stack.map((f) => (f.keys ? f.key : f.index)),
      ...(last === undefined ? [] : [last]),
    ]) || undefined;
  let values = 0;
  const count = () => {
    if (++values > JSON_LIMITS.values)
      throw badJson(
        `more than ${JSON_LIMITS.values} values (an input has at most ${MAX_INCIDENTS} incidents)`,
        where(),
      );
  };
  let i = 0;
  while (i < text.length) {
    SPACE.lastIndex = i;
    SPACE.test(text);
    i = SPACE.lastIndex;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end < 0) return; // unterminated: JSON.parse says where
      SPACE.lastIndex = end + 1;
      SPACE.test(text);
      const frame = stack.at(-1);
      if (frame?.keys && text.charCodeAt(SPACE.lastIndex) === COLON) {
        const key = keyOf(text, i, end);
        if (key === undefined) return; // a bad escape: JSON.parse says where
        if (frame.keys.has(key))
          throw new InputError(
            'duplicate-key',
            `${where(key)}: expected each field once in an object, got ${JSON.stringify(key)} twice (which one counts would be a guess)`,
            where(key),
          );
        if (frame.keys.size >= JSON_LIMITS.keys)
          throw badJson(`more than ${JSON_LIMITS.keys} fields in one object`, where());
        frame.keys.add(key);
        frame.key = key;
      } else count();
      i = end + 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      count();
      if (stack.length >= JSON_LIMITS.depth)
        throw badJson(`nested more than ${JSON_LIMITS.depth} levels deep`, where());
      stack.push({ keys: c === OPEN_OBJECT ? new Set() : null, key: '', index: 0 });
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      i++;
    } else if (c === COMMA) {
      const frame = stack.at(-1);
      if (frame && !frame.keys) frame.index++;
      i++;
    } else {
      SCALAR.lastIndex = i;
      if (SCALAR.test(text)) {
        count();
        SCALAR_REST.lastIndex = i + 1;
        SCALAR_REST.test(text);
        i = SCALAR_REST.lastIndex;
      } else i++;
    }
  }
}

/** The index of the quote that closes the string opening at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** The key a string token spells (escapes decoded), or undefined for a bad escape. */
function keyOf(text: string, open: number, close: number): string | undefined {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return undefined;
  }
}
