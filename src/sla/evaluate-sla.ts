import type { Terms } from '../model/terms.js';
import { findService, findVersion, publishedVersions, versionAt } from '../model/timeline.js';
import { toRules } from '../rules/rules.js';
import { clauseNumbers } from './clause-numbers.js';
import { evaluateWith, type SlaLookup } from './lookup.js';
import type { SlaResult } from './result.js';

/**
 * Evaluates the SLA for an input as JSON gives it, under the loaded terms: the version in
 * force on the first day of the period (or the input's explicit `version`, drafts included),
 * clauses numbered as that version's text numbers them. Bad input, an unknown service or
 * version, or a period with no version in force is an `InputError` naming the field.
 */
export function evaluateSla(terms: Terms, json: unknown): SlaResult {
  return evaluateWith(termsLookup(terms), json);
}

/** The loaded terms as the lookup evaluation needs. */
export function termsLookup(terms: Terms): SlaLookup {
  return {
    serviceIds: () => terms.services.map((s) => s.id),
    service: (id) => {
      if (!terms.services.some((s) => s.id === id)) return undefined;
      const service = findService(terms, id);
      return {
        id,
        versionIds: () => service.versions.map((v) => v.id),
        versionAt: (date) => versionAt(service, date)?.id,
        firstEffectiveFrom: () => publishedVersions(service)[0]?.effectiveFrom,
        version: (versionId) => {
          // findVersion also refuses a draft withheld for its errors, saying so.
          if (!service.versions.some((v) => v.id === versionId) && !service.withheld?.[versionId])
            return undefined;
          const version = findVersion(service, versionId);
          return { rules: toRules(service, version), clauseNumbers: clauseNumbers(version) };
        },
      };
    },
  };
}
