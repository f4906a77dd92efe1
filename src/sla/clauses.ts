/**
 * Stable ids of the clauses an evaluation rests on. Clause numbers are generated from the
 * document structure and may move between versions; ids do not, so the evaluator names ids
 * and `evaluateSla` adds the numbers of the version it used (`compensation` → `5.8`).
 */
export const SLA_CLAUSES = {
  scope: 'sla-scope',
  availabilityTarget: 'availability-target',
  restoreTimes: 'restore-times',
  compensation: 'compensation',
  compensationCap: 'compensation-cap',
  plannedMaintenance: 'planned-maintenance',
  forceMajeure: 'force-majeure',
  dataLoss: 'data-loss',
} as const;

/** The id of a clause an evaluation rests on. */
export type SlaClauseId = (typeof SLA_CLAUSES)[keyof typeof SLA_CLAUSES];

/** The order the clauses appear in the text, so results list them in reading order. */
export const SLA_CLAUSE_ORDER: readonly SlaClauseId[] = Object.values(SLA_CLAUSES);
