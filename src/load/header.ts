import { z } from 'zod';
import type { Diagnostic, Point } from '../diagnostics.js';
import { IsoDate, isIsoDate } from '../model/date.js';
import { Status } from '../model/version.js';
import { parseYaml, validateYaml } from './yaml.js';

/** What the timeline needs of a version.yaml, and where its effective date is written. */
export interface VersionYamlHeader {
  effectiveFrom: string;
  status: Status;
  /** The point of the `effectiveFrom` value (version-order diagnostics point there). */
  at: Point;
}

/** The two fields of version.yaml the header is made of; the rest is not looked at. */
const HeaderFields = z.looseObject({ effectiveFrom: IsoDate, status: Status });

/**
 * Reads the header of a version.yaml (effective date and status) without parsing the rest:
 * a scan of the top-level lines when the file is in the plain form that scan reads exactly
 * (`key: value` lines at column 0, each header key once, its value a plain or simply quoted
 * scalar), else a full YAML parse. Either way the answer is what the full parse gives for a
 * well-formed file (property-tested); only the full parse reports problems.
 */
export function readVersionHeader(
  text: string,
  file: string,
): { header: VersionYamlHeader | undefined; diagnostics: Diagnostic[] } {
  const scanned = scanHeader(text);
  if (scanned) return { header: scanned, diagnostics: [] };
  return parseHeader(text, file);
}

/** The header by a full YAML parse and the schema of its two fields. */
export function parseHeader(
  text: string,
  file: string,
): { header: VersionYamlHeader | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.source) return { header: undefined, diagnostics: parsed.diagnostics };
  const valid = validateYaml(parsed.source, HeaderFields);
  const diagnostics = [...parsed.diagnostics, ...valid.diagnostics];
  if (!valid.value) return { header: undefined, diagnostics };
  const { effectiveFrom, status } = valid.value;
  return {
    header: { effectiveFrom, status, at: parsed.source.pointOf(['effectiveFrom']) },
    diagnostics,
  };
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;
const SCALAR = /^(?:([A-Za-z0-9][A-Za-z0-9-]*)|'([^'\n]*)'|"([^"\\\n]*)")(?:[ \t]+(?:#.*)?)?$/;

/**
 * The header by a line scan, or undefined whenever the text is not in the plain form whose
 * meaning the scan knows for sure: anything else at column 0 (directives, document markers
 * after the first line, flow collections, explicit keys, tabs, a lone CR), a header key twice,
 * a header value that is not a one-line scalar, or another key whose value opens a quoted or
 * flow scalar (which may run on over the next lines).
 */
export function scanHeader(text: string): VersionYamlHeader | undefined {
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return undefined;
  const found: Partial<Record<'effectiveFrom' | 'status', { value: string; at: Point }>> = {};
  let content = false;
  // Line by line without splitting: most lines are nested (indented) and skipped at a glance.
  for (let start = 0, i = 0; start < text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineStart = start;
    start = end + 1;
    const first = text.charCodeAt(lineStart);
    if (lineStart === end || first === 32 || first === 35 || first === 13) {
      // Empty, nested, a comment, or (a lone CR being refused above) an empty CRLF line.
      continue;
    }
    let line = text.slice(lineStart, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '---' && !content) {
      content = true;
      continue;
    }
    content = true;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1] as string;
    const rest = m[2] ?? '';
    if (key !== 'effectiveFrom' && key !== 'status') {
      if (/^["'{[]/.test(rest)) return undefined;
      continue;
    }
    if (found[key]) return undefined;
    const s = SCALAR.exec(rest);
    if (!s) return undefined;
    const value = s[1] ?? s[2] ?? s[3] ?? '';
    found[key] = { value, at: { line: i + 1, column: line.length - rest.length + 1 } };
  }
  const { effectiveFrom, status } = found;
  if (!effectiveFrom || !status || !isIsoDate(effectiveFrom.value)) return undefined;
  const parsedStatus = Status.safeParse(status.value);
  if (!parsedStatus.success) return undefined;
  return { effectiveFrom: effectiveFrom.value, status: parsedStatus.data, at: effectiveFrom.at };
}
