import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { toScaled } from '../model/decimal.js';
import { VERSION_FILE } from '../model/files.js';
import type { CompensationTier } from '../model/parameters.js';
import type { TermsVersion } from '../model/terms.js';
import type { CheckContext } from './context.js';

/**
 * A tier bound marked as not stated by the text (`minStated`/`maxStated: false`) is a reading the
 * operator chose, not words of the agreement: each such bound gets a warning naming the value
 * and what the parameters give at exactly that value, so the choice stays visible.
 */
export function checkUnstatedBounds(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tiers = version.parameters.sla.compensationTiers;
  const file = ctx.display(`${version.dir}/${VERSION_FILE}`);
  const yaml = ctx.sources.get(version.dir);
  const seen = new Set<bigint>();
  tiers.forEach((tier, index) => {
    const range = tier.availabilityPercent;
    const ends = [
      { key: 'minStated', value: range.min, stated: range.minStated },
      { key: 'maxStated', value: range.max, stated: range.maxStated },
    ];
    for (const end of ends) {
      const scaled = toScaled(end.value);
      if (end.stated !== false || seen.has(scaled)) continue;
      seen.add(scaled);
      const value = shown(end.value);
      const holding = tiers.findIndex((t) => covers(t, scaled));
      const reading =
        holding < 0
          ? 'no tier covers it'
          : `the parameters give ${tiers[holding]?.creditPercent} % (tier ${holding + 1})`;
      out.push(
        diagnostic(
          'tier-bound-unstated',
          `the text does not state what happens at ${value} % (tier ${index + 1} is worded above/below only): at exactly ${value} % ${reading}, the operator's reading`,
          {
            file,
            at: yaml?.pointOf([
              'parameters',
              'sla',
              'compensationTiers',
              index,
              'availabilityPercent',
              end.key,
            ]),
          },
        ),
      );
    }
  });
  return out;
}

function covers(tier: CompensationTier, value: bigint): boolean {
  const r = tier.availabilityPercent;
  const min = toScaled(r.min);
  const max = toScaled(r.max);
  return (
    (value > min || (r.minInclusive && value === min)) &&
    (value < max || (r.maxInclusive && value === max))
  );
}

/** A bound as the message prints it: at least one decimal, as the tables do (99.0, not 99). */
function shown(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
