import { InputError } from '../diagnostics.js';
import type { RulesV1 } from '../rules/schema.js';
import { numberClauses } from './clause-numbers.js';
import { evaluateInput } from './evaluate.js';
import { parseSlaInput, restoreKindIssues } from './input.js';
import { SlaInputError } from './issues.js';
import type { SlaResult } from './result.js';

/** What evaluating needs of one version: its rules and the numbers its text gives clauses. */
export interface SlaVersion {
  rules: RulesV1;
  /** The generated number of each clause by id (`compensation` → `5.8`). */
  clauseNumbers: ReadonlyMap<string, string>;
}

/** What evaluating needs of one service, wherever its terms are kept. */
export interface SlaService {
  id: string;
  /** Every version id, drafts included, to name them when the input asks for another. */
  versionIds(): string[];
  /** The id of the published version in force on `date` (YYYY-MM-DD in the service's zone). */
  versionAt(date: string): string | undefined;
  /** The `effectiveFrom` of the first published version, to say why none is in force. */
  firstEffectiveFrom(): string | undefined;
  /**
   * A version by id (drafts included), or undefined when the service has none by that id.
   * May throw an `InputError` for a version it has but cannot evaluate (a draft with errors).
   */
  version(id: string): SlaVersion | undefined;
}

/** The services evaluation may look up: the loaded terms, or the bundle the server holds. */
export interface SlaLookup {
  /** Every service id, to name them when the input asks for another. */
  serviceIds(): string[];
  service(id: string): SlaService | undefined;
}

/**
 * Evaluates an SLA input as JSON gives it: validates it, finds the service, takes the version
 * in force on the first day of the period (or the input's explicit `version`, drafts
 * included) and evaluates under that version's rules, numbering clauses as its text does.
 * Bad input, an unknown service or version, or a period with no version in force is an
 * `InputError` naming the field. The one wiring behind `evaluateSla` and the server.
 */
export function evaluateWith(lookup: SlaLookup, json: unknown): SlaResult {
  const input = parseSlaInput(json);
  const service = lookup.service(input.service);
  if (!service)
    throw new InputError(
      'unknown-service',
      `unknown service "${input.service}" (known: ${lookup.serviceIds().join(', ') || 'none'})`,
      'service',
    );
  const id = input.version ?? versionForPeriod(service, input.period);
  const version = service.version(id);
  if (!version)
    throw new InputError(
      'unknown-version',
      `unknown version "${id}" of service "${service.id}" (known: ${service.versionIds().join(', ') || 'none'})`,
      'version',
    );
  // The input is valid on its own; under these rules only its restore kinds can still be wrong.
  const issues = restoreKindIssues(input, version.rules);
  if (issues.length > 0) throw new SlaInputError(issues);
  const result = evaluateInput(version.rules, input);
  return { ...result, clauses: numberClauses(result.clauses, version.clauseNumbers) };
}

function versionForPeriod(service: SlaService, period: string): string {
  const date = `${period}-01`;
  const found = service.versionAt(date);
  if (found !== undefined) return found;
  const first = service.firstEffectiveFrom();
  const why = first
    ? `no version of "${service.id}" is in force on ${date}: the first takes effect on ${first}`
    : `service "${service.id}" has no published version`;
  throw new InputError(
    'no-version-in-force',
    `period: no version is in force on the period's first day (${why}); give "version" to choose one`,
    'period',
  );
}
