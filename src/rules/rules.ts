import type { Service, TermsVersion } from '../model/terms.js';
import { rangeOf } from '../model/timeline.js';
import type { RulesV1 } from './schema.js';

/** The rules JSON (schemaVersion 1) of a version: its parameters as other services read them. */
export function toRules(service: Service, version: TermsVersion): RulesV1 {
  const range = rangeOf(service, version);
  const p = structuredClone(version.parameters);
  return {
    schemaVersion: 1,
    service: service.id,
    version: version.id,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: range.effectiveTo,
    timeZone: service.timeZone,
    sla: {
      ...p.sla,
      // How the text prints a bound is the document's business, not a rule.
      compensationTiers: p.sla.compensationTiers.map(
        ({ availabilityPercent: { minDecimals, maxDecimals, ...range }, creditPercent }) => ({
          availabilityPercent: range,
          creditPercent,
        }),
      ),
    },
    support: p.support,
    responsibility: p.responsibility,
    prohibitedUses: p.prohibitedUses,
  };
}

/** Serializes rules JSON deterministically (two-space indent, trailing newline). */
export function stringifyRules(rules: RulesV1): string {
  return `${JSON.stringify(rules, null, 2)}\n`;
}
