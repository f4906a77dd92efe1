import { readFileSync } from 'node:fs';
import { RulesV1 } from '../../src/rules/schema.js';
import type { SlaInputJson } from '../../src/sla/index.js';

type IncidentJson = SlaInputJson['incidents'][number];

/** Rules JSON from test/fixtures/rules/<name>.json, validated. */
export function fixtureRules(name: string): RulesV1 {
  const url = new URL(`../fixtures/rules/${name}.json`, import.meta.url);
  return RulesV1.parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** The rules of DESIGN.md: dedicated-compute 2025-09-10. */
export const RULES = fixtureRules('dedicated-compute-2025-09-10');
/** The same rules with the compensation capped at 8 % of the fee. */
export const LOW_CAP_RULES = fixtureRules('dedicated-compute-low-cap');

/** An input for `period` with the DESIGN.md fee and scope and these incidents. */
export function slaInput(
  period: string,
  incidents: IncidentJson[] = [],
  extra: Partial<SlaInputJson> = {},
): SlaInputJson {
  return {
    service: 'dedicated-compute',
    period,
    monthlyFee: { amount: '150000.00', currency: 'KZT' },
    scope: 'provider-infrastructure',
    incidents,
    ...extra,
  };
}

/** A provider incident from `start` lasting `seconds` (start with an offset or Z). */
export function outage(
  id: string,
  start: string,
  seconds: number,
  extra: Partial<IncidentJson> = {},
): IncidentJson {
  const end = new Date(Date.parse(start) + Math.round(seconds * 1000)).toISOString();
  return { id, start, end, cause: 'provider', ...extra };
}
