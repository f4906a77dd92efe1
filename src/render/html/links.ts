import type { Lang } from '../../model/lang.js';

/** The bilingual editions the bundle publishes for every version (left language first). */
export const BILINGUAL_EDITIONS: readonly (readonly [Lang, Lang])[] = [['kk', 'ru']];

/** The file of a document in its version folder: `kk.html`, `kk-ru.pdf`. */
export function documentFile(lang: Lang, parallel: Lang | undefined, ext: 'html' | 'pdf'): string {
  return `${parallel ? `${lang}-${parallel}` : lang}.${ext}`;
}

/** A document's path inside the bundle: `terms/<service>/<version>/<file>`. */
export function documentPath(
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
  ext: 'html' | 'pdf',
): string {
  return `terms/${service}/${version}/${documentFile(lang, parallel, ext)}`;
}

/**
 * Links from a document page, relative so the bundle works from any host path:
 * same version `./ru.html`, another version `../2025-09-10/kk.html`, the index `../../../index.html`.
 */
export const fromDocument = {
  sibling: (lang: Lang, parallel: Lang | undefined, ext: 'html' | 'pdf') =>
    `./${documentFile(lang, parallel, ext)}`,
  version: (version: string, lang: Lang, parallel: Lang | undefined) =>
    `../${version}/${documentFile(lang, parallel, 'html')}`,
  index: () => '../../../index.html',
};
