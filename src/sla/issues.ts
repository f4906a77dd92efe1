import type { z } from 'zod';
import { InputError } from '../diagnostics.js';

/** One problem with an input: the field at fault and what was expected and found. */
export interface InputIssue {
  /** Path of the field, e.g. `incidents[2].end`; empty for the input as a whole. */
  field: string;
  message: string;
}

/** Bad SLA input: an `InputError` (kind `bad-input`) that carries every problem found. */
export class SlaInputError extends InputError {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    const lines = issues.map((i) => `${i.field || 'input'}: ${i.message}`);
    super(
      'bad-input',
      lines.length === 1
        ? `bad SLA input: ${lines[0]}`
        : `bad SLA input (${lines.length} problems):\n${lines.map((l) => `  ${l}`).join('\n')}`,
      issues[0]?.field || undefined,
    );
    this.name = 'SlaInputError';
    this.issues = issues;
  }
}

/** Prints a path the way JavaScript reads it: `["incidents", 2, "end"]` → `incidents[2].end`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Turns zod issues into input issues that say what was expected and what was found. */
export function toInputIssues(issues: readonly z.core.$ZodIssue[], json: unknown): InputIssue[] {
  return issues.flatMap((issue): InputIssue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: fieldPath([...issue.path, key]),
        message: `expected no such field (names are case-sensitive), got ${describe(valueAt(json, [...issue.path, key]))}`,
      }));
    const found = valueAt(json, issue.path);
    const expected = issue.message
      .replace(/^Invalid (input|option): /, '')
      .replace(/, received \w+$/, '');
    return [
      {
        field: fieldPath(issue.path),
        message:
          found === undefined
            ? `${expected}, but it is missing`
            : `${expected}, got ${describe(found)}`,
      },
    ];
  });
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested deeper than the stack allows (JSON.parse takes what JSON.stringify cannot print).
    shown = Array.isArray(value) ? '[...]' : '{...}';
  }
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}
