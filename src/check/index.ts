import type { Diagnostic } from '../diagnostics.js';
import type { LoadResult } from '../load/index.js';
import type { TermsVersion } from '../model/terms.js';
import { checkClauseIds } from './clause-ids.js';
import type { CheckContext } from './context.js';
import { checkFrozenRender } from './frozen-render.js';
import { checkGlyphs } from './glyphs.js';
import { checkLiterals } from './literals.js';
import { checkLocks } from './lock.js';
import { checkParity } from './parity.js';
import { checkPlaceholders } from './placeholders.js';
import { checkUnstatedBounds } from './tier-bounds.js';
import { checkTiers } from './tiers.js';
import { checkVersionDates, checkVersionOrder } from './versions.js';

export type { CheckContext } from './context.js';

/**
 * Runs every content check over a loaded terms tree: how the parts of each version agree
 * (clause trees, placeholders, tiers, literals), how versions follow each other, and the
 * freeze locks. The loader has already reported what is malformed in each file.
 */
export function checkTerms(ctx: CheckContext & Pick<LoadResult, 'texts'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const service of ctx.terms.services) {
    out.push(...checkVersionOrder(ctx, service));
    for (const version of service.versions) out.push(...checkVersion(ctx, version));
  }
  // Versions left out for errors in version.yaml: their clause text is still checked.
  for (const text of ctx.texts) out.push(...checkText(text));
  out.push(...checkLocks(ctx));
  out.push(...checkFrozenRender(ctx));
  return out;
}

/**
 * The checks of one loaded version that look at nothing but its own folder (and its
 * service.yaml): what a cache of check results may keep per version. The freeze lock and
 * the frozen rendered text are checked by `checkLocks` and `checkFrozenRender`, also per folder.
 */
export function checkVersion(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  return [
    ...checkVersionDates(ctx, version),
    ...checkClauseIds(version),
    ...checkParity(version),
    ...checkPlaceholders(ctx, version),
    ...checkTiers(ctx, version),
    ...checkUnstatedBounds(ctx, version),
    ...checkLiterals(version),
    ...checkGlyphs(ctx, version),
  ];
}

/** The checks of the clause texts of a version left out for errors in its version.yaml. */
export function checkText(text: Pick<TermsVersion, 'documents'>): Diagnostic[] {
  return [...checkClauseIds(text), ...checkParity(text)];
}
