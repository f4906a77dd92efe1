import { z } from 'zod';
import { InputError } from '../diagnostics.js';
import { dateKey, IsoDate, isIsoDate } from './date.js';
import type { Service, Terms, TermsVersion, VersionHeader } from './terms.js';
import { Status } from './version.js';

/** A version with the dates it is in force: from `effectiveFrom` up to (not including) `effectiveTo`. */
export const VersionRange = z.object({
  version: IsoDate,
  status: Status,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable().meta({
    description: 'Exclusive: the next published version’s effectiveFrom; null for the last one.',
  }),
});
/** A version with the dates it is in force. */
export type VersionRange = z.infer<typeof VersionRange>;

/** What the timeline needs to know of a version. */
export interface Dated {
  version: string;
  status: Status;
  effectiveFrom: string;
}

/**
 * The versions of one service in the order they take effect: the one definition of "the
 * version in force at D" (the published version with the greatest `effectiveFrom` ≤ D; ties
 * by version date), for the library, the CLI and the server alike. Built once; lookups are a
 * binary search over the published versions.
 */
export class Timeline<T> {
  /** Published versions ordered by (effectiveFrom, version). */
  readonly published: readonly T[];
  /** Every version, drafts too, in the same order. */
  readonly all: readonly T[];
  private readonly starts: readonly string[];
  /** The starts as `dateKey` numbers (compared faster than strings), when every one is a date. */
  private readonly keys: Float64Array | undefined;
  private readonly dated: (item: T) => Dated;

  /** Orders `items`, read through `dated`, into a timeline. */
  constructor(items: readonly T[], dated: (item: T) => Dated) {
    this.dated = dated;
    const order = (a: T, b: T) => {
      const x = dated(a);
      const y = dated(b);
      return compare(x.effectiveFrom, y.effectiveFrom) || compare(x.version, y.version);
    };
    this.all = [...items].sort(order);
    this.published = this.all.filter((v) => dated(v).status === 'published');
    this.starts = this.published.map((v) => dated(v).effectiveFrom);
    const keys = Float64Array.from(this.starts, dateKey);
    this.keys = keys.every((k) => k >= 0) ? keys : undefined;
  }

  /** The published version in force on `date` (an ISO date, not checked here), or undefined. */
  at(date: string): T | undefined {
    const key = this.keys ? dateKey(date) : -1;
    return key >= 0 ? this.atKey(key) : this.published[this.countStarting(date, true) - 1];
  }

