import type { Element } from 'hast';
import { h } from 'hastscript';
import { bundlePath, documentFile, relativeLink } from '../../bundle/layout.js';
import { LANGS } from '../../model/lang.js';
import type { Service, Terms } from '../../model/terms.js';
import { feedLink, lines } from './chrome.js';
import { type PageExtra, renderPage } from './template.js';
import { PAGE_LANG, T, text, trilingual } from './trilingual.js';

/** Options of the index page. */
export interface IndexOptions {
  /** Kept for callers of the first index; the index lists services, not versions. */
  drafts?: boolean;
  /** What a caller other than the bundle adds to the page (`terms preview`). */
  extra?: PageExtra;
}

const SELF = bundlePath('index');

/**
 * The index of all terms (`index.html` at the bundle root): every service with the version in
 * force today in each language (through the server's `current`), its page of versions and its
 * feeds, and the feeds of the whole site. Its size does not grow with the number of versions.
 */
export function renderIndex(terms: Terms, options: IndexOptions = {}): string {
  const feed = (lang: (typeof LANGS)[number]) =>
    relativeLink(SELF, bundlePath('siteFeed', { lang }));
  return renderPage({
    lang: PAGE_LANG,
    title: LANGS.map((l) => T[l]('index.title')).join(' · '),
    skip: [text(T[PAGE_LANG]('page.skip'))],
    bodyClass: 'wide',
    head: LANGS.map((l) => feedLink(feed(l), T[l]('feed.siteTitle'), l)),
    header: [],
    main: lines([
      h(
        'h1.index-title',
        trilingual((t) => t('index.title')),
      ),
      ...terms.services.map(serviceSection),
      h(
        'section',
        { ariaLabelledBy: 'index_feeds' },
        lines([
          h(
            'h2#index_feeds',
            trilingual((t) => t('notice.feed')),
          ),
          h(
            'ul',
            lines(
              LANGS.map((l) =>
                h(
                  'li',
                  h(
                    'a',
                    { href: feed(l), type: 'application/atom+xml', lang: l },
                    T[l]('feed.siteTitle'),
                  ),
                ),
              ),
            ),
          ),
        ]),
      ),
    ]),
    footer: [],
    extra: options.extra,
  });
}

function serviceSection(service: Service): Element {
  const headingId = `service_${service.id}`;
  const page = bundlePath('service', { service: service.id });
  const dir = page.slice(0, page.lastIndexOf('/'));
  return h(
    'section',
    { ariaLabelledBy: headingId },
    lines([
      h(
        `h2#${headingId}`,
        LANGS.flatMap((l, i) => [
          ...(i > 0 ? [' · '] : []),
          h('span', { lang: l }, service.names[l]),
        ]),
      ),
      h(
        'ul',
        lines([
          ...LANGS.map((l) =>
            h(
              'li',
              h(
                'a',
                {
                  href: `${dir}/current/${documentFile(l, undefined, 'html')}`,
                  hrefLang: l,
                  lang: l,
                },
                `${T[l]('service.current')} (${T[l](`language.${l}`)})`,
              ),
            ),
          ),
          h(
            'li',
            h(
              'a',
              { href: relativeLink(SELF, page) },
              trilingual((t) => t('notice.allVersions')),
            ),
          ),
        ]),
      ),
    ]),
  );
}
