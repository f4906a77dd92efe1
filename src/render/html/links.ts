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

/** Links out of one document page, relative to its place in the bundle (see `relativeLink`). */
export interface DocumentLinks {
  /** Another edition or format of the same version: `./ru.html`, `./kk-ru.pdf`. */
  edition(lang: Lang, parallel: Lang | undefined, format: 'html' | 'pdf'): string;
  /** The same edition of another version: `../2025-09-10/kk.html`. */
  version(version: string, lang: Lang, parallel: Lang | undefined): string;
  /** The index of all terms: `../../../index.html`. */
  index(): string;
}

/** The links of the page of `service` `version` in `lang` (beside `parallel`). */
export function documentLinks(
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
): DocumentLinks {
  const self = documentPath(service, version, lang, parallel, 'html');
  return {
    edition: (l, p, format) => relativeLink(self, documentPath(service, version, l, p, format)),
    // Through the service folder, so a link reads the same from every version (`../<v>/…`).
    version: (v, l, p) =>
      `../${relativeLink(path.posix.dirname(self), documentPath(service, v, l, p, 'html'))}`,
    index: () => relativeLink(self, bundlePath('index')),
  };
}
