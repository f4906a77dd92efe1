import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { TFunction } from 'i18next';
import { toString as plainText } from 'mdast-util-to-string';
import { BILINGUAL_EDITIONS } from '../../bundle/layout.js';
import { formatDate } from '../../format/date.js';
import { LANGS, type Lang } from '../../model/lang.js';
import type { VersionRange } from '../../model/timeline.js';
import { flattenResolved, type ResolvedClause, type ResolvedDocument } from '../resolve.js';
import type { PageLinks } from './links.js';

/** One language of a page: its resolved document and its labels. */
export interface View {
  doc: ResolvedDocument;
  t: TFunction;
}

/** Which document a page shows, for marking it in the navigation. */
export interface Current {
  lang: Lang;
  parallel: Lang | undefined;
  /** The version the page shows. */
  version: string;
  /** Links relative to this page. */
  links: PageLinks;
}

// Ids made here contain "_" (terms_toc), which clause ids never do: no anchor can collide.
const NL: ElementContent = { type: 'text', value: '\n' };

/** Children separated by line breaks, so the HTML source reads one element a line. */
export function lines(children: ElementContent[]): ElementContent[] {
  return children.flatMap((c, i) => (i === 0 ? [NL, c, NL] : [c, NL]));
}

/** The title block as the printed terms open: title, service, version, effective date. */
export function titleBlock({ doc }: View): Element {
  const { heading } = doc;
  return h(
    'header.title-block',
    lines([
      h('h1', heading.title),
      h('p.service', heading.service),
      h('p.version', heading.version),
      h('p.effective', heading.effective),
    ]),
  );
}

/** The "not in force" banner of a draft, or nothing for a published version. */
export function draftBanner(views: View[]): Element | undefined {
  const texts = views.flatMap(({ doc }) => (doc.heading.draft ? [doc] : []));
  if (texts.length === 0) return undefined;
  return h(
    'p.draft-banner',
    texts.flatMap((doc, i) => [
      ...(i > 0 ? [' / '] : []),
      h('span', { lang: doc.lang }, doc.heading.draft),
    ]),
  );
}

/** The table of contents: sections and titled clauses, linked to their anchors. */
export function tableOfContents(left: View, right?: View): Element {
  const titles = new Map(
    right
      ? flattenResolved(right.doc.clauses).map((c) => [
          c.id,
          plainText({ type: 'paragraph', children: c.title }),
        ])
      : [],
  );
  const entries = (clauses: ResolvedClause[]): Element | undefined => {
    const listed = clauses.filter((c) => c.depth === 1 || c.title.length > 0);
    if (listed.length === 0) return undefined;
    return h(
      'ol',
      lines(
        listed.map((c) => {
          const other = titles.get(c.id);
          const nested = entries(c.children);
          return h('li', [
            h('a', { href: `#${c.id}` }, [
              `${c.label} ${plainText({ type: 'paragraph', children: c.title })}`,
              ...(right && other ? [' / ', h('span', { lang: right.doc.lang }, other)] : []),
            ]),
            ...(nested ? [nested] : []),
          ]);
        }),
      ),
    );
  };
  const list = entries(left.doc.clauses);
  return h(
    'nav.toc',
    { ariaLabelledBy: 'terms_toc' },
    lines([h('h2#terms_toc', left.t('contents')), ...(list ? [list] : [])]),
  );
}

/** The language switcher: the same version in every language and the bilingual editions. */
export function languageNav(t: TFunction, current: Current): Element {
  const items = LANGS.map((lang) =>
    h(
      'li',
      h(
        'a',
        {
          href: current.links.edition(lang, undefined, 'html'),
          hrefLang: lang,
          lang,
          ariaCurrent: !current.parallel && current.lang === lang ? 'page' : undefined,
        },
        t(`language.${lang}`),
      ),
    ),
  );
  const pairs = BILINGUAL_EDITIONS.some(([l, r]) => l === current.lang && r === current.parallel)
    ? BILINGUAL_EDITIONS
    : current.parallel
      ? [...BILINGUAL_EDITIONS, [current.lang, current.parallel] as const]
      : BILINGUAL_EDITIONS;
  for (const [l, r] of pairs)
    items.push(
      h(
        'li',
        h(
          'a',
          {
            href: current.links.edition(l, r, 'html'),
            ariaCurrent: current.lang === l && current.parallel === r ? 'page' : undefined,
          },
          [
            `${t('bilingual')}: `,
            h('span', { lang: l }, t(`language.${l}`)),
            ' | ',
            h('span', { lang: r }, t(`language.${r}`)),
          ],
        ),
      ),
    );
  return h('nav.languages', { ariaLabel: t('page.languages') }, h('ul', lines(items)));
}

