import { bundlePath, EDITIONS, relativeLink } from '../bundle/layout.js';
import type { Service, Terms } from '../model/terms.js';
import { findVersion, type VersionRange, versionRanges } from '../model/timeline.js';
import { clauseNumbers } from '../sla/clause-numbers.js';

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
        links: {
          versions: relativeLink(bundlePath('services'), bundlePath('versions', { service: s.id })),
        },
      })),
  });
}

/**
 * `api/v1/services/<service>/versions.json`: the versions with their effective ranges and
 * links to each one's rules and documents, relative to this file's URL.
 */
export function versionsJson(service: Service, drafts: boolean): string {
  const self = bundlePath('versions', { service: service.id });
  return stringifyJson({
    service: service.id,
    timeZone: service.timeZone,
    versions: versionRanges(service, { drafts }).map((r: VersionRange) => ({
      ...r,
      // The generated clause numbers, so readers of the bundle (the server's SLA evaluation) cite clauses as the text does.
      clauses: Object.fromEntries(clauseNumbers(findVersion(service, r.version))),
      links: {
        rules: relativeLink(self, bundlePath('rules', { service: service.id, version: r.version })),
        documents: Object.fromEntries(
          EDITIONS.map((e) => [
            e.key,
            Object.fromEntries(
              (['html', 'pdf'] as const).map((ext) => [
                ext,
                relativeLink(
                  self,
                  bundlePath('document', {
                    service: service.id,
                    version: r.version,
                    edition: e.key,
                    format: ext,
                  }),
                ),
              ]),
            ),
          ]),
        ),
      },
    })),
  });
}
