/** SLA evaluation: a month's incidents and fee → availability and credit, exactly. */
export { SLA_CLAUSES, type SlaClauseId } from './clauses.js';
export { evaluate } from './evaluate.js';
export {
  MonthlyFee,
  parseSlaInput,
  SlaInput,
  type SlaInputJson,
  slaInputJsonSchema,
} from './input.js';
export { type InputIssue, SlaInputError } from './issues.js';
export {
  ClauseResult,
  IncidentResult,
  MoneyResult,
  RestoreBreach,
  SlaResult,
  slaResultJsonSchema,
} from './result.js';
export { clauseNumbers, evaluateSla, numberClauses } from './select.js';
