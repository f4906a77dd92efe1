/** How bad a problem is: errors fail `terms check`, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem found in the content, with where it is. Lines and columns are 1-based. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A point in a source file (1-based line and column). */
export interface Point {
  line: number;
  column: number;
}

/** Builds a diagnostic; `at` defaults to the start of the file. */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  file: string,
  at: Point = { line: 1, column: 1 },
): Diagnostic {
  return { file, line: at.line, column: at.column, severity, code, message };
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