  /** `at` for a date given as its `dateKey`. */
  atKey(key: number): T | undefined {
    const keys = this.keys;
    if (!keys) throw new Error('atKey: the timeline has a start that is not a date');
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) <= key) lo = mid + 1;
      else hi = mid;
    }
    return this.published[lo - 1];
  }

  /** The last published version that took effect strictly before `date`, or undefined. */
  before(date: string): T | undefined {
    return this.published[this.countStarting(date, false) - 1];
  }

  /** The published version before `item` and the one after it (either may be undefined). */
  neighbours(item: T): { previous: T | undefined; next: T | undefined } {
    const i = this.published.indexOf(item);
    if (i < 0) return { previous: this.before(this.dated(item).effectiveFrom), next: undefined };
    return { previous: this.published[i - 1], next: this.published[i + 1] };
  }

  /** The range of one version: `effectiveTo` is the next published version's start (null for drafts). */
  rangeOf(item: T): VersionRange {
    const d = this.dated(item);
    const next = d.status === 'published' ? this.neighbours(item).next : undefined;
    return {
      version: d.version,
      status: d.status,
      effectiveFrom: d.effectiveFrom,
      effectiveTo: next === undefined ? null : this.dated(next).effectiveFrom,
    };
  }

  /** Every published version's range in order; drafts too (after them, `effectiveTo` null) when asked. */
  ranges(options: { drafts?: boolean } = {}): VersionRange[] {
    const list = options.drafts ? this.all : this.published;
    return list.map((v) => this.rangeOf(v));
  }

  /** How many published versions start on or before `date` (`inclusive`) or before it: a binary search. */
  private countStarting(date: string, inclusive: boolean): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.starts[mid] as string;
      if (start < date || (inclusive && start === date)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const timelines = new WeakMap<readonly VersionHeader[], Timeline<VersionHeader>>();

/**
 * The timeline of a service, built on first use and kept while its version list is the same:
 * over `service.headers` when only some versions are loaded, else over `service.versions`.
 */
export function timelineOf(service: Service): Timeline<VersionHeader> {
  const items = service.headers ?? service.versions;
  let timeline = timelines.get(items);
  if (!timeline || timeline.all.length !== items.length) {
    timeline = new Timeline<VersionHeader>(items, (v) => ({
      version: v.id,
      status: v.status,
      effectiveFrom: v.effectiveFrom,
    }));
    timelines.set(items, timeline);
  }
  return timeline;
}

/**
 * Why a version's dates are out of order, or undefined: a version takes effect on or after
 * the date it is dated (its id), never before. The one statement of the rule, for `check`
 * and for `terms new-version`.
 */
export function effectiveBeforeDated(
  id: string,
  effectiveFrom: string,
  field = 'effectiveFrom',
): string | undefined {
  return effectiveFrom < id
    ? `${field} ${effectiveFrom} is before the version date ${id}: a version cannot take effect before it is dated`
    : undefined;
}

/** A published version as another version's page names it. */
export interface Neighbour {
  version: string;
  effectiveFrom: string;
}

/**
 * The published versions around a version: the one it replaces and the one that replaces it.
 * A draft has no successor, and its predecessor is the last published version before it takes
 * effect — never another draft.
 */
export function neighboursOf(
  service: Service,
  version: TermsVersion,
): { previous: Neighbour | undefined; next: Neighbour | undefined } {
  const { previous, next } = timelineOf(service).neighbours(version);
  const named = (v: VersionHeader | undefined) =>
    v && { version: v.id, effectiveFrom: v.effectiveFrom };
  return { previous: named(previous), next: version.status === 'draft' ? undefined : named(next) };
}

/**
 * The loaded version behind a timeline entry. A service with `headers` holds only some
 * versions: asking it for another one is a mistake of the caller, never a silent wrong answer.
 */
function loaded(service: Service, entry: VersionHeader): TermsVersion {
  if (!service.headers || service.versions.includes(entry as TermsVersion))
    return entry as TermsVersion;
  throw new Error(
    `version ${entry.id} of service "${service.id}" is not loaded (only its header is)`,
  );
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
  return loaded(service, findHeader(service, id));
}

/**
 * The version with this id as the timeline knows it (of a service with `headers`: loaded or
 * not), or an `unknown-version` (or `draft-has-errors`) error.
 */
export function findHeader(service: Service, id: string): VersionHeader {
  const list = service.headers ?? service.versions;
  const version = list.find((v) => v.id === id);
  const withheld = service.withheld?.[id];
  if (!version && withheld)
    throw new InputError(
      'draft-has-errors',
      `version "${id}" of service "${service.id}" is a draft with ${withheld} error(s): run \`terms check\``,
      'version',
    );
  if (!version) {
    const known = list.map((v) => v.id).join(', ') || 'none';
    throw new InputError(
      'unknown-version',
      `unknown version "${id}" of service "${service.id}" (known: ${known})`,
      'version',
    );
  }
  return version;
}

/** Published versions ordered by `effectiveFrom` (of a service with `headers`: the loaded ones). */
export function publishedVersions(service: Service): TermsVersion[] {
  return timelineOf(service).published.filter(
    (v): v is TermsVersion => !service.headers || service.versions.includes(v as TermsVersion),
  );
}

/** Versions with their effective ranges; drafts only when asked, never with an `effectiveTo`. */
export function versionRanges(
  service: Service,
  options: { drafts?: boolean } = {},
): VersionRange[] {
  return timelineOf(service).ranges(options);
}

/** The effective range of one version (drafts get `effectiveTo: null`). */
export function rangeOf(service: Service, version: VersionHeader): VersionRange {
  return timelineOf(service).rangeOf(version);
}

/**
 * The published version in force at `date` (the greatest `effectiveFrom` ≤ date), or undefined.
 * Drafts never answer. `date` must be an existing calendar date in the service's time zone.
 */
export function versionAt(service: Service, date: string): TermsVersion | undefined {
  const key = dateKey(date);
  if (key < 0) assertDate(date, 'at');
  const found = timelineOf(service).at(date);
  return found && loaded(service, found);
}

/** Like `versionAt`, but a date before the first version is a `no-version-in-force` error. */
export function requireVersionAt(service: Service, date: string): TermsVersion {
  return loaded(service, requireHeaderAt(service, date));
}

/** Like `requireVersionAt`, as the timeline knows the version (of a service with `headers`: loaded or not). */
export function requireHeaderAt(service: Service, date: string): VersionHeader {
  assertDate(date, 'at');
  const timeline = timelineOf(service);
  const found = timeline.at(date);
  if (!found) {
    const first = timeline.published[0];
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
