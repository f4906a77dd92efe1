import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkTerms } from './check/index.js';
import { ContentError, type Diagnostic, sortDiagnostics } from './diagnostics.js';
import { displayPath } from './load/files.js';
import { type LoadOptions, type LoadResult, loadTerms } from './load/index.js';
import { isIsoDate } from './model/date.js';
import { LOCK_FILE } from './model/files.js';
import type { Service, Terms } from './model/terms.js';

/** A terms folder loaded and checked: the valid model and every diagnostic of both steps. */
export type Inspection = LoadResult;

/**
 * Loads a terms folder, then checks it: what `terms check` reports. Never throws for content
 * problems; versions whose files have errors are left out of `terms`.
 */
export async function inspectTerms(root: string, options: LoadOptions = {}): Promise<Inspection> {
  const loaded = await loadTerms(root, options);
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...checkTerms(loaded)]);
  return { ...loaded, diagnostics };
}

/** Options for opening a terms folder for use. */
export interface OpenOptions extends LoadOptions {
  /**
   * Whether drafts must be usable too (e.g. `terms build --drafts`). When false (the default),
   * a draft with errors is withheld instead of blocking the published versions.
   */
  drafts?: boolean;
}

/**
 * Loads and checks a terms folder for use; throws a ContentError listing every error if there
 * is one. Errors inside a draft's folder withhold that draft (see `Service.withheld`) unless
 * `drafts` is set.
 */
export async function openTerms(root: string, options: OpenOptions = {}): Promise<Terms> {
  return usableTerms(await inspectTerms(root, options), root, options);
}

/**
 * The terms of an inspection, for use: drafts with errors in their folder withheld (unless
 * `drafts`), and a ContentError listing every error that remains.
 */
export function usableTerms(
  result: Pick<Inspection, 'terms' | 'diagnostics' | 'display'>,
  root: string,
  options: OpenOptions = {},
): Terms {
  const cwd = options.cwd ?? process.cwd();
  let errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!options.drafts) errors = withholdBrokenDrafts(result, errors);
  if (errors.length > 0)
    throw new ContentError(
      errors,
      `the terms in ${displayPath(path.resolve(root), cwd)} have errors (run \`terms check\`)`,
    );
  return result.terms;
}

/** Leaves out drafts with errors in their folder; returns the errors that remain. */
function withholdBrokenDrafts(
  result: Pick<Inspection, 'terms' | 'display'>,
  errors: Diagnostic[],
): Diagnostic[] {
  let remaining = errors;
  for (const service of result.terms.services) {
    const drafts = service.versions.filter((v) => v.status === 'draft');
    for (const draft of [...drafts, ...unloadedDrafts(result, service, errors)]) {
      const dir = result.display(draft.dir);
      const inside = (d: Diagnostic) => d.file === dir || d.file.startsWith(`${dir}/`);
      const own = remaining.filter(inside);
      if (own.length === 0) continue;
      remaining = remaining.filter((d) => !inside(d));
      service.withheld = { ...service.withheld, [draft.id]: own.length };
    }
    service.versions = service.versions.filter((v) => !service.withheld?.[v.id]);
  }
  return remaining;
}

/**
 * Version folders with errors that did not load (their version.yaml or a language file is
 * unreadable), taken as drafts when they have no lock.json: every published version has one.
 */
function unloadedDrafts(
  result: Pick<Inspection, 'terms' | 'display'> & { files?: Inspection['files'] },
  service: Service,
  errors: readonly Diagnostic[],
): { id: string; dir: string }[] {
  // The files read when there are (inspectTerms), else the disk (a cached walk reads no lock).
  const locked = (dir: string) =>
    result.files?.has(`${dir}/${LOCK_FILE}`) ??
    existsSync(path.join(result.terms.root, dir, LOCK_FILE));
  const base = `${result.display(service.id)}/`;
  const found = new Set<string>();
  for (const d of errors) {
    if (!d.file.startsWith(base)) continue;
    const id = d.file.slice(base.length).split('/')[0] ?? '';
    if (!isIsoDate(id) || service.versions.some((v) => v.id === id)) continue;
    if (!locked(`${service.id}/${id}`)) found.add(id);
  }
  return [...found].map((id) => ({ id, dir: `${service.id}/${id}` }));
}