/** Links out of the document: the index of all terms and this document's PDF. */
export function documentsNav(t: TFunction, current: Current): Element {
  return h(
    'nav.documents',
    { ariaLabel: t('page.documents') },
    h(
      'ul',
      lines([
        h('li', h('a', { href: current.links.index() }, t('actions.index'))),
        h(
          'li',
          h(
            'a',
            {
              href: current.links.edition(current.lang, current.parallel, 'pdf'),
              type: 'application/pdf',
            },
            t('actions.downloadPdf'),
          ),
        ),
      ]),
    ),
  );
}

/** The published versions before and after a version, as a page names them. */
export interface Neighbours {
  previous: { version: string; effectiveFrom: string } | undefined;
  next: { version: string; effectiveFrom: string } | undefined;
}

/**
 * What a reader must know about where this version stands, as facts known at build: the
 * version it replaced (with what changed) and, once there is one, the version that replaces it
 * and from when. Nothing for the first version with no successor.
 */
export function statusNotice(
  t: TFunction,
  current: Current,
  around: Neighbours,
): Element | undefined {
  const { lang, parallel, links } = current;
  const versionLink = (version: string) =>
    h(
      'a',
      { href: links.version(version, lang, parallel) },
      t('title.version', { date: formatDate(version, lang) }),
    );
  const items: Element[] = [];
  if (around.next)
    items.push(
      h('p.notice-next', [
        `${t('notice.replacedBy', { from: formatDate(around.next.effectiveFrom, lang) })} `,
        versionLink(around.next.version),
      ]),
    );
  if (around.previous)
    items.push(
      h('p.notice-previous', [
        `${t('notice.replaces', { date: formatDate(around.previous.version, lang) })} `,
        versionLink(around.previous.version),
        ' · ',
        h('a', { href: links.changes(current.version, lang, parallel) }, t('changes.link')),
      ]),
    );
  if (items.length === 0) return undefined;
  return h('aside.status-notice', { ariaLabel: t('notice.allVersions') }, lines(items));
}

/** Links to the previous and next versions, the list of all versions and the feed. */
export function versionsNav(t: TFunction, current: Current, around: Neighbours): Element {
  const { lang, parallel, links } = current;
  const items: Element[] = [];
  if (around.previous)
    items.push(
      h('li', [
        h('a', { href: links.version(around.previous.version, lang, parallel), rel: 'prev' }, [
          `← ${t('notice.previous')}: `,
          t('title.version', { date: formatDate(around.previous.version, lang) }),
        ]),
      ]),
    );
  if (around.next)
    items.push(
      h('li', [
        h('a', { href: links.version(around.next.version, lang, parallel), rel: 'next' }, [
          `${t('notice.next')}: `,
          t('title.version', { date: formatDate(around.next.version, lang) }),
          ' →',
        ]),
      ]),
    );
  items.push(h('li', h('a', { href: links.service() }, t('notice.allVersions'))));
  items.push(
    h('li', h('a', { href: links.feed(lang), type: 'application/atom+xml' }, t('notice.feed'))),
  );
  return h('nav.versions', { ariaLabel: t('actions.versions') }, h('ul', lines(items)));
}

/** "from 10.09.2025" or "10.09.2025 to 31.12.2025" (the last day in force, inclusive); drafts say so. */
export function effectiveRange(range: VersionRange, lang: Lang, t: TFunction): string {
  if (range.status === 'draft') return t('page.draft');
  const from = formatDate(range.effectiveFrom, lang);
  return range.effectiveTo === null
    ? t('page.range.open', { from })
    : t('page.range.closed', { from, to: formatDate(previousDay(range.effectiveTo), lang) });
}

/** The calendar day before `date` (both `YYYY-MM-DD`); pure date arithmetic, no clock. */
export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The `<link rel="alternate">` that lets a browser or reader find an Atom feed from a page. */
export function feedLink(href: string, title: string, hrefLang?: Lang): Element {
  return h('link', { rel: 'alternate', type: 'application/atom+xml', hrefLang, href, title });
}
