import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { TFunction } from 'i18next';
import { BILINGUAL_EDITIONS, relativeLink } from '../bundle/layout.js';
import { formatDate } from '../format/date.js';
import { labels } from '../i18n.js';
import { LANGS, type Lang } from '../model/lang.js';
import type { Service, TermsVersion } from '../model/terms.js';
import { feedLink, lines } from '../render/html/chrome.js';
import { changesPath, documentPath, pageLinks } from '../render/html/links.js';
import { type PageExtra, renderPage } from '../render/html/template.js';
import { assertEdition } from '../render/resolve.js';
import { describeParameterChanges, type ParameterStatement } from './change-words.js';
import { type ClauseChange, diffVersions, type LanguageDiff, type RedlineSegment } from './diff.js';

/**
 * What changed in `to` against `from`, the previous published version, as a page customers
 * read in `lang` (and `parallel`, for a bilingual edition, one language after the other):
 * first the rules and figures in words ("Guaranteed availability: 99.9% → 99.95%"), then the
 * text clause by clause as a redline; a clause that only got a new number says so. Text from
 * the content enters the tree as text nodes only, so it is always escaped.
 */
export function renderChangesHtml(
  service: Service,
  from: TermsVersion,
  to: TermsVersion,
  lang: Lang,
  parallel?: Lang,
  options: { extra?: PageExtra } = {},
): string {
  assertEdition(lang, parallel);
  const langs = parallel ? [lang, parallel] : [lang];
  const t = labels(lang);
  const self = changesPath(service.id, to.id, lang, parallel);
  const links = pageLinks(self, service.id, to.id);
  const sections = langs.map((l) =>
    languageSection(
      l,
      describeParameterChanges(from, to, l),
      diffVersions(service, from, to, { lang: l }).languages[0],
      {
        service,
        from,
        to,
        self,
        parallel,
        bilingual: parallel !== undefined,
      },
    ),
  );
  const title = langs.map((l) => labels(l)('changes.title', { date: formatDate(to.id, l) }));
  return renderPage({
    lang,
    title: `${title.join(' / ')} · ${service.names[lang]}`,
    head: [feedLink(links.feed(lang), t('notice.feed'))],
    skip: [{ type: 'text', value: t('page.skip') }],
    header: lines([
      editionsNav(t, service.id, to.id, lang, parallel),
      backNav(t, links, to.id, lang, parallel),
    ]),
    main: lines(sections),
    footer: [],
    extra: options.extra,
  });
}

interface PageFacts {
  service: Service;
  from: TermsVersion;
  to: TermsVersion;
  self: string;
  parallel: Lang | undefined;
  bilingual: boolean;
}

function languageSection(
  lang: Lang,
  statements: ParameterStatement[],
  text: LanguageDiff | undefined,
  facts: PageFacts,
): Element {
  const t = labels(lang);
  const { service, from, to, self } = facts;
  const versionLink = (v: TermsVersion) =>
    h(
      'a',
      { href: relativeLink(self, documentPath(service.id, v.id, lang, undefined, 'html')) },
      t('title.version', { date: formatDate(v.id, lang) }),
    );
  const suffix = facts.bilingual ? `_${lang}` : '';
  return h(
    'article',
    { lang, ariaLabelledBy: `changes_title${suffix}` },
    lines([
      h(`h1#changes_title${suffix}`, t('changes.title', { date: formatDate(to.id, lang) })),
      h('p', [
        h('strong', service.names[lang]),
        ' · ',
        versionLink(to),
        ' · ',
        t('title.effective', { date: formatDate(to.effectiveFrom, lang) }),
      ]),
      h('p', [t('changes.compared', { date: formatDate(from.id, lang) }), ' ', versionLink(from)]),
      h(`h2#changes_parameters${suffix}`, t('changes.parameters')),
      statements.length > 0
        ? parametersTable(t, statements, suffix)
        : h('p', t('changes.noParameters')),
      h(`h2#changes_text${suffix}`, t('changes.text')),
      ...textChanges(t, text),
    ]),
  );
}

