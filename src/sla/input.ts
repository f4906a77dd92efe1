import { z } from 'zod';
import { IsoDate } from '../model/date.js';
import { jsonSchemaOf } from '../model/json-schema.js';
import { Cause } from '../model/parameters.js';
import type { RulesV1 } from '../rules/schema.js';
import { minorUnits } from './currency.js';
import { type InputIssue, inputErrorOf, SlaInputError, toInputIssues } from './issues.js';
import { notBefore } from './time.js';

/**
 * The most incidents one evaluation takes. A month of a single service with more is not a
 * real report; the bound keeps the cost of the largest request small (README, Security).
 */
export const MAX_INCIDENTS = 500;
/** The most digits an amount may have before the point (a fee below 10^15 in any currency). */
export const MAX_AMOUNT_DIGITS = 15;

const AMOUNT = new RegExp(`^(?:0|[1-9][0-9]{0,${MAX_AMOUNT_DIGITS - 1}})(?:\\.([0-9]+))?$`);
const CURRENCY = /^[A-Z]{3}$/;
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** The longest id or name the input may give (a service, a scope, an incident, a restore kind). */
export const MAX_TEXT = 200;

// Bounded, because ids are echoed in results and error messages.
const text = (expected: string) =>
  z
    .string({ error: expected })
    .min(1, { error: expected })
    .max(MAX_TEXT, { error: `${expected}, of at most ${MAX_TEXT} characters` });

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

/** What an amount in `currency` must look like, as the message of an amount that does not. */
function amountExpected(currency: string, digits: number): string {
  const after = digits === 0 ? 'none after it' : `${digits} after it`;
  const like = digits === 0 ? '150000' : `150000.${'0'.repeat(digits)}`;
  return `expected a non-negative decimal string of at most ${MAX_AMOUNT_DIGITS} digits before the point and ${after} (the ISO 4217 minor unit of ${currency}), like "${like}"`;
}

/**
 * The monthly fee: a non-negative amount with at most `MAX_AMOUNT_DIGITS` (15) digits before the
 * point and at most the currency's ISO 4217 minor units after it, in a currency in use.
 */
export const MonthlyFee = z
  .strictObject(
    {
      amount: z
        .string({ error: 'expected the amount as a decimal string, like "150000.00"' })
        // The shape for the JSON Schema; the decimals depend on the currency (checked below).
        .meta({ pattern: AMOUNT.source }),
      currency: z
        .string({ error: 'expected an ISO 4217 currency code, like "KZT"' })
        .regex(CURRENCY, {
          error: 'expected an ISO 4217 currency code of 3 upper-case letters, like "KZT"',
        })
        .refine((code) => !CURRENCY.test(code) || minorUnits(code) !== undefined, {
          error: 'expected the ISO 4217 code of a currency in use, like "KZT"',
        }),
    },
    { error: 'expected an object like {"amount": "150000.00", "currency": "KZT"}' },
  )
  .superRefine((fee, ctx) => {
    const digits = minorUnits(fee.currency);
    const shape = AMOUNT.exec(fee.amount);
    // With an unknown currency only the shape can be checked (the currency is reported too).
    if (shape && (digits === undefined || (shape[1] ?? '').length <= digits)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      input: fee.amount,
      message:
        digits === undefined
          ? `expected a non-negative decimal string of at most ${MAX_AMOUNT_DIGITS} digits before the point, like "150000.00"`
          : amountExpected(fee.currency, digits),
    });
  });

/** The message of a restore kind the rules do not define. */
function restoreKindExpected(kinds: readonly string[]): string {
  return `expected a restore kind the rules define (${kinds.join(', ')})`;
}

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
            error: restoreKindExpected(restoreKinds ?? []),
          })
          .optional(),
        dataLoss: z.boolean({ error: 'expected true or false' }).default(false),
      },
      { error: 'expected an incident object' },
    )
    .refine(
      // A malformed timestamp is reported at its own field.
      (i) => notBefore(i.end, i.start),
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
        .max(MAX_INCIDENTS)
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
 * whose `field` is the first bad field, e.g. `incidents[0].end`). More than `MAX_INCIDENTS`
 * incidents are refused before any of them is read.
 */
export function parseSlaInput(json: unknown, rules?: RulesV1): SlaInput {
  const incidents = (json as { incidents?: unknown } | null)?.incidents;
  if (Array.isArray(incidents) && incidents.length > MAX_INCIDENTS)
    throw new SlaInputError([
      {
        field: 'incidents',
        message: `expected at most ${MAX_INCIDENTS} incidents, got ${incidents.length}`,
      },
    ]);
  const result = (rules ? cachedInputSchema(rules) : SlaInput).safeParse(json);
  if (!result.success) throw inputErrorOf(result.error.issues, json);
  return result.data;
}

/**
 * The problems of a valid input under `rules`: restore kinds the rules do not define. The
 * same issues `parseSlaInput(json, rules)` reports, without validating the input again.
 */
export function restoreKindIssues(input: SlaInput, rules: RulesV1): InputIssue[] {
  const kinds = rules.sla.restoreTimes.map((r) => r.id);
  const issues: z.core.$ZodIssue[] = [];
  input.incidents.forEach((incident, index) => {
    if (incident.restoreKind !== undefined && !kinds.includes(incident.restoreKind))
      issues.push({
        code: 'custom',
        path: ['incidents', index, 'restoreKind'],
        message: restoreKindExpected(kinds),
        input: incident.restoreKind,
      });
  });
  return toInputIssues(issues, input);
}

/** The JSON Schema (draft 2020-12) of the SLA input, for the HTTP API. */
export function slaInputJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(SlaInput, 'input');
}
