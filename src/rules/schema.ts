import { z } from 'zod';
import { IsoDate } from '../model/date.js';
import { jsonSchemaOf } from '../model/json-schema.js';
import { Parameters, Percent, RulesPercentRange, Sla } from '../model/parameters.js';

/** A compensation tier as rules give it: the interval without the text's printing of it. */
const RulesTier = z.strictObject({
  availabilityPercent: RulesPercentRange,
  creditPercent: Percent,
});

/** Rules JSON, schemaVersion 1: the parameters of one version as other services read them. */
export const RulesV1 = z
  .object({
    schemaVersion: z.literal(1),
    service: z.string(),
    version: IsoDate,
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    timeZone: z.string(),
    ...Parameters.shape,
    sla: Sla.extend({ compensationTiers: z.array(RulesTier).min(1) }),
  })
  .meta({
    $id: 'https://terms.example/schema/rules.v1.json',
    title: 'Terms rules, schemaVersion 1',
    description:
      'Rule parameters of one terms version: SLA thresholds, restore times, compensation tiers, support channels, responsibility.',
  });
/** Rules JSON, schemaVersion 1. */
export type RulesV1 = z.infer<typeof RulesV1>;

/** The published JSON Schema (draft 2020-12) of rules JSON v1. */
export function rulesJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(RulesV1);
}
