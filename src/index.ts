/**
 * terms-engine, the library API: load and check a terms folder, find the version in force at a
 * date, get its rules JSON and JSON Schema, render HTML / text / PDF, evaluate the SLA, publish.
 * Re-exports only; every function is typed and its types are exported.
 */

// Reading only what an answer needs, and the cache of what cannot have changed.
export { CachedDocuments } from './cache/documents.js';
export { Cache, type CacheOptions } from './cache/store.js';
export { checkTree, openTree, type TreeCheck, type TreeOptions } from './cache/tree.js';
// Loading and checking.
export { checkTerms } from './check/index.js';
// Diagnostics: data, not exceptions (vfile-message style).
export {
  CODES,
  type Code,
  ContentError,
  type Diagnostic,
  formatDiagnostic,
  hasErrors,
  InputError,
  type Point,
  type Severity,
  sortDiagnostics,
} from './diagnostics.js';
export { type LoadOptions, type LoadResult, loadTerms } from './load/index.js';
// The model.
export type { Clause, TermsDocument } from './model/document.js';
export { isLang, LANGS, Lang, Localized } from './model/lang.js';
export {
  Cause,
  Channel,
  CompensationTier,
  Parameters,
  PercentRange,
  Responsibility,
  RestoreTime,
  Sla,
  Support,
} from './model/parameters.js';
export type { Service, Terms, TermsVersion } from './model/terms.js';
export {
  findService,
  findVersion,
  publishedVersions,
  rangeOf,
  requireVersionAt,
  type VersionRange,
  versionAt,
  versionRanges,
} from './model/timeline.js';
export { ServiceFile, Status, VersionFile } from './model/version.js';
export { type Inspection, inspectTerms, type OpenOptions, openTerms } from './open.js';
export { openOne, openTimeline, type VersionPick } from './open-one.js';
// Publishing.
export { type BuildOptions, type BuildResult, buildBundle } from './publish/bundle.js';
export { diffVersions, type VersionDiff } from './publish/diff.js';
export { newVersion } from './publish/new-version.js';
export { publishVersion } from './publish/publish.js';
// Rendering.
export { renderHtml, renderIndexHtml } from './render/html/index.js';
export { renderPdf, toDocDefinition, toParallelDocDefinition } from './render/pdf/index.js';
export {
  alignClauses,
  type ResolvedClause,
  type ResolvedDocument,
  resolveDocument,
} from './render/resolve.js';
export { renderText } from './render/text/index.js';
// Rules JSON v1 and its JSON Schema.
export { stringifyRules, toRules } from './rules/rules.js';
export { RulesV1, rulesJsonSchema } from './rules/schema.js';
// Serving.
export { createApp } from './server/app.js';
export { type RunningServer, type ServeOptions, serve } from './server/listen.js';
// SLA evaluation.
export {
  evaluate,
  evaluateSla,
  evaluateWith,
  parseSlaInput,
  readSlaJson,
  SlaInput,
  SlaInputError,
  type SlaLookup,
  SlaResult,
  slaInputJsonSchema,
  slaResultJsonSchema,
} from './sla/index.js';
