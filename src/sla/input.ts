import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { IsoDate } from '../model/date.js';
import { jsonSchemaOf } from '../model/json-schema.js';
import { Cause } from '../model/parameters.js';
import type { RulesV1 } from '../rules/schema.js';
import { SlaInputError, toInputIssues } from './issues.js';

const AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

const text = (expected: string) => z.string({ error: expected }).min(1, { error: expected });

const Timestamp = z.iso
  .datetime({
    offset: true,
    error: 'expected an ISO 8601 timestamp with an offset or Z, like "2025-10-03T10:00:00+05:00"',
  })
  // zod takes any number of decimals; time is counted in nanoseconds, so at most 9.
  .refine((t) => !/\.[0-9]{10}/.test(t), {
    error:
      'expected at most 9 decimals of a second (nanoseconds), like "2025-10-03T10:00:00.5+05:00"',
  });

/** The monthly fee: a non-negative amount with at most 2 decimals and an ISO 4217 code. */
export const MonthlyFee = z.strictObject(
  {
    amount: z
      .string({ error: 'expected the amount as a decimal string, like "150000.00"' })
      .regex(AMOUNT, {
        error: 'expected a non-negative decimal string with at most 2 decimals, like "150000.00"',
      }),
    currency: z
      .string({ error: 'expected an ISO 4217 currency code, like "KZT"' })
      .regex(CURRENCY, {
        error: 'expected an ISO 4217 currency code of 3 upper-case letters, like "KZT"',
      }),
  },
  { error: 'expected an object like {"amount": "150000.00", "currency": "KZT"}' },
);

function incidentSchema(restoreKinds: readonly string[] | undefined) {
  return z
    .strictObject(
      {
        id: text('expected a non-empty incident id'),
        start: Timestamp,
        end: Timestamp,
        cause: Cause,
        restoreKind: text('expected the id of a restore time, like "reboot"')
          .refine((kind) => !restoreKinds || restoreKinds.includes(kind), {
            error: `expected a restore kind the rules define (${restoreKinds?.join(', ')})`,
          })
          .optional(),
        dataLoss: z.boolean({ error: 'expected true or false' }).default(false),
      },
      { error: 'expected an incident object' },
    )
    .refine(
      (i) => {
        try {
          return (
            Temporal.Instant.compare(
              Temporal.Instant.from(i.end),
              Temporal.Instant.from(i.start),
            ) >= 0
          );
        } catch {
          return true; // a malformed timestamp is reported at its own field
        }
      },
      {
        path: ['end'],
        error: (issue) =>
          `expected a time not before start (${(issue.input as { start: string }).start})`,
      },
    );
}

const schemas = new Map<string, ReturnType<typeof inputSchema>>();

/** The input schema for rules with these restore kinds; built once per distinct set (zod schemas are costly to build). */
function cachedInputSchema(rules: RulesV1) {
  const key = rules.sla.restoreTimes.map((r) => r.id).join('\n');
  let schema = schemas.get(key);
  if (!schema) {
    schema = inputSchema(rules);
    schemas.set(key, schema);
  }
  return schema;
}

function inputSchema(rules: RulesV1 | undefined) {
  return z.strictObject(
    {
      service: text('expected a service id, like "dedicated-compute"'),
      period: z
        .string({ error: 'expected a month YYYY-MM, like "2025-10"' })
        .regex(MONTH, { error: 'expected a month YYYY-MM (month 01–12), like "2025-10"' }),
      version: IsoDate.optional(),
      monthlyFee: MonthlyFee,
      scope: text('expected a scope, like "provider-infrastructure"'),
      incidents: z
        .array(incidentSchema(rules?.sla.restoreTimes.map((r) => r.id)), {
          error: 'expected an array of incidents',
        })
        .superRefine((list, ctx) => {
          const seen = new Map<string, number>();
          list.forEach((incident, index) => {
            const first = seen.get(incident.id);
            if (first === undefined) seen.set(incident.id, index);
            else
              ctx.addIssue({
                code: 'custom',
                path: [index, 'id'],
                message: `expected a unique incident id (incidents[${first}] has the same)`,
              });
          });
        }),
    },
    { error: 'expected a JSON object' },
  );
}

/** The SLA evaluation input (DESIGN.md "SLA evaluation"), as validated without rules. */
export const SlaInput = inputSchema(undefined).meta({
  $id: 'https://terms.example/schema/sla-input.v1.json',
  title: 'SLA evaluation input',
  description:
    "A month's incidents and the monthly fee, evaluated against the terms version in force.",
});
/** A validated SLA evaluation input (defaults filled in). */
export type SlaInput = z.infer<typeof SlaInput>;
/** An SLA evaluation input as JSON gives it (before defaults: `dataLoss` may be missing). */
export type SlaInputJson = z.input<typeof SlaInput>;

/**
 * Validates an SLA input. With `rules`, a `restoreKind` must also be one the rules define.
 * Every problem is collected into one `SlaInputError` (an `InputError` of kind `bad-input`
 * whose `field` is the first bad field, e.g. `incidents[0].end`).
 */
export function parseSlaInput(json: unknown, rules?: RulesV1): SlaInput {
  const result = (rules ? cachedInputSchema(rules) : SlaInput).safeParse(json);
  if (!result.success) throw new SlaInputError(toInputIssues(result.error.issues, json));
  return result.data;
}

/** The JSON Schema (draft 2020-12) of the SLA input, for the HTTP API. */
export function slaInputJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(SlaInput, 'input');
}
