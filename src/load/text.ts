import { type Diagnostic, diagnostic, type Point } from '../diagnostics.js';
import { LIMITS } from './limits.js';
import { pointsOf } from './positions.js';

/** How a file is decoded. */
export interface DecodeOptions {
  /**
   * A file the engine writes (lock.json): its lines are not the author's, and its line hashes
   * grow with the text it locks, so it has no line limit and four times the size limit.
   */
  generated?: boolean;
}

/** The size limit of a file the engine writes (see `DecodeOptions.generated`). */
export const GENERATED_FILE_BYTES = 4 * LIMITS.fileBytes;

/** At most this many diagnostics of one kind per file: the first ones locate the problem. */
const MAX_REPORTED = 10;

const NAMES: Record<number, string> = {
  27: 'ESCAPE',
  127: 'DELETE',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
};

/**
 * True for a character that content must not hold: C0 controls but tab, line feed and carriage
 * return (line endings), DEL, C1 controls, and the bidirectional embeddings, overrides and
 * isolates, which make text display in another order than it is stored ("Pay \u202e0005"
 * shows "Pay 5000") and write terminal escapes to stdout.
 */
export function isForbiddenControl(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return true;
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** `U+202E (RIGHT-TO-LEFT OVERRIDE)`: how messages name a control character. */
export function controlName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code] ?? (code < 0x20 ? 'C0 control' : 'C1 control');
  return `${hex} (${name})`;
}

/** The string offsets of every forbidden control character in a text. */
export function findControls(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) if (isForbiddenControl(text.charCodeAt(i))) found.push(i);
  return found;
}

/**
 * Decodes a source file's bytes as UTF-8 and holds it to the limits every file shares. A file
 * that is too large, not UTF-8 (invalid bytes, a UTF-16 or UTF-32 file) gives no text: nothing
 * else in it can be trusted. Control characters and over-long lines are reported with their
 * `line:col` and the text is kept, so the file's other problems are found in the same run.
 * A UTF-8 byte-order mark is dropped.
 */
export function decodeText(
  bytes: Uint8Array,
  file: string,
  options: DecodeOptions = {},
): { text: string | undefined; diagnostics: Diagnostic[] } {
  const maxBytes = options.generated ? GENERATED_FILE_BYTES : LIMITS.fileBytes;
  const diagnostics: Diagnostic[] = [];
  const report = (code: 'encoding' | 'limit' | 'control-character', message: string, at: Point) =>
    diagnostics.push(diagnostic(code, message, { file, at }));
  const top = { line: 1, column: 1 };
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, file, maxBytes);
  const wide = wideEncoding(bytes);
  if (wide) {
    report('encoding', `the file is ${wide}, not UTF-8: save it as UTF-8`, top);
    return { text: undefined, diagnostics };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    report(
      'encoding',
      `invalid UTF-8: byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')} at byte ${bad} is not part of a UTF-8 character; save the file as UTF-8`,
      pointOfByte(bytes, bad),
    );
    return { text: undefined, diagnostics };
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const toPoint = pointsOf(text);
  const controls = findControls(text);
  for (const index of controls.slice(0, MAX_REPORTED))
    report(
      'control-character',
      `${controlName(text.charCodeAt(index))} is not allowed in terms content: it is invisible or reorders what is shown`,
      toPoint(index),
    );
  if (controls.length > MAX_REPORTED)
    report(
      'control-character',
      `${controls.length - MAX_REPORTED} more control characters in this file`,
      toPoint(controls[MAX_REPORTED] as number),
    );
  let lineStart = 0;
  let long = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 10) continue;
    const chars = codePoints(text, lineStart, i);
    if (!options.generated && chars > LIMITS.lineChars && long++ < MAX_REPORTED)
      report(
        'limit',
        `a line of ${chars} characters: at most ${LIMITS.lineChars} are allowed (break it into paragraphs)`,
        toPoint(lineStart),
      );
    lineStart = i + 1;
  }
  return { text, diagnostics };
}

/** The diagnostic of a file over the size limit (its bytes need not be read). */
export function tooLarge(
  size: number,
  file: string,
  max: number = LIMITS.fileBytes,
): { text: undefined; diagnostics: Diagnostic[] } {
  const message = `the file has ${size} bytes: at most ${max} (${max / 1024} KB) are allowed`;
  return { text: undefined, diagnostics: [diagnostic('limit', message, { file })] };
}

function codePoints(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

/** `UTF-16 (little-endian)` and the like, from a byte-order mark or the NUL bytes of ASCII text. */
function wideEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe)
    return c === 0 && d === 0 ? 'UTF-32 (little-endian)' : 'UTF-16 (little-endian)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian)';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian)';
  // Without a mark: UTF-16 of mostly ASCII text has a NUL in every other byte.
  const n = Math.min(bytes.byteLength, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (n >= 4 && odd * 4 >= n) return 'UTF-16 (little-endian, no byte-order mark)';
  if (n >= 4 && even * 4 >= n) return 'UTF-16 (big-endian, no byte-order mark)';
  return undefined;
}

/** The offset of the first byte that does not begin or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const n = bytes.byteLength;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return undefined;
}

/** The line and column (in UTF-16 code units, as every other diagnostic) of a byte offset. */
function pointOfByte(bytes: Uint8Array, offset: number): Point {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++)
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + start, offset - start);
  return { line, column: before.toString('utf8').length + 1 };
}
