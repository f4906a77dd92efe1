import type { Diagnostic } from '../diagnostics.js';
import type { CheckContext } from './context.js';
import { checkFrozenRender } from './frozen-render.js';
import { checkLiterals } from './literals.js';
import { checkLocks } from './lock.js';
import { checkPlaceholders } from './placeholders.js';
import { checkParity, checkStructure } from './structure.js';
import { checkUnstatedBounds } from './tier-bounds.js';
import { checkTiers } from './tiers.js';
import { checkVersionOrder } from './versions.js';

export type { CheckContext } from './context.js';

/** Runs every content check over a loaded terms tree. */
export function checkTerms(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const service of ctx.terms.services) {
    out.push(...checkVersionOrder(ctx, service));
    for (const version of service.versions) {
      out.push(...checkStructure(version));
      out.push(...checkParity(version));
      out.push(...checkPlaceholders(ctx, version));
      out.push(...checkTiers(ctx, version));
      out.push(...checkUnstatedBounds(ctx, version));
      out.push(...checkLiterals(version));
    }
  }
  out.push(...checkLocks(ctx));
  out.push(...checkFrozenRender(ctx));
  return out;
}
