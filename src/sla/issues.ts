import type { z } from 'zod';
import { InputError } from '../diagnostics.js';
import { fieldPath } from '../model/field-path.js';

/** One problem with an input: the field at fault and what was expected and found. */
export interface InputIssue {
  /** Path of the field, e.g. `incidents[2].end`; empty for the input as a whole. */
  field: string;
  message: string;
}

/** The most problems one error lists; the rest are counted (a body can hold thousands). */
export const MAX_LISTED_ISSUES = 100;

/** Bad SLA input: an `InputError` (kind `bad-input`) that carries the problems found. */
export class SlaInputError extends InputError {
  /** The first `MAX_LISTED_ISSUES` problems, in input order. */
  readonly issues: InputIssue[];
  /** How many problems there are in all, listed or not. */
  readonly count: number;
  constructor(issues: InputIssue[], count = issues.length) {
    const listed = issues.slice(0, MAX_LISTED_ISSUES);
    const lines = listed.map((i) => `${i.field || 'input'}: ${i.message}`);
    const more = count > listed.length ? `, the first ${listed.length} listed` : '';
    super(
      'bad-input',
      count === 1
        ? `bad SLA input: ${lines[0]}`
        : `bad SLA input (${count} problems${more}):\n${lines.map((l) => `  ${l}`).join('\n')}`,
      listed[0]?.field || undefined,
    );
    this.name = 'SlaInputError';
    this.issues = listed;
    this.count = count;
  }
}

/** The error for zod issues: the first `MAX_LISTED_ISSUES` described, all of them counted. */
export function inputErrorOf(issues: readonly z.core.$ZodIssue[], json: unknown): SlaInputError {
  const count = issues.reduce(
    (n, issue) => n + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1),
    0,
  );
  return new SlaInputError(toInputIssues(issues, json, MAX_LISTED_ISSUES), count);
}

/**
 * Turns zod issues into input issues that say what was expected and what was found; at most
 * `limit` of them, so describing stays cheap however many there are.
 */
export function toInputIssues(
  issues: readonly z.core.$ZodIssue[],
  json: unknown,
  limit = Number.POSITIVE_INFINITY,
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    if (out.length >= limit) break;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, limit - out.length))
        out.push({
          field: fieldPath([...issue.path, key]),
          message: `expected no such field (names are case-sensitive), got ${describe(valueAt(json, [...issue.path, key]))}`,
        });
      continue;
    }
    const found = valueAt(json, issue.path);
    const expected = issue.message
      .replace(/^Invalid (input|option): /, '')
      .replace(/, received \w+$/, '');
    out.push({
      field: fieldPath(issue.path),
      message:
        found === undefined
          ? `${expected}, but it is missing`
          : `${expected}, got ${describe(found)}`,
    });
  }
  return out;
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
