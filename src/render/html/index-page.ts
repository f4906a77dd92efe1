import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { BILINGUAL_EDITIONS } from '../../bundle/layout.js';
import { formatDate } from '../../format/date.js';
import { labels } from '../../i18n.js';
import { LANGS, type Lang } from '../../model/lang.js';
import type { Service, Terms } from '../../model/terms.js';
import { type VersionRange, versionAt, versionRanges } from '../../model/timeline.js';
import { lines, previousDay } from './chrome.js';
import { documentPath } from './links.js';
import { renderPage } from './template.js';

/** Options of the index page. */
export interface IndexOptions {
  /** List draft versions too (marked as drafts). */
  drafts?: boolean;
  /** Mark the version in force on this date `YYYY-MM-DD`; without it nothing is marked (no clock). */
  today?: string;
}

// The index serves readers of every language at once: its labels are given in all three,
// each marked with its language; the page itself is Kazakh, the state language.
const PAGE_LANG: Lang = 'kk';
const T = Object.fromEntries(LANGS.map((l) => [l, labels(l)])) as Record<
  Lang,
  ReturnType<typeof labels>
>;

/** The index of all terms: every service, its versions, and links to each document. */
export function renderIndex(terms: Terms, options: IndexOptions = {}): string {
  const services = terms.services.map((s) => serviceSection(s, options));
  return renderPage({
    lang: PAGE_LANG,
    title: LANGS.map((l) => T[l]('index.title')).join(' · '),
    skip: [{ type: 'text', value: T[PAGE_LANG]('page.skip') }],
    bodyClass: 'wide',
    header: [],
    main: lines([
      h(
        'h1.index-title',
        trilingual((t) => t('index.title')),
      ),
      ...services,
    ]),
    footer: [],
  });
}

function serviceSection(service: Service, options: IndexOptions): Element {
  const headingId = `service_${service.id}`;
  const inForce = options.today ? versionAt(service, options.today)?.id : undefined;
  const ranges = versionRanges(service, { drafts: options.drafts ?? false });
  const columns = [
    stacked((t) => t('index.version')),
    stacked((t) => t('index.effectiveFrom')),
    stacked((t) => t('index.effectiveTo')),
    ...LANGS.map((l) => h('span', { lang: l }, T[l](`language.${l}`))),
    ...BILINGUAL_EDITIONS.map(([l, r]) => [
      h('span', { lang: l }, T[l](`language.${l}`)),
      ' | ',
      h('span', { lang: r }, T[r](`language.${r}`)),
    ]),
  ];
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
      // A wide table scrolls on a narrow screen; the region takes focus so keyboards can scroll it.
      h(
        'div.table-scroll',
        { role: 'region', tabIndex: 0, ariaLabelledBy: headingId },
        h(
          'table.index-table',
          { ariaLabelledBy: headingId },
          lines([
            h(
              'thead',
              lines([h('tr', lines(columns.map((c) => h('th.stack', { scope: 'col' }, c))))]),
            ),
            h('tbody', lines(ranges.map((r) => versionRow(service, r, r.version === inForce)))),
          ]),
        ),
      ),
    ]),
  );
}

function versionRow(service: Service, range: VersionRange, inForce: boolean): Element {
  // "HTML" and "PDF" repeat in every cell: the accessible name says which document each opens.
  const links = (lang: Lang, parallel: Lang | undefined) => {
    const which = [formatDate(range.version, 'kk'), T[lang](`language.${lang}`)];
    if (parallel) which.push(T[parallel](`language.${parallel}`));
    const link = (ext: 'html' | 'pdf') =>
      h(
        'a',
        {
          href: documentPath(service.id, range.version, lang, parallel, ext),
          type: ext === 'pdf' ? 'application/pdf' : undefined,
          ariaLabel: [...which, ext.toUpperCase()].join(' · '),
        },
        ext.toUpperCase(),
      );
    return h('td', [link('html'), ' · ', link('pdf')]);
  };
  const marks: ElementContent[] = [];
  if (range.status === 'draft')
    marks.push(text(' '), h('span', ['(', ...trilingual((t) => t('page.draft')), ')']));
  if (inForce)
    marks.push(
      text(' '),
      h('strong.in-force', ['(', ...trilingual((t) => t('actions.current')), ')']),
    );
  return h(
    'tr',
    inForce ? { className: ['in-force-row'] } : {},
    lines([
      h('th', { scope: 'row' }, [date(range.version), ...marks]),
      h('td', date(range.effectiveFrom)),
      h('td', range.effectiveTo === null ? '—' : date(previousDay(range.effectiveTo))),
      ...LANGS.map((l) => links(l, undefined)),
      ...BILINGUAL_EDITIONS.map(([l, r]) => links(l, r)),
    ]),
  );
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** A date as kk and ru write it (`10.09.2025`), machine-readable in `datetime`. */
function date(iso: string): Element {
  return h('time', { dateTime: iso }, formatDate(iso, 'kk'));
}

/** One label in the three languages, one a line (`.stack` in the stylesheet). */
function stacked(label: (t: ReturnType<typeof labels>) => string): ElementContent[] {
  return LANGS.flatMap((l, i) => [
    ...(i > 0 ? [text(' ')] : []),
    h('span', { lang: l }, label(T[l])),
  ]);
}

/** One label in the three languages: `Нұсқа · Редакция · Version`, each marked with its `lang`. */
function trilingual(label: (t: ReturnType<typeof labels>) => string): ElementContent[] {
  return LANGS.flatMap((l, i) => [
    ...(i > 0 ? [{ type: 'text' as const, value: ' · ' }] : []),
    h('span', { lang: l }, label(T[l])),
  ]);
}
