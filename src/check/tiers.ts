import { type Diagnostic, diagnostic, type Point } from '../diagnostics.js';
import { toRational, toScaled } from '../model/decimal.js';
import { VERSION_FILE } from '../model/files.js';
import type { CompensationTier } from '../model/parameters.js';
import type { TermsVersion } from '../model/terms.js';
import { tierContains } from '../model/tiers.js';
import type { CheckContext } from './context.js';

const HUNDRED = toScaled(100);

/**
 * The compensation tiers cover 0–100 % exactly once (no gap, no overlap, open and closed ends
 * included) and never give less credit for lower availability. Compared exactly, never as floats.
 */
export function checkTiers(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = ctx.display(`${version.dir}/${VERSION_FILE}`);
  const yaml = ctx.sources.get(version.dir);
  const at = (i: number) => yaml?.pointOf(['parameters', 'sla', 'compensationTiers', i]);
  const tiers = version.parameters.sla.compensationTiers.map((t, index) => ({
    t,
    index,
    ...bounds(t),
  }));
  tiers.sort((a, b) =>
    a.min < b.min
      ? -1
      : a.min > b.min
        ? 1
        : Number(b.t.availabilityPercent.minInclusive) -
          Number(a.t.availabilityPercent.minInclusive),
  );

  const first = tiers[0];
  if (first && (first.min !== 0n || !first.t.availabilityPercent.minInclusive))
    out.push(
      diagnostic(
        'tier-gap',
        `no tier covers availability ${first.min === 0n ? 'of exactly 0%' : `from 0% to ${show(first.min)}%`}`,
        { file, at: at(first.index) },
      ),
    );
  for (let i = 1; i < tiers.length; i++) {
    const a = tiers[i - 1] as (typeof tiers)[number];
    const b = tiers[i] as (typeof tiers)[number];
    const aMaxIn = a.t.availabilityPercent.maxInclusive;
    const bMinIn = b.t.availabilityPercent.minInclusive;
    if (a.max < b.min)
      out.push(
        diagnostic(
          'tier-gap',
          `no tier covers availability between ${show(a.max)}% and ${show(b.min)}%`,
          { file, at: at(b.index) },
        ),
      );
    else if (a.max > b.min || (aMaxIn && bMinIn))
      out.push(
        diagnostic(
          'tier-overlap',
          `tiers ${a.index + 1} and ${b.index + 1} both cover availability ${a.max > b.min ? `between ${show(b.min)}% and ${show(a.max)}%` : `of exactly ${show(b.min)}%`}`,
          { file, at: at(b.index) },
        ),
      );
    else if (!aMaxIn && !bMinIn)
      out.push(
        diagnostic('tier-gap', `no tier covers availability of exactly ${show(b.min)}%`, {
          file,
          at: at(b.index),
        }),
      );
    if (b.t.creditPercent > a.t.creditPercent)
      out.push(
        diagnostic(
          'tier-monotonic',
          `tier ${b.index + 1} gives ${b.t.creditPercent}% credit for higher availability than tier ${a.index + 1}, which gives ${a.t.creditPercent}%: lower availability must never earn less credit`,
          { file, at: at(b.index) },
        ),
      );
  }
  const last = tiers[tiers.length - 1];
  if (last && (last.max !== HUNDRED || !last.t.availabilityPercent.maxInclusive))
    out.push(
      diagnostic(
        'tier-gap',
        `no tier covers availability ${last.max === HUNDRED ? 'of exactly 100%' : `from ${show(last.max)}% to 100%`}`,
        { file, at: at(last.index) },
      ),
    );
  out.push(
    ...checkTarget(
      version,
      file,
      yaml?.pointOf(['parameters', 'sla', 'availabilityTargetPercent']),
    ),
  );
  return out;
}

/** Meeting the guaranteed availability earns no credit; falling short of it earns some. */
function checkTarget(version: TermsVersion, file: string, at: Point | undefined): Diagnostic[] {
  const target = toScaled(version.parameters.sla.availabilityTargetPercent);
  const tiers = version.parameters.sla.compensationTiers;
  const exactTarget = toRational(version.parameters.sla.availabilityTargetPercent);
  const holding = tiers.find((t) => tierContains(t, exactTarget));
  if (holding && holding.creditPercent !== 0)
    return [
      diagnostic(
        'target-tier-mismatch',
        `availability of exactly the guaranteed ${version.parameters.sla.availabilityTargetPercent}% falls in a tier that gives ${holding.creditPercent}% credit: meeting the guarantee must give 0%`,
        { file, at: at },
      ),
    ];
  const zeroBelow = tiers.find(
    (t) => t.creditPercent === 0 && toScaled(t.availabilityPercent.min) < target,
  );
  if (zeroBelow)
    return [
      diagnostic(
        'target-tier-mismatch',
        `a tier from ${zeroBelow.availabilityPercent.min}% gives no credit although it is below the guaranteed ${version.parameters.sla.availabilityTargetPercent}%`,
        { file, at: at },
      ),
    ];
  return [];
}

function bounds(t: CompensationTier) {
  return { min: toScaled(t.availabilityPercent.min), max: toScaled(t.availabilityPercent.max) };
}

function show(scaled: bigint): string {
  const s = scaled.toString().padStart(5, '0');
  const whole = s.slice(0, -4);
  const frac = s.slice(-4).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}
