import type { Cause } from '../model/parameters.js';
import { type Interval, intersect, measure, subtract, union } from './intervals.js';

/** An incident reduced to what counting needs: its cause and its span in epoch nanoseconds. */
export interface TimedIncident {
  cause: Cause;
  span: Interval;
}

/** The downtime of a period, in nanoseconds. */
export interface Downtime {
  /** Provider time inside the period not covered by an excluded cause: what counts. */
  counted: bigint;
  /** Provider time inside the period covered by an excluded cause: `provider − counted`. */
  excluded: bigint;
  /** Of `excluded`, the part each excluded cause covers (causes may overlap each other). */
  excludedBy: Map<Cause, bigint>;
  /** Per incident, in input order: counted nanoseconds (0 unless its cause is `provider`). */
  countedPerIncident: bigint[];
}

/**
 * Counts downtime in `period`: the union of `provider` incidents minus the union of incidents
 * whose cause is excluded, clipped to the period, each instant once however many incidents
 * cover it. Incidents of a cause that is neither `provider` nor excluded neither count nor
 * excuse anything.
 *
 * `excluded` is defined as the provider downtime inside the period that an excluded incident
 * covers — the time the exclusions actually removed. Excluded time with no provider incident
 * under it is not in it: it was never downtime to begin with.
 */
export function countDowntime(
  incidents: readonly TimedIncident[],
  excludedCauses: readonly Cause[],
  period: Interval,
): Downtime {
  const inPeriod = [period];
  const spans = (keep: (cause: Cause) => boolean) =>
    union(incidents.filter((i) => keep(i.cause)).map((i) => i.span));
  const provider = intersect(
    spans((c) => c === 'provider'),
    inPeriod,
  );
  const excluding = spans((c) => excludedCauses.includes(c));
  const counted = measure(subtract(provider, excluding));
  const excludedBy = new Map<Cause, bigint>();
  for (const cause of excludedCauses)
    excludedBy.set(
      cause,
      measure(
        intersect(
          provider,
          spans((c) => c === cause),
        ),
      ),
    );
  const countedPerIncident = incidents.map((i) =>
    i.cause === 'provider' ? measure(subtract(intersect([i.span], inPeriod), excluding)) : 0n,
  );
  return { counted, excluded: measure(provider) - counted, excludedBy, countedPerIncident };
}
