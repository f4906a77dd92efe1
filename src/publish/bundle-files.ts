import { LANGS, type Lang } from '../model/lang.js';
import type { Service, Terms } from '../model/terms.js';
import { findVersion, type VersionRange, versionRanges } from '../model/timeline.js';
import { BILINGUAL_EDITIONS, documentFile } from '../render/html/index.js';
import { clauseNumbers } from '../sla/clause-numbers.js';

/** Where each kind of file lives in the bundle (paths relative to its root). */
export const BUNDLE_PATHS = {
  index: 'index.html',
  sums: 'SHA256SUMS',
  schema: 'schema/rules.v1.json',
  services: 'api/v1/services.json',
  versions: (service: string) => `api/v1/services/${service}/versions.json`,
  rules: (service: string, version: string) =>
    `api/v1/services/${service}/versions/${version}/rules.json`,
  document: (service: string, version: string, file: string) =>
    `terms/${service}/${version}/${file}`,
};

/** The editions of every version: each language alone, then the bilingual pairs. */
export const EDITIONS: readonly { lang: Lang; parallel?: Lang; key: string }[] = [
  ...LANGS.map((lang) => ({ lang, key: lang })),
  ...BILINGUAL_EDITIONS.map(([lang, parallel]) => ({ lang, parallel, key: `${lang}-${parallel}` })),
];

/** Serializes JSON the way every bundle file is: two-space indent, trailing newline. */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * `api/v1/services.json`: every service with its names, time zone and version ranges.
 * Links are relative to this file's URL, so they work from any host path.
 */
export function servicesJson(terms: Terms, drafts: boolean): string {
  return stringifyJson({
    services: [...terms.services]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((s) => ({
        id: s.id,
        names: s.names,
        timeZone: s.timeZone,
        versions: versionRanges(s, { drafts }),
        links: { versions: `services/${s.id}/versions.json` },
      })),
  });
}

/**
 * `api/v1/services/<service>/versions.json`: the versions with their effective ranges and
 * links to each one's rules and documents, relative to this file's URL.
 */
export function versionsJson(service: Service, drafts: boolean): string {
  const toRoot = '../../../../';
  return stringifyJson({
    service: service.id,
    timeZone: service.timeZone,
    versions: versionRanges(service, { drafts }).map((r: VersionRange) => ({
      ...r,
      // The generated clause numbers, so readers of the bundle (the server's SLA evaluation) cite clauses as the text does.
      clauses: Object.fromEntries(clauseNumbers(findVersion(service, r.version))),
      links: {
        rules: `versions/${r.version}/rules.json`,
        documents: Object.fromEntries(
          EDITIONS.map((e) => [
            e.key,
            Object.fromEntries(
              (['html', 'pdf'] as const).map((ext) => [
                ext,
                `${toRoot}${BUNDLE_PATHS.document(service.id, r.version, documentFile(e.lang, e.parallel, ext))}`,
              ]),
            ),
          ]),
        ),
      },
    })),
  });
}
