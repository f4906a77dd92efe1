/** How bad a problem is: errors fail `terms check`, warnings do not. */
export type Severity = 'error' | 'warning';

/** What the registry says of one diagnostic code. */
export interface CodeInfo {
  severity: Severity;
  /** One line: what the code means (the README's list of codes is generated from it). */
  doc: string;
}

/**
 * Every diagnostic code the engine reports, with its severity and meaning: the one place a code
 * is defined. A code is stable once released (tools filter on it); add new ones, never rename.
 */
export const CODES = {
  // The folder and its files.
  'no-terms': { severity: 'error', doc: 'the terms folder does not exist or is not a folder' },
  'missing-file': {
    severity: 'error',
    doc: 'a service or version folder lacks a file it needs (service.yaml, version.yaml, kk.md, ru.md, en.md)',
  },
  'bad-version-folder': {
    severity: 'error',
    doc: 'a version folder is not named by an existing date YYYY-MM-DD',
  },
  'unknown-file': {
    severity: 'warning',
    doc: 'a file in a version folder that is not part of a terms version (ignored)',
  },
  'no-services': {
    severity: 'error',
    doc: 'the terms folder holds no service folder: nothing to check, build or serve',
  },
  'file-system': {
    severity: 'error',
    doc: 'a path under the terms folder cannot be read as expected (a dangling symbolic link, a link loop, a folder where a file belongs, no permission)',
  },
  encoding: {
    severity: 'error',
    doc: 'a file is not UTF-8 (invalid bytes, or UTF-16/UTF-32): the message names the position of the first bad byte',
  },
  'control-character': {
    severity: 'error',
    doc: 'a control or bidirectional-override character (C0/C1 other than tab and newline, ESC, U+202A–U+202E, U+2066–U+2069) in the content',
  },
  limit: {
    severity: 'error',
    doc: 'a file exceeds a limit of `src/load/limits.ts` (size, line or paragraph length, nesting depth, clauses, markup characters)',
  },
  'missing-glyph': {
    severity: 'error',
    doc: 'a character the PDF font cannot print (pdfmake would drop it silently)',
  },
  // YAML and its shape.
  'yaml-syntax': {
    severity: 'error',
    doc: 'version.yaml, service.yaml or front matter is not valid YAML',
  },
  'yaml-warning': {
    severity: 'warning',
    doc: 'the YAML parser warns about a construct (e.g. an unknown tag)',
  },
  schema: {
    severity: 'error',
    doc: 'a YAML value has the wrong shape or type; the message names the field path',
  },
  'service-id': { severity: 'error', doc: "service.yaml's id differs from its folder name" },
  // The Markdown clause tree.
  'heading-title': {
    severity: 'error',
    doc: 'the `# title` is missing, repeated or after a section',
  },
  'heading-depth': {
    severity: 'error',
    doc: 'a heading deeper than `####`, or a clause without its parent level',
  },
  'missing-id': { severity: 'error', doc: 'a section or clause heading does not end with `{#id}`' },
  'bad-id': {
    severity: 'error',
    doc: 'a clause id is not lower-case letters, digits and hyphens starting with a letter',
  },
  'duplicate-id': { severity: 'error', doc: 'two clauses of one language share an id' },
  'raw-html': { severity: 'error', doc: 'raw HTML in the Markdown (never passed to a page)' },
  'unsafe-link': {
    severity: 'error',
    doc: 'a link that is not https:, http:, mailto:, tel: or a `[](#id)` cross-reference',
  },
  'unsupported-node': {
    severity: 'error',
    doc: 'Markdown the terms format does not use (code, images, footnotes, …)',
  },
  // Placeholders and parameters.
  'bad-placeholder': { severity: 'error', doc: 'an unbalanced `{{` or `}}`' },
  'unknown-placeholder': { severity: 'error', doc: '`{{path}}` names no parameter of the version' },
  'undefined-restore-time': {
    severity: 'error',
    doc: '`{{sla.restoreTimes.<id>…}}` names a restore time the parameters do not define',
  },
  'undefined-channel': {
    severity: 'error',
    doc: '`{{support.channels.<type>…}}` names a channel the parameters do not define',
  },
  'block-placeholder-inline': {
    severity: 'error',
    doc: 'a generated table or list placeholder inside a sentence instead of alone in its paragraph',
  },
  'missing-label': {
    severity: 'error',
    doc: 'the front matter lacks the row label of a restore time the table prints',
  },
  'unused-parameter': {
    severity: 'warning',
    doc: 'a parameter the text should state is never written as a placeholder in one language',
  },
  'literal-parameter': {
    severity: 'warning',
    doc: 'a parameter value typed into the prose by hand instead of its `{{placeholder}}`',
  },
  // The three languages against each other.
  'clause-missing': {
    severity: 'error',
    doc: 'a clause of the Kazakh original is missing in a translation',
  },
  'clause-extra': {
    severity: 'error',
    doc: 'a translation has a clause the Kazakh original lacks',
  },
  'clause-order': { severity: 'error', doc: 'a translation orders its clauses differently' },
  'clause-parent': { severity: 'error', doc: 'a translation nests a clause under another parent' },
  'placeholder-mismatch': {
    severity: 'error',
    doc: 'a clause states other parameters in a translation than in the original',
  },
  'broken-ref': {
    severity: 'error',
    doc: 'a cross-reference `[](#id)` to no clause of its language',
  },
  'ref-text': {
    severity: 'error',
    doc: 'a cross-reference with link text (its number is generated: write `[](#id)`)',
  },
  'duplicate-clause-text': {
    severity: 'warning',
    doc: 'a clause repeats another clause of the same language word for word',
  },
  // Compensation tiers.
  'tier-gap': { severity: 'error', doc: 'an availability value no compensation tier covers' },
  'tier-overlap': { severity: 'error', doc: 'an availability value two compensation tiers cover' },
  'tier-monotonic': {
    severity: 'error',
    doc: 'a lower availability tier gives less credit than a higher one',
  },
  'target-tier-mismatch': {
    severity: 'error',
    doc: 'availability that meets the guarantee falls in a tier that gives credit',
  },
  'tier-bound-unstated': {
    severity: 'warning',
    doc: 'a tier bound the text does not state (marked `minStated`/`maxStated: false`): the message names the reading the parameters apply',
  },
  // Versions over time and the freeze.
  'version-order': {
    severity: 'error',
    doc: 'effective dates out of the order of version dates, or a draft not after the latest published version',
  },
  'version-overlap': {
    severity: 'error',
    doc: 'two published versions take effect on the same day',
  },
  'missing-lock': {
    severity: 'error',
    doc: 'a published version has no lock.json (run `terms publish`)',
  },
  'bad-lock': { severity: 'error', doc: 'lock.json is malformed or names another version' },
  'frozen-modified': {
    severity: 'error',
    doc: 'a file of a published version changed since it was frozen',
  },
  'frozen-render-changed': {
    severity: 'error',
    doc: 'the engine now renders a published version differently from the text it was frozen with (names the edition and the first line that differs)',
  },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code: one of the registry's keys. */
export type Code = keyof typeof CODES;

/** The severity a code is reported with. */
export function severityOf(code: Code): Severity {
  return CODES[code].severity;
}
