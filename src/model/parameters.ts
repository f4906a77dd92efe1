import { z } from 'zod';

const decimalPlaces = (value: number) => (String(value).split('.')[1] ?? '').length;

/** A percentage 0–100 written with at most four decimals, so it converts to an exact fraction. */
export const Percent = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => decimalPlaces(v) <= 4 && !String(v).includes('e'), {
    error: 'a percentage has at most 4 decimals',
  });

const Slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lower-case id like "reboot"' });

const Decimals = z.number().int().min(0).max(4);
const ordered = (r: { min: number; minInclusive: boolean; max: number; maxInclusive: boolean }) =>
  r.min < r.max || (r.min === r.max && r.minInclusive && r.maxInclusive);

/**
 * An availability interval as rules JSON gives it: open or closed ends. `minStated`/`maxStated:
 * false` marks an end whose inclusion the text does not state (it says only "above"/"below"):
 * the inclusion there is the operator's reading, not the text's.
 */
export const RulesPercentRange = z
  .strictObject({
    min: Percent,
    minInclusive: z.boolean(),
    minStated: z.boolean().optional(),
    max: Percent,
    maxInclusive: z.boolean(),
    maxStated: z.boolean().optional(),
  })
  .refine(ordered, { error: 'min must be below max' });

/**
 * An availability interval in version.yaml: the rules' interval, plus how the text prints each
 * bound: `minDecimals`/`maxDecimals` (at least that many decimals, default 1: "95,0%"; 0: "95%").
 * An end marked `…Stated: false` is worded as the text words it ("above"/"below" only).
 */
export const PercentRange = z
  .strictObject({
    min: Percent,
    minInclusive: z.boolean(),
    minStated: z.boolean().optional(),
    minDecimals: Decimals.optional(),
    max: Percent,
    maxInclusive: z.boolean(),
    maxStated: z.boolean().optional(),
    maxDecimals: Decimals.optional(),
  })
  .refine(ordered, { error: 'min must be below max' });
/** An availability interval in version.yaml, with open or closed ends. */
export type PercentRange = z.infer<typeof PercentRange>;

/** One row of the compensation table (clause 5.8): availability interval → credit. */
export const CompensationTier = z.strictObject({
  availabilityPercent: PercentRange,
  creditPercent: Percent,
});
/** One row of the compensation table (clause 5.8). */
export type CompensationTier = z.infer<typeof CompensationTier>;

/** A way of restoring the service and the time it may take (clause 5.7). */
export const RestoreTime = z.strictObject({
  id: Slug,
  withinMinutes: z.number().int().positive(),
});
/** A way of restoring the service and the time it may take. */
export type RestoreTime = z.infer<typeof RestoreTime>;

/** Causes of downtime an incident can have. `provider` counts; the others may be excluded. */
export const CAUSES = ['provider', 'planned-maintenance', 'force-majeure', 'customer'] as const;
/** A cause of downtime. */
export const Cause = z.enum(CAUSES);
/** A cause of downtime. */
export type Cause = z.infer<typeof Cause>;

/** Causes the text excludes from compensation (clauses 5.10, 5.11). */
export const ExcludedCause = z.enum(['planned-maintenance', 'force-majeure', 'customer']);

/** The service-level parameters of a version. */
export const Sla = z.strictObject({
  scope: z.enum(['provider-infrastructure']),
  reportingPeriod: z.enum(['calendar-month']),
  availabilityTargetPercent: Percent,
  restoreTimes: z.array(RestoreTime).min(1),
  compensationTiers: z.array(CompensationTier).min(1),
  compensationCapPercentOfMonthlyFee: Percent,
  compensationForm: z.enum(['service-credit', 'refund']),
  excludedCauses: z.array(ExcludedCause),
  dataLossCreditPercent: Percent,
});
/** The service-level parameters of a version. */
export type Sla = z.infer<typeof Sla>;

/** Kinds of support channel. */
export const CHANNEL_TYPES = ['telegram', 'phone', 'email', 'web'] as const;

/** A support channel: where to write and how fast an answer comes. */
export const Channel = z
  .strictObject({
    type: z.enum(CHANNEL_TYPES),
    address: z.string().min(1).optional(),
    responseMinutes: z.number().int().positive().optional(),
  })
  .superRefine((c, ctx) => {
    if (
      c.type === 'telegram' &&
      c.address !== undefined &&
      !/^@[A-Za-z0-9_]{5,32}$/.test(c.address)
    )
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'a Telegram address is @name' });
    if (c.type === 'phone' && c.address !== undefined && !/^\+[1-9][0-9]{6,14}$/.test(c.address))
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'a phone address is E.164, e.g. +77475073022',
      });
    if (c.type === 'email' && c.address !== undefined && !/^[^\s@]+@[^\s@]+$/.test(c.address))
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'not an e-mail address' });
  });
/** A support channel. */
export type Channel = z.infer<typeof Channel>;

/** Support hours and channels (clauses 5.1–5.3). */
export const Support = z.strictObject({
  hours: z.enum(['24/7']),
  channels: z.array(Channel).min(1),
});
/** Support hours and channels. */
export type Support = z.infer<typeof Support>;

/** A party to the agreement. */
export const Party = z.enum(['provider', 'customer']);
/** A party to the agreement. */
export type Party = z.infer<typeof Party>;

/** The layers of the stack, in the order the responsibility list (clause 4.1) gives them. */
export const LAYERS = [
  'data',
  'applications',
  'middleware',
  'operatingSystem',
  'virtualization',
  'hardware',
  'network',
] as const;

/** Who answers for each layer of the stack (clause 4.1). */
export const Responsibility = z.strictObject(
  Object.fromEntries(LAYERS.map((layer) => [layer, Party])) as Record<
    (typeof LAYERS)[number],
    typeof Party
  >,
);
/** Who answers for each layer of the stack. */
export type Responsibility = z.infer<typeof Responsibility>;

/** Uses of the service the terms prohibit (clause 3.7). */
export const ProhibitedUse = z.enum(['cryptocurrency-mining', 'distributed-computing', 'unlawful']);

/** Every typed parameter of a terms version. */
export const Parameters = z.strictObject({
  sla: Sla,
  support: Support,
  responsibility: Responsibility,
  prohibitedUses: z.array(ProhibitedUse),
});
/** Every typed parameter of a terms version. */
export type Parameters = z.infer<typeof Parameters>;
