import { InputError } from '../diagnostics.js';
import type { RulesV1 } from '../rules/schema.js';
import { evaluate, parseSlaInput, type SlaResult } from '../sla/index.js';
import { rangeAt, type ServiceEntry } from './catalog.js';

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
  return evaluate(rules, json as Parameters<typeof evaluate>[1]);
}
