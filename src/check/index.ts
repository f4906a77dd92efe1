import type { Diagnostic } from '../diagnostics.js';
import type { LoadResult } from '../load/index.js';
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
    for (const version of service.versions) {
      out.push(...checkVersionDates(ctx, version));
      out.push(...checkClauseIds(version));
      out.push(...checkParity(version));
      out.push(...checkPlaceholders(ctx, version));
      out.push(...checkTiers(ctx, version));
      out.push(...checkUnstatedBounds(ctx, version));
      out.push(...checkLiterals(version));
      out.push(...checkGlyphs(ctx, version));
    }
  }
  // Versions left out for errors in version.yaml: their clause text is still checked.
  for (const text of ctx.texts) out.push(...checkClauseIds(text), ...checkParity(text));
  out.push(...checkLocks(ctx));
  out.push(...checkFrozenRender(ctx));
  return out;
}
