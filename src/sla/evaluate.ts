import { InputError } from '../diagnostics.js';
import { formatScaled } from '../model/decimal.js';
import type { RulesV1 } from '../rules/schema.js';
import { SLA_CLAUSE_ORDER, SLA_CLAUSES, type SlaClauseId } from './clauses.js';
import { minorUnits } from './currency.js';
import { countDowntime, type Downtime } from './downtime.js';
import { parseSlaInput, type SlaInput, type SlaInputJson } from './input.js';
import { earlier, type Interval, later } from './intervals.js';
import { formatMinorUnits, percentOf, toMinorUnits } from './money.js';
import { monthPeriod, type Period } from './period.js';
import type { IncidentResult, RestoreBreach, SlaResult } from './result.js';
import { chooseTier, shownPercent } from './tiers.js';
import { nanosToSeconds, toNanos } from './time.js';

const NANOS_PER_MINUTE = 60_000_000_000n;

/**
 * Evaluates the SLA of `rules` for a month's incidents (DESIGN.md "SLA evaluation"). Pure:
 * the same rules and input give the same result. The input is validated against the rules
 * first (an `InputError` names the bad field); its service must be the rules' service, and
 * an explicit `version` must be the rules' version. Which version is in force for the period
 * is the caller's choice (see `evaluateSla`).
 *
 * Restore times and data loss belong to the period an incident starts in, so an incident
 * that crosses midnight of the 1st is credited once, not in both months. When the scope
 * differs from the rules' scope (clause 5.4) no SLA consequence follows — credit, data loss
 * credit and restore breaches are all nil — but downtime and availability are still reported.
 */
export function evaluate(rules: RulesV1, json: SlaInputJson): SlaResult {
  return evaluateInput(rules, parseSlaInput(json, rules));
}

/** `evaluate` of an input already validated against these rules (`parseSlaInput(json, rules)`). */
export function evaluateInput(rules: RulesV1, input: SlaInput): SlaResult {
  assertSameRules(rules, input);
  const period = monthPeriod(input.period, rules.timeZone);
  const timed = input.incidents.map((i) => ({
    id: i.id,
    cause: i.cause,
    restoreKind: i.restoreKind,
    dataLoss: i.dataLoss,
    span: { start: toNanos(i.start), end: toNanos(i.end) },
  }));
  const downtime = countDowntime(timed, rules.sla.excludedCauses, period);
  const total = period.end - period.start;
  const available = total - downtime.counted;
  const applicable = input.scope === rules.sla.scope;
  const startsHere = (span: Interval) => span.start >= period.start && span.start < period.end;
  // Restore times and data loss are events of the month an incident starts in.
  const provider = timed.filter((i) => i.cause === 'provider' && startsHere(i.span));

  const { currency } = input.monthlyFee;
  const digits = minorUnits(currency);
  if (digits === undefined) throw new InputError('bad-currency', `unknown currency ${currency}`);
  const fee = toMinorUnits(input.monthlyFee.amount, digits);
  const money = (minor: bigint) => ({ amount: formatMinorUnits(minor, digits), currency });
  const chosen = applicable ? chooseTier(rules.sla.compensationTiers, available, total) : null;
  const creditPercent = chosen?.tier.creditPercent ?? 0;
  const uncapped = percentOf(fee, creditPercent);
  const cap = percentOf(fee, rules.sla.compensationCapPercentOfMonthlyFee);
  const capped = uncapped > cap;
  const dataLoss = applicable && provider.some((i) => i.dataLoss);
  const restoreBreaches = applicable ? findBreaches(rules, provider) : [];

  return {
    service: rules.service,
    version: rules.version,
    period: {
      month: period.month,
      start: period.startText,
      end: period.endText,
      seconds: nanosToSeconds(total),
      timeZone: period.timeZone,
    },
    applicable,
    downtimeSeconds: nanosToSeconds(downtime.counted),
    excludedSeconds: nanosToSeconds(downtime.excluded),
    availabilityPercent: shownPercent({ num: 100n * available, den: total }, chosen?.tier),
    availabilityFraction: `${formatSeconds(available)}/${formatSeconds(total)}`,
    creditPercent,
    credit: money(capped ? cap : uncapped),
    capped,
    dataLossCredit: money(dataLoss ? percentOf(fee, rules.sla.dataLossCreditPercent) : 0n),
    restoreBreaches,
    compensationForm: rules.sla.compensationForm,
    tier: chosen && { index: chosen.index, ...structuredClone(chosen.tier) },
    clauses: clausesUsed({ applicable, downtime, dataLoss, breaches: restoreBreaches.length }).map(
      (id) => ({ id }),
    ),
    incidents: timed.map(
      (i, index): IncidentResult => ({
        id: i.id,
        cause: i.cause,
        startsInPeriod: startsHere(i.span),
        durationSeconds: nanosToSeconds(i.span.end - i.span.start),
        withinPeriodSeconds: nanosToSeconds(overlap(i.span, period)),
        countedSeconds: nanosToSeconds(downtime.countedPerIncident[index] ?? 0n),
      }),
    ),
  };
}

