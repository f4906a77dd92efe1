import { InputError } from '../diagnostics.js';
import type { RulesV1 } from '../rules/schema.js';
import {
  evaluate,
  numberClauses,
  parseSlaInput,
  SlaInputError,
  type SlaResult,
} from '../sla/index.js';
import { rangeAt, type ServiceEntry } from './catalog.js';
import type { ProblemSpec } from './problem.js';

/** Rules of the bundle by service and version. */
export type RulesLookup = (service: string, version: string) => RulesV1 | undefined;

/**
 * Evaluates an SLA input (JSON as the client sent it) under rules from the bundle: the version
 * the input names, else the one in force on the first day of its period (as `evaluateSla`
 * chooses). Bad input, an unknown service or version, or a period with no version in force is
 * an `InputError` naming the field.
 */
export function evaluateWithBundle(
  catalog: ReadonlyMap<string, ServiceEntry>,
  rulesOf: RulesLookup,
  json: unknown,
): SlaResult {
  const input = parseSlaInput(json);
  const service = catalog.get(input.service);
  if (!service)
    throw new InputError(
      'unknown-service',
      `service: unknown service "${input.service}" (known: ${[...catalog.keys()].join(', ') || 'none'})`,
      'service',
    );
  const version = input.version ?? rangeAt(service, `${input.period}-01`)?.version;
  if (version === undefined)
    throw new InputError(
      'no-version-in-force',
      `period: no version of "${service.id}" is in force on the period's first day (${input.period}-01); give "version" to choose one`,
      'period',
    );
  const rules = rulesOf(service.id, version);
  if (!rules)
    throw new InputError(
      'unknown-version',
      `version: unknown version "${version}" of service "${service.id}" (known: ${service.versions.map((v) => v.version).join(', ')})`,
      'version',
    );
  const result = evaluate(rules, json as Parameters<typeof evaluate>[1]);
  const numbers = service.versions.find((v) => v.version === version)?.clauses;
  return numbers
    ? { ...result, clauses: numberClauses(result.clauses, new Map(Object.entries(numbers))) }
    : result;
}

/**
 * Evaluates a request body (bytes as received): broken UTF-8 or JSON, bad input, an unknown
 * service or version come back as a 400 problem naming what is wrong, never as a throw.
 */
export function evaluateBody(
  bytes: ArrayBuffer,
  catalog: ReadonlyMap<string, ServiceEntry>,
  rulesOf: RulesLookup,
): { result: SlaResult } | { problem: ProblemSpec } {
  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.trim() === '') throw new SyntaxError('the body is empty');
    json = JSON.parse(text);
  } catch (err) {
    return {
      problem: {
        status: 400,
        kind: 'bad-json',
        detail: `expected the SLA input as UTF-8 JSON: ${(err as Error).message}`,
      },
    };
  }
  try {
    return { result: evaluateWithBundle(catalog, rulesOf, json) };
  } catch (err) {
    if (err instanceof SlaInputError)
      return {
        problem: {
          status: 400,
          kind: 'bad-input',
          detail: err.message,
          field: err.field,
          errors: err.issues,
        },
      };
    if (err instanceof InputError)
      return { problem: { status: 400, kind: err.kind, detail: err.message, field: err.field } };
    throw err;
  }
}

/** True for `application/json` or an `application/*+json` type, in UTF-8 (or no charset). */
export function isJsonType(type: string | undefined): boolean {
  if (!type) return false;
  const [essence = '', ...params] = type
    .toLowerCase()
    .split(';')
    .map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  return (
    (essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence)) &&
    (charset === undefined || charset === 'utf-8')
  );
}
