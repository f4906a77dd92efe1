import { isLang } from '../model/lang.js';
import type { ServiceEntry } from './catalog.js';
import type { ProblemSpec } from './problem.js';

/** A document file name: `kk.html`, `ru.pdf`, `kk-ru.pdf`. */
export const DOCUMENT = /^(?<langs>[a-z]{2}(?:-[a-z]{2})?)\.(?<ext>html|pdf)$/;

/** Nothing of the bundle at this path. */
export function notFound(path: string): ProblemSpec {
  return { status: 404, kind: 'not-found', detail: `nothing is published at ${path}` };
}

/** A service the bundle does not have. */
export function unknownService(
  id: string,
  catalog: ReadonlyMap<string, ServiceEntry>,
): ProblemSpec {
  return {
    status: 404,
    kind: 'unknown-service',
    field: 'service',
    detail: `unknown service "${id}" (known: ${[...catalog.keys()].join(', ') || 'none'})`,
  };
}

/** A version the bundle does not have. */
export function unknownVersion(service: ServiceEntry, version: string): ProblemSpec {
  return {
    status: 404,
    kind: 'unknown-version',
    field: 'version',
    detail: `unknown version "${version}" of service "${service.id}" (known: ${service.versions.map((v) => v.version).join(', ')})`,
  };
}

/** A document name that is not a language, or a document the version lacks. */
export function unknownDocument(file: string): ProblemSpec {
  const badLang = DOCUMENT.exec(file)
    ?.groups?.langs?.split('-')
    .find((l) => !isLang(l));
  if (badLang !== undefined)
    return {
      status: 404,
      kind: 'unknown-language',
      field: 'lang',
      detail: `unknown language "${badLang}" in "${file}": expected kk, ru or en`,
    };
  return {
    status: 404,
    kind: 'unknown-document',
    detail: DOCUMENT.test(file)
      ? `no document "${file}" is published for this version`
      : `unknown document "${file}": expected <lang>.html or <lang>.pdf (lang kk, ru or en, or a pair like kk-ru)`,
  };
}

/** A date before the first published version takes effect. */
export function noVersionInForce(service: ServiceEntry, date: string, field: string): ProblemSpec {
  const first = service.versions.find((v) => v.status === 'published');
  return {
    status: 404,
    kind: 'no-version-in-force',
    field,
    detail: first
      ? `no version of "${service.id}" is in force on ${date}: the first takes effect on ${first.effectiveFrom}`
      : `service "${service.id}" has no published version`,
  };
}