function parametersTable(t: TFunction, statements: ParameterStatement[], suffix: string): Element {
  const cell = (items: string[]) =>
    h(
      'td',
      items.length === 0
        ? t('changes.none')
        : items.length === 1
          ? items[0]
          : h(
              'ul',
              items.map((i) => h('li', i)),
            ),
    );
  return h(
    'div.table-scroll',
    { role: 'region', tabIndex: 0, ariaLabelledBy: `changes_parameters${suffix}` },
    h(
      'table',
      lines([
        h(
          'thead',
          h('tr', [
            h('th', { scope: 'col' }, t('changes.parameters')),
            h('th', { scope: 'col' }, t('changes.before')),
            h('th', { scope: 'col' }, t('changes.after')),
          ]),
        ),
        h(
          'tbody',
          lines(
            statements.map((s) =>
              h('tr', [h('th', { scope: 'row' }, s.label), cell(s.from), cell(s.to)]),
            ),
          ),
        ),
      ]),
    ),
  );
}

function textChanges(t: TFunction, text: LanguageDiff | undefined): ElementContent[] {
  if (!text) return [h('p', t('changes.noText'))];
  const items: Element[] = [];
  if (text.title) items.push(item(t('changes.titleChanged'), [], text.title.redline));
  if (text.preamble) items.push(item(t('changes.preambleChanged'), [], text.preamble.redline));
  for (const c of text.clauses) items.push(clauseItem(t, c));
  return [h('p', t('changes.legend')), h('ol.changes-list', lines(items))];
}

function clauseItem(t: TFunction, c: ClauseChange): Element {
  if (c.type === 'added')
    return item(c.to.number, [t('changes.added')], [{ type: 'added', text: c.to.text }]);
  if (c.type === 'removed')
    return item(c.from.number, [t('changes.removed')], [{ type: 'removed', text: c.from.text }]);
  const notes = [
    ...(c.renumbered ? [t('changes.renumbered', { from: c.from.number, to: c.to.number })] : []),
    ...(c.moved ? [t('changes.moved')] : []),
    ...(c.textChanged ? [t('changes.changed')] : []),
  ];
  const number = c.renumbered
    ? c.to.number
    : c.from.number === c.to.number
      ? c.to.number
      : `${c.from.number} → ${c.to.number}`;
  return item(number, notes, c.textChanged ? c.redline : undefined);
}

function item(
  head: string,
  notes: string[],
  redline: readonly RedlineSegment[] | undefined,
): Element {
  return h(
    'li',
    lines([
      h('h3', [
        head,
        ...(notes.length > 0 ? [' ', h('span.change-note', `(${notes.join(', ')})`)] : []),
      ]),
      ...(redline ? [redlineElement(redline)] : []),
    ]),
  );
}

/** A redline as a paragraph: deleted words in `<del>`, added ones in `<ins>`, the rest as they are. */
export function redlineElement(segments: readonly RedlineSegment[]): Element {
  return h(
    'p.redline',
    segments.map((s) =>
      s.type === 'equal' ? s.text : h(s.type === 'added' ? 'ins' : 'del', s.text),
    ),
  );
}

/** The same changes in the other editions. */
function editionsNav(
  t: TFunction,
  service: string,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
): Element {
  const self = changesPath(service, version, lang, parallel);
  const entry = (l: Lang, p: Lang | undefined) => {
    const current = l === lang && p === parallel;
    const name = p
      ? [
          `${t('bilingual')}: `,
          h('span', { lang: l }, t(`language.${l}`)),
          ' | ',
          h('span', { lang: p }, t(`language.${p}`)),
        ]
      : [t(`language.${l}`)];
    return h(
      'li',
      h(
        'a',
        {
          href: relativeLink(self, changesPath(service, version, l, p)),
          hrefLang: p ? undefined : l,
          lang: p ? undefined : l,
          ariaCurrent: current ? 'page' : undefined,
        },
        name,
      ),
    );
  };
  const items = [
    ...LANGS.map((l) => entry(l, undefined)),
    ...BILINGUAL_EDITIONS.map(([l, p]) => entry(l, p)),
  ];
  return h('nav.languages', { ariaLabel: t('page.languages') }, h('ul', lines(items)));
}

/** Back to the version itself, the list of versions and the index. */
function backNav(
  t: TFunction,
  links: ReturnType<typeof pageLinks>,
  version: string,
  lang: Lang,
  parallel: Lang | undefined,
): Element {
  return h(
    'nav.documents',
    { ariaLabel: t('page.documents') },
    h(
      'ul',
      lines([
        h(
          'li',
          h(
            'a',
            { href: links.edition(lang, parallel, 'html') },
            t('title.version', { date: formatDate(version, lang) }),
          ),
        ),
        h('li', h('a', { href: links.service() }, t('notice.allVersions'))),
        h('li', h('a', { href: links.index() }, t('actions.index'))),
      ]),
    ),
  );
}
