import { z } from 'zod';
import { IsoDate } from '../model/date.js';
import { LANGS, type Lang } from '../model/lang.js';
import type { Bundle } from './bundle.js';

export const VersionEntry = z.object({
  version: IsoDate,
  status: z.enum(['draft', 'published']).default('published'),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
});
/** A version and the dates it is in force, as the bundle's versions.json lists it. */
export type Range = z.infer<typeof VersionEntry>;

const VersionsFile = z.union([
  z.array(VersionEntry),
  z.object({ versions: z.array(VersionEntry) }),
]);
const RulesHead = z.object({ service: z.string(), version: IsoDate, timeZone: z.string() });
const ServicesFile = z.union([
  z.array(z.looseObject({ id: z.string(), names: z.record(z.string(), z.string()).optional() })),
  z.object({
    services: z.array(
      z.looseObject({ id: z.string(), names: z.record(z.string(), z.string()).optional() }),
    ),
  }),
]);

/** What the server knows about one service of the bundle. */
export interface ServiceEntry {
  id: string;
  timeZone: string;
  /** The service's name per language, when the bundle gives it. */
  names: Partial<Record<Lang, string>>;
  /** Versions in the bundle, ordered by `effectiveFrom`. */
  versions: Range[];
}

/** Paths of the bundle files the server reads besides serving them. */
export const bundlePaths = {
  index: '/index.html',
  services: '/api/v1/services.json',
  versions: (service: string) => `/api/v1/services/${service}/versions.json`,
  rules: (service: string, version: string) =>
    `/api/v1/services/${service}/versions/${version}/rules.json`,
  document: (service: string, version: string, file: string) =>
    `/terms/${service}/${version}/${file}`,
};

/**
 * Reads the services, their versions and time zones from a loaded bundle, once at start.
 * Throws when the bundle lacks a file the server needs, so a broken bundle fails at start,
 * not on a request.
 */
export function readCatalog(bundle: Bundle): Map<string, ServiceEntry> {
  const read = (key: string): Uint8Array => {
    const file = bundle.files.get(key);
    if (!file) throw new Error(`not a terms bundle: ${bundle.dir} has no ${key.slice(1)}`);
    return file.body;
  };
  const json = (key: string): unknown => JSON.parse(new TextDecoder().decode(read(key)));
  read(bundlePaths.index);
  const listed = ServicesFile.parse(json(bundlePaths.services));
  const services = Array.isArray(listed) ? listed : listed.services;
  const catalog = new Map<string, ServiceEntry>();
  for (const { id, names = {} } of services) {
    const parsed = VersionsFile.parse(json(bundlePaths.versions(id)));
    const versions = (Array.isArray(parsed) ? parsed : parsed.versions).toSorted(
      (a, b) => compare(a.effectiveFrom, b.effectiveFrom) || compare(a.version, b.version),
    );
    const first = versions[0];
    const timeZone = first
      ? RulesHead.parse(json(bundlePaths.rules(id, first.version))).timeZone
      : 'UTC';
    const localized: Partial<Record<Lang, string>> = {};
    for (const lang of LANGS) if (names[lang]) localized[lang] = names[lang];
    catalog.set(id, { id, timeZone, names: localized, versions });
  }
  return catalog;
}

/** The published version in force on `date`: the greatest `effectiveFrom` ≤ date. */
export function rangeAt(service: ServiceEntry, date: string): Range | undefined {
  let found: Range | undefined;
  for (const range of service.versions)
    if (range.status === 'published' && range.effectiveFrom <= date) found = range;
  return found;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
