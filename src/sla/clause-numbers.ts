import { clauseRefLabel, flattenClauses } from '../model/document.js';
import type { TermsVersion } from '../model/terms.js';
import type { SlaResult } from './result.js';

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
