import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { labels } from '../../i18n.js';
import { LANGS, type Lang } from '../../model/lang.js';
import type { Service, TermsVersion } from '../../model/terms.js';
import { neighboursOf } from '../../model/timeline.js';
import { alignClauses, assertEdition, resolveDocument } from '../resolve.js';
import {
  type Current,
  documentsNav,
  draftBanner,
  feedLink,
  languageNav,
  lines,
  statusNotice,
  tableOfContents,
  titleBlock,
  type View,
  versionsNav,
} from './chrome.js';
import { clausesTree, parallelTree, preambleTree } from './content.js';
import { documentLinks } from './links.js';
import { toSafeHast } from './pipeline.js';
import { type PageExtra, renderPage } from './template.js';

/** Options of a document page. */
export interface DocumentOptions {
  /** Print this second language beside the first, clause by clause. */
  parallel?: Lang;
  /** What a caller other than the bundle adds to the page (`terms preview`). */
  extra?: PageExtra;
}

/** One version of the terms as a complete HTML page, in one language or two side by side. */
export function renderDocument(
  service: Service,
  version: TermsVersion,
  lang: Lang,
  options: DocumentOptions = {},
): string {
  const { parallel } = options;
  assertEdition(lang, parallel);
  const left = view(service, version, lang);
  const right = parallel ? view(service, version, parallel) : undefined;
  const links = documentLinks(service.id, version.id, lang, parallel);
  const current: Current = { lang, parallel, version: version.id, links };
  const t = left.t;
  const around = neighboursOf(service, version);
  const notice = statusNotice(t, current, around);
  const banner = draftBanner(right ? [left, right] : [left]);
  const main = right
    ? [
        ...(banner ? [banner] : []),
        h(
          'div.parallel',
          h(
            'div.row.title-row',
            lines([cell(left, [titleBlock(left)]), cell(right, [titleBlock(right)])]),
          ),
        ),
        ...(notice ? [notice] : []),
        tableOfContents(left, right),
        h(
          'div.parallel.terms',
          framed(
            toSafeHast(
              parallelTree(left, right, alignClauses(left.doc, right.doc)),
              `${left.doc.file} | ${right.doc.file}`,
            ),
          ),
        ),
      ]
    : [
        ...(banner ? [banner] : []),
        titleBlock(left),
        ...(notice ? [notice] : []),
        tableOfContents(left),
        ...(left.doc.preamble.length > 0
          ? [h('div.preamble', framed(toSafeHast(preambleTree(left.doc, t), left.doc.file)))]
          : []),
        h('div.terms', framed(toSafeHast(clausesTree(left.doc, t), left.doc.file))),
      ];
  return renderPage({
    lang,
    title: [
      right ? `${left.doc.heading.title} / ${right.doc.heading.title}` : left.doc.heading.title,
      left.doc.service.name,
      left.doc.heading.version,
    ].join(' · '),
    bodyClass: right ? 'wide' : undefined,
    head: [
      ...(right
        ? []
        : LANGS.map((l) =>
            h('link', {
              rel: 'alternate',
              hrefLang: l,
              href: links.edition(l, undefined, 'html'),
            }),
          )),
      feedLink(links.feed(lang), t('notice.feed')),
    ],
    skip: [{ type: 'text', value: t('page.skip') }],
    header: lines([languageNav(t, current), documentsNav(t, current)]),
    main: lines(main),
    footer: lines([versionsNav(t, current, around), h('p', left.doc.footer)]),
    extra: options.extra,
  });
}

function view(service: Service, version: TermsVersion, lang: Lang): View {
  return { doc: resolveDocument(service, version, lang), t: labels(lang) };
}

function cell(v: View, children: ElementContent[]): Element {
  return h('div.cell', { lang: v.doc.lang }, lines(children));
}

/** Sanitized content already has a line break between its blocks; frame it with two more. */
function framed(children: ElementContent[]): ElementContent[] {
  return [{ type: 'text', value: '\n' }, ...children, { type: 'text', value: '\n' }];
}
