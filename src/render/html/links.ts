import path from 'node:path';
import { bundlePath, editionKey, relativeLink } from '../../bundle/layout.js';
import type { Lang } from '../../model/lang.js';

/** The bundle path of a document: `terms/<service>/<version>/<edition>.<format>`. */
export function documentPath(
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
  format: 'html' | 'pdf',
): string {
  return bundlePath('document', { service, version, edition: editionKey(lang, parallel), format });
}

/** The bundle path of a changes page: `terms/<service>/<version>/changes/<edition>.html`. */
export function changesPath(
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
): string {
  return bundlePath('changes', { service, version, edition: editionKey(lang, parallel) });
}

/** Links out of one page of a service, relative to its place in the bundle (see `relativeLink`). */
export interface PageLinks {
  /** An edition or format of this version: `./ru.html`, `./kk-ru.pdf`. */
  edition(lang: Lang, parallel: Lang | undefined, format: 'html' | 'pdf'): string;
  /** An edition of another version: `../2025-09-10/kk.html`. */
  version(version: string, lang: Lang, parallel: Lang | undefined): string;
  /** What changed in a version against the previous published one. */
  changes(version: string, lang: Lang, parallel: Lang | undefined): string;
  /** The page listing the service's versions. */
  service(): string;
  /** The service's Atom feed in a language. */
  feed(lang: Lang): string;
  /** The index of all terms: `../../../index.html`. */
  index(): string;
}

/** The links of a page at bundle path `self` that belongs to `service` (and version `version`). */
export function pageLinks(self: string, service: string, version: string): PageLinks {
  const to = (target: string) => relativeLink(self, target);
  // Through the service folder, so a link reads the same from every version (`../<v>/…`).
  const viaService = (target: string) => `../${relativeLink(path.posix.dirname(self), target)}`;
  const inVersionFolder = path.posix.dirname(self).split('/').length === 3;
  return {
    edition: (l, p, format) => to(documentPath(service, version, l, p, format)),
    version: (v, l, p) => {
      const target = documentPath(service, v, l, p, 'html');
      return inVersionFolder ? viaService(target) : to(target);
    },
    changes: (v, l, p) => to(changesPath(service, v, l, p)),
    service: () => to(bundlePath('service', { service })),
    feed: (lang) => to(bundlePath('feed', { service, lang })),
    index: () => to(bundlePath('index')),
  };
}

/** The links of the document page of `service` `version` in `lang` (beside `parallel`). */
export function documentLinks(
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
): PageLinks {
  return pageLinks(documentPath(service, version, lang, parallel, 'html'), service, version);
}
