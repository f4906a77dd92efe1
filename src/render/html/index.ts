import type { Lang } from '../../model/lang.js';
import type { Service, Terms, TermsVersion } from '../../model/terms.js';
import { type DocumentOptions, renderDocument } from './document.js';
import { type IndexOptions, renderIndex } from './index-page.js';

export type { DocumentOptions } from './document.js';
export type { IndexOptions } from './index-page.js';
export { documentPath } from './links.js';
export { SANITIZE_SCHEMA } from './pipeline.js';
export { CONTENT_SECURITY_POLICY, type PageExtra, STYLE, STYLE_HASH } from './template.js';

/**
 * One version of a service's terms as a standalone HTML page: in `lang`, or with `parallel`
 * as a bilingual edition (two columns, one row per clause). Links are relative to the bundle
 * layout (`terms/<service>/<version>/<lang>.html`). Same input, same bytes.
 */
export function renderHtml(
  service: Service,
  version: TermsVersion,
  lang: Lang,
  options: DocumentOptions = {},
): string {
  return renderDocument(service, version, lang, options);
}

/**
 * The index page (`index.html` at the bundle root): every service, the version in force in
 * each language (through the server's `current`), its page of versions, and the site's feeds.
 */
export function renderIndexHtml(terms: Terms, options: IndexOptions = {}): string {
  return renderIndex(terms, options);
}

export { renderServiceHtml, type ServicePageOptions } from './service-page.js';
