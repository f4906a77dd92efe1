/** SLA evaluation: a month's incidents and fee → availability and credit, exactly. */
export { clauseNumbers, numberClauses } from './clause-numbers.js';
export { SLA_CLAUSES, type SlaClauseId } from './clauses.js';
export { evaluate } from './evaluate.js';
export { evaluateSla, termsLookup } from './evaluate-sla.js';
export {
  MAX_AMOUNT_DIGITS,
  MAX_INCIDENTS,
  MAX_TEXT,
  MonthlyFee,
  parseSlaInput,
  SlaInput,
  type SlaInputJson,
  slaInputJsonSchema,
} from './input.js';
export { type InputIssue, MAX_LISTED_ISSUES, SlaInputError } from './issues.js';
export { JSON_LIMITS, readSlaJson } from './json.js';
export {
  evaluateWith,
  type SlaLookup,
  type SlaService,
  type SlaVersion,
} from './lookup.js';
export {
  ClauseResult,
  IncidentResult,
  MoneyResult,
  RestoreBreach,
  SlaResult,
  slaResultJsonSchema,
} from './result.js';
