import { InputError } from '../diagnostics.js';
import type { RulesV1 } from '../rules/schema.js';
import {
  evaluateWith,
  readSlaJson,
  SlaInputError,
  type SlaLookup,
  type SlaResult,
} from '../sla/index.js';
import { rangeAt, type ServiceEntry } from './catalog.js';
import type { ProblemSpec } from './problem.js';

/** Rules of the bundle by service and version. */
export type RulesLookup = (service: string, version: string) => RulesV1 | undefined;

/** The bundle's catalog and rules as the lookup SLA evaluation needs. */
export function bundleLookup(
  catalog: ReadonlyMap<string, ServiceEntry>,
  rulesOf: RulesLookup,
): SlaLookup {
  return {
    serviceIds: () => [...catalog.keys()],
    service: (id) => {
      const service = catalog.get(id);
      if (!service) return undefined;
      return {
        id,
        versionIds: () => service.versions.map((v) => v.version),
        versionAt: (date) => rangeAt(service, date)?.version,
        firstEffectiveFrom: () =>
          service.versions.find((v) => v.status === 'published')?.effectiveFrom,
        version: (version) => {
          const rules = rulesOf(id, version);
          const numbers = service.versions.find((v) => v.version === version)?.clauses ?? {};
          return rules && { rules, clauseNumbers: new Map(Object.entries(numbers)) };
        },
      };
    },
  };
}

/**
 * Evaluates a request body (bytes as received) under the bundle: broken UTF-8 or JSON,
 * duplicate keys, bad input, an unknown service or version come back as a 400 problem naming
 * what is wrong, never as a throw.
 */
export function evaluateBody(
  bytes: Uint8Array,
  lookup: SlaLookup,
): { result: SlaResult } | { problem: ProblemSpec } {
  try {
    return { result: evaluateWith(lookup, readSlaJson(bytes)) };
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
