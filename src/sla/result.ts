import { z } from 'zod';
import { IsoDate } from '../model/date.js';
import { jsonSchemaOf } from '../model/json-schema.js';
import { Cause, CompensationTier } from '../model/parameters.js';

const Seconds = z.number().nonnegative();

/** An amount of money: a decimal string with the currency's minor units and an ISO 4217 code. */
export const MoneyResult = z.object({
  amount: z
    .string()
    .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/)
    .meta({
      description:
        'Exactly as many decimals as the currency has ISO 4217 minor units: "7500.00" KZT, "7500" JPY, "7500.000" BHD.',
    }),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/** A provider incident that took longer to restore than its restore time allows (clause 5.7). */
export const RestoreBreach = z.object({
  incident: z.string(),
  restoreKind: z.string(),
  allowedMinutes: z.number().int().positive(),
  actualSeconds: Seconds,
});
/** A provider incident that took longer to restore than allowed. */
export type RestoreBreach = z.infer<typeof RestoreBreach>;

/** How one input incident was counted. */
export const IncidentResult = z.object({
  id: z.string(),
  cause: Cause,
  startsInPeriod: z.boolean().meta({
    description:
      'Whether it starts inside the period: only then do its restore time and data loss count in this period.',
  }),
  durationSeconds: Seconds.meta({ description: 'end − start.' }),
  withinPeriodSeconds: Seconds.meta({ description: 'The part of it inside the period.' }),
  countedSeconds: Seconds.meta({
    description:
      'For a provider incident, the part inside the period not covered by an excluded cause; 0 for other causes. Time shared by two provider incidents counts in each, so the sum can exceed downtimeSeconds, which counts it once.',
  }),
});
/** How one input incident was counted. */
export type IncidentResult = z.infer<typeof IncidentResult>;

/** A clause an evaluation rests on: its stable id, and its number in the version's text. */
export const ClauseResult = z.object({
  id: z.string(),
  number: z.string().optional(),
});
/** A clause an evaluation rests on. */
export type ClauseResult = z.infer<typeof ClauseResult>;

/** The SLA evaluation output (DESIGN.md "SLA evaluation"). */
export const SlaResult = z
  .object({
    service: z.string(),
    version: IsoDate,
    period: z.object({
      month: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
      seconds: Seconds,
      timeZone: z.string(),
    }),
    applicable: z.boolean(),
    downtimeSeconds: Seconds.meta({
      description:
        'Counted downtime: provider incidents minus excluded causes, inside the period, overlaps once.',
    }),
    excludedSeconds: Seconds.meta({
      description:
        'Provider downtime inside the period that excluded causes (rules.sla.excludedCauses) cover, so it does not count.',
    }),
    availabilityPercent: z.number().min(0).max(100).meta({
      description:
        'For display, 4 decimals: rounded half-up, except that it is rounded toward the inside of the tier applied when half-up would leave it (99.89998 under a tier below 99.9 shows 99.8999, not 99.9). The tier is chosen from the exact value, availabilityFraction.',
    }),
    availabilityFraction: z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)?\/[0-9]+(\.[0-9]+)?$/)
      .meta({
        description:
          'The exact availability as available seconds / period seconds, exact decimals: "2503094/2505600". availabilityPercent is 100 × this, rounded for display.',
      }),
    creditPercent: z.number().min(0).max(100),
    credit: MoneyResult,
    capped: z.boolean(),
    dataLossCredit: MoneyResult,
    restoreBreaches: z.array(RestoreBreach),
    compensationForm: z.enum(['service-credit', 'refund']),
    /** The compensation row the availability falls in; null when the SLA does not apply. */
    tier: z.object({ index: z.number().int().nonnegative(), ...CompensationTier.shape }).nullable(),
    clauses: z.array(ClauseResult),
    incidents: z.array(IncidentResult),
  })
  .meta({
    $id: 'https://terms.example/schema/sla-result.v1.json',
    title: 'SLA evaluation result',
    description:
      'Availability reached in a month and the credit owed under the terms version in force.',
  });
/** The SLA evaluation output. */
export type SlaResult = z.infer<typeof SlaResult>;

/** The JSON Schema (draft 2020-12) of the SLA evaluation output, for the HTTP API. */
export function slaResultJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(SlaResult);
}
