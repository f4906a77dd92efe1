import type { Position } from 'unist';
import { type Code, type Severity, severityOf } from './diagnostic-codes.js';

export { CODES, type Code, type CodeInfo, type Severity } from './diagnostic-codes.js';

/** One problem found in the content, with where it is. Lines and columns are 1-based. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: Code;
  message: string;
}

/** A point in a source file (1-based line and column). */
export interface Point {
  line: number;
  column: number;
}

/**
 * Where a diagnostic points: a file, and in it a node (its `position` gives the point) or a
 * point; neither means the top of the file.
 */
export interface Place {
  file: string;
  node?: { position?: Position | undefined } | undefined;
  at?: Point | undefined;
}

/** The start point of a node, or the top of the file when it has no position. */
export function pointOf(node: { position?: Position | undefined } | undefined): Point {
  return { line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1 };
}

/** Builds a diagnostic; its severity comes from the code's entry in the registry. */
export function diagnostic(code: Code, message: string, place: Place): Diagnostic {
  const at = place.at ?? pointOf(place.node);
  return {
    file: place.file,
    line: at.line,
    column: at.column,
    severity: severityOf(code),
    code,
    message,
  };
}

/** Formats a diagnostic the way compilers do: `file:line:col: error: message (code)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} (${d.code})`;
}

/** Orders diagnostics by file, line, column, then code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Thrown when content cannot be used; carries every diagnostic found, not just the first. */
export class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], summary = 'the terms content has errors') {
    super(`${summary}:\n${sortDiagnostics(diagnostics).map(formatDiagnostic).join('\n')}`);
    this.name = 'ContentError';
    this.diagnostics = diagnostics;
  }
}

/** Thrown for bad input that is not content: an unknown service, a malformed date, bad JSON. */
export class InputError extends Error {
  /** A stable machine-readable kind, e.g. `unknown-service`; servers map it to a status. */
  readonly kind: string;
  /** The input field at fault, when there is one (e.g. `incidents[0].end`). */
  readonly field: string | undefined;
  constructor(kind: string, message: string, field?: string) {
    super(message);
    this.name = 'InputError';
    this.kind = kind;
    this.field = field;
  }
}
