import { InputError } from '../diagnostics.js';
import { clauseRefLabel, flattenClauses } from '../model/document.js';
import type { Terms, TermsVersion } from '../model/terms.js';
import { findService, findVersion, requireVersionAt } from '../model/timeline.js';
import { toRules } from '../rules/rules.js';
import { evaluate } from './evaluate.js';
import { parseSlaInput } from './input.js';
import type { SlaResult } from './result.js';

/**
 * Evaluates the SLA for an input as JSON gives it: finds the service, takes the version in
 * force on the first day of the period (or the input's explicit `version`, drafts included),
 * and evaluates under that version's rules. Clause ids in the result get the numbers the
 * version's text gives them. Bad input, an unknown service or version, or a period with no
 * version in force is an `InputError` naming the field.
 */
export function evaluateSla(terms: Terms, json: unknown): SlaResult {
  const input = parseSlaInput(json);
  const service = findService(terms, input.service);
  const version =
    input.version !== undefined
      ? findVersion(service, input.version)
      : versionForPeriod(terms, input.service, input.period);
  const result = evaluate(toRules(service, version), input);
  return { ...result, clauses: numberClauses(result.clauses, clauseNumbers(version)) };
}

function versionForPeriod(terms: Terms, serviceId: string, period: string): TermsVersion {
  const service = findService(terms, serviceId);
  try {
    return requireVersionAt(service, `${period}-01`);
  } catch (err) {
    if (err instanceof InputError && err.kind === 'no-version-in-force')
      throw new InputError(
        err.kind,
        `period: no version is in force on the period's first day (${err.message}); give "version" to choose one`,
        'period',
      );
    throw err;
  }
}

/** The generated number of every clause of a version by id (`compensation` → `5.8`). */
export function clauseNumbers(version: TermsVersion): Map<string, string> {
  // Every language has the same clause tree, so any document gives the numbers.
  return new Map(
    flattenClauses(version.documents.en.sections).map((c) => [c.id, clauseRefLabel(c.number)]),
  );
}

/** Gives the clause ids of an evaluation the numbers the version's text prints. */
export function numberClauses(
  clauses: SlaResult['clauses'],
  numbers: ReadonlyMap<string, string>,
): SlaResult['clauses'] {
  return clauses.map((c) => {
    const number = numbers.get(c.id);
    return number === undefined ? { id: c.id } : { id: c.id, number };
  });
}
