import { InputError } from '../diagnostics.js';
import { isIsoDate } from './date.js';
import type { Service, Terms, TermsVersion } from './terms.js';
import type { Status } from './version.js';

/** A version with the dates it is in force: from `effectiveFrom` up to (not including) `effectiveTo`. */
export interface VersionRange {
  version: string;
  status: Status;
  effectiveFrom: string;
  /** The next published version's `effectiveFrom`; null for the last one and for drafts. */
  effectiveTo: string | null;
}

/** The service with this id, or an `unknown-service` error. */
export function findService(terms: Terms, id: string): Service {
  const service = terms.services.find((s) => s.id === id);
  if (!service) {
    const known = terms.services.map((s) => s.id).join(', ') || 'none';
    throw new InputError('unknown-service', `unknown service "${id}" (known: ${known})`, 'service');
  }
  return service;
}

/** The version with this id (drafts included), or an `unknown-version` error. */
export function findVersion(service: Service, id: string): TermsVersion {
  const version = service.versions.find((v) => v.id === id);
  const withheld = service.withheld?.[id];
  if (!version && withheld)
    throw new InputError(
      'draft-has-errors',
      `version "${id}" of service "${service.id}" is a draft with ${withheld} error(s): run \`terms check\``,
      'version',
    );
  if (!version) {
    const known = service.versions.map((v) => v.id).join(', ') || 'none';
    throw new InputError(
      'unknown-version',
      `unknown version "${id}" of service "${service.id}" (known: ${known})`,
      'version',
    );
  }
  return version;
}

/** Published versions ordered by `effectiveFrom`. */
export function publishedVersions(service: Service): TermsVersion[] {
  return service.versions
    .filter((v) => v.status === 'published')
    .sort((a, b) => compare(a.effectiveFrom, b.effectiveFrom) || compare(a.id, b.id));
}

/** Versions with their effective ranges; drafts only when asked, never with an `effectiveTo`. */
export function versionRanges(
  service: Service,
  options: { drafts?: boolean } = {},
): VersionRange[] {
  const published = publishedVersions(service);
  const ranges: VersionRange[] = published.map((v, i) => ({
    version: v.id,
    status: v.status,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: published[i + 1]?.effectiveFrom ?? null,
  }));
  if (options.drafts) {
    for (const v of service.versions.filter((d) => d.status === 'draft')) {
      ranges.push({
        version: v.id,
        status: v.status,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: null,
      });
    }
    ranges.sort(
      (a, b) => compare(a.effectiveFrom, b.effectiveFrom) || compare(a.version, b.version),
    );
  }
  return ranges;
}

/** The effective range of one version (drafts get `effectiveTo: null`). */
export function rangeOf(service: Service, version: TermsVersion): VersionRange {
  const found = versionRanges(service).find((r) => r.version === version.id);
  return (
    found ?? {
      version: version.id,
      status: version.status,
      effectiveFrom: version.effectiveFrom,
      effectiveTo: null,
    }
  );
}

/**
 * The published version in force at `date` (the greatest `effectiveFrom` ≤ date), or undefined.
 * Drafts never answer. `date` must be an existing calendar date in the service's time zone.
 */
export function versionAt(service: Service, date: string): TermsVersion | undefined {
  assertDate(date, 'at');
  // One pass for the greatest (effectiveFrom, id) ≤ date: the last such version in the order
  // of publishedVersions (ties: the later one, as its stable sort gives), without sorting per
  // lookup: O(n) and no array, not O(n log n).
  let found: TermsVersion | undefined;
  for (const v of service.versions) {
    if (v.status !== 'published' || v.effectiveFrom > date) continue;
    if (!found || (compare(v.effectiveFrom, found.effectiveFrom) || compare(v.id, found.id)) >= 0)
      found = v;
  }
  return found;
}

/** Like `versionAt`, but a date before the first version is a `no-version-in-force` error. */
export function requireVersionAt(service: Service, date: string): TermsVersion {
  const found = versionAt(service, date);
  if (!found) {
    const first = publishedVersions(service)[0];
    throw new InputError(
      'no-version-in-force',
      first
        ? `no version of "${service.id}" is in force on ${date}: the first takes effect on ${first.effectiveFrom}`
        : `service "${service.id}" has no published version`,
      'at',
    );
  }
  return found;
}

/** Throws a `bad-date` error unless `date` is an existing calendar date `YYYY-MM-DD`. */
export function assertDate(date: string, field: string): void {
  if (!isIsoDate(date))
    throw new InputError(
      'bad-date',
      `${field}: expected an existing calendar date YYYY-MM-DD, got "${date}"`,
      field,
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