function assertSameRules(rules: RulesV1, input: SlaInput): void {
  if (input.service !== rules.service)
    throw new InputError(
      'service-mismatch',
      `service: expected "${rules.service}" (the service of the rules), got "${input.service}"`,
      'service',
    );
  if (input.version !== undefined && input.version !== rules.version)
    throw new InputError(
      'version-mismatch',
      `version: expected "${rules.version}" (the version of the rules), got "${input.version}"`,
      'version',
    );
}

/** Provider incidents that took longer than their restore kind allows (clause 5.7). */
function findBreaches(
  rules: RulesV1,
  incidents: readonly { id: string; restoreKind?: string | undefined; span: Interval }[],
): RestoreBreach[] {
  const breaches: RestoreBreach[] = [];
  for (const i of incidents) {
    const allowed = rules.sla.restoreTimes.find((r) => r.id === i.restoreKind);
    const took = i.span.end - i.span.start;
    if (allowed && took > BigInt(allowed.withinMinutes) * NANOS_PER_MINUTE)
      breaches.push({
        incident: i.id,
        restoreKind: allowed.id,
        allowedMinutes: allowed.withinMinutes,
        actualSeconds: nanosToSeconds(took),
      });
  }
  return breaches;
}

/** The clauses the result rests on, in the order of the text. */
function clausesUsed(facts: {
  applicable: boolean;
  downtime: Downtime;
  dataLoss: boolean;
  breaches: number;
}): SlaClauseId[] {
  const excludedBy = (cause: 'planned-maintenance' | 'force-majeure' | 'customer') =>
    (facts.downtime.excludedBy.get(cause) ?? 0n) > 0n;
  const used = new Set<SlaClauseId>();
  if (!facts.applicable) used.add(SLA_CLAUSES.scope);
  else {
    used.add(SLA_CLAUSES.availabilityTarget);
    used.add(SLA_CLAUSES.compensation);
    used.add(SLA_CLAUSES.compensationCap);
  }
  if (facts.breaches > 0) used.add(SLA_CLAUSES.restoreTimes);
  if (excludedBy('planned-maintenance')) used.add(SLA_CLAUSES.plannedMaintenance);
  // The force-majeure clause also excludes downtime the customer caused.
  if (excludedBy('force-majeure') || excludedBy('customer')) used.add(SLA_CLAUSES.forceMajeure);
  if (facts.dataLoss) used.add(SLA_CLAUSES.dataLoss);
  return SLA_CLAUSE_ORDER.filter((id) => used.has(id));
}

/** Nanoseconds as exact decimal seconds: 2503094 s, or 0.5 s as "0.5". */
function formatSeconds(nanos: bigint): string {
  return formatScaled(nanos, 9).replace(/\.?0+$/, '');
}

function overlap(span: Interval, period: Period): bigint {
  const start = later(span.start, period.start);
  const end = earlier(span.end, period.end);
  return end > start ? end - start : 0n;
}
