import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { bundlePath, documentFile, EDITIONS, relativeLink } from '../../bundle/layout.js';
import { formatDate } from '../../format/date.js';
import { LANGS, type Lang } from '../../model/lang.js';
import type { Service } from '../../model/terms.js';
import { type VersionRange, versionRanges } from '../../model/timeline.js';
import { feedLink, lines, previousDay } from './chrome.js';
import { changesPath, documentPath } from './links.js';
import { type PageExtra, renderPage } from './template.js';
import { date, PAGE_LANG, stacked, T, text, trilingual } from './trilingual.js';

/** Options of a service's page. */
export interface ServicePageOptions {
  /** List draft versions too, marked as drafts. */
  drafts?: boolean;
  /**
   * The date (`YYYY-MM-DD`, in the service's time zone) the page marks the version in force
   * and the upcoming ones by; without it nothing is marked. Pages never read the clock.
   */
  today?: string;
  /** What a caller other than the bundle adds to the page (`terms preview`). */
  extra?: PageExtra;
}

/**
 * A service's page (`terms/<service>/index.html`): its versions newest first with the dates
 * they are in force, links to every edition, its PDF and what changed, the version in force
 * today (through the server's `current`) and the Atom feeds.
 */
export function renderServiceHtml(service: Service, options: ServicePageOptions = {}): string {
  const self = bundlePath('service', { service: service.id });
  const to = (target: string) => relativeLink(self, target);
  const ranges = versionRanges(service, { drafts: options.drafts ?? false }).reverse();
  const inForce = options.today
    ? ranges.find((r) => r.status === 'published' && r.effectiveFrom <= (options.today as string))
    : undefined;
  const hasPrevious = new Set(
    versionRanges(service)
      .slice(1)
      .map((r) => r.version),
  );
  const names = LANGS.flatMap((l, i) => [
    ...(i > 0 ? [text(' · ')] : []),
    h('span', { lang: l }, service.names[l]),
  ]);
  const row = (r: VersionRange) => {
    const marks: ElementContent[] = [];
    if (r.status === 'draft')
      marks.push(text(' '), h('span', ['(', ...trilingual((t) => t('page.draft')), ')']));
    else if (r === inForce)
      marks.push(
        text(' '),
        h('strong.in-force', ['(', ...trilingual((t) => t('service.inForce')), ')']),
      );
    else if (options.today && r.effectiveFrom > options.today)
      marks.push(
        text(' '),
        h('strong.upcoming', ['(', ...trilingual((t) => t('service.upcoming')), ')']),
      );
    const cell = (lang: Lang, parallel: Lang | undefined) => {
      const which = [
        T[lang](`language.${lang}`),
        ...(parallel ? [T[parallel](`language.${parallel}`)] : []),
      ];
      const link = (href: string, label: string, type?: string) =>
        h(
          'a',
          { href, type, ariaLabel: [formatDate(r.version, 'kk'), ...which, label].join(' · ') },
          label,
        );
      const parts: ElementContent[] = [
        link(to(documentPath(service.id, r.version, lang, parallel, 'html')), 'HTML'),
        text(' · '),
        link(
          to(documentPath(service.id, r.version, lang, parallel, 'pdf')),
          'PDF',
          'application/pdf',
        ),
      ];
      if (r.status === 'published' && hasPrevious.has(r.version))
        parts.push(
          text(' · '),
          link(to(changesPath(service.id, r.version, lang, parallel)), T[lang]('changes.link')),
        );
      return h('td', parts);
    };
    return h(
      'tr',
      r === inForce ? { className: ['in-force-row'] } : {},
      lines([
        h('th', { scope: 'row' }, [date(r.version), ...marks]),
        h('td', date(r.effectiveFrom)),
        h('td', r.effectiveTo === null ? '—' : date(previousDay(r.effectiveTo))),
        ...EDITIONS.map((e) => cell(e.lang, e.parallel)),
      ]),
    );
  };
  const columns = [
    stacked((t) => t('index.version')),
    stacked((t) => t('index.effectiveFrom')),
    stacked((t) => t('index.effectiveTo')),
    ...EDITIONS.map((e) =>
      e.parallel
        ? [
            h('span', { lang: e.lang }, T[e.lang](`language.${e.lang}`)),
            ' | ',
            h('span', { lang: e.parallel }, T[e.parallel](`language.${e.parallel}`)),
          ]
        : [h('span', { lang: e.lang }, T[e.lang](`language.${e.lang}`))],
    ),
  ];
  const currentLinks = h(
    'ul',
    lines(
      LANGS.map((l) =>
        h(
          'li',
          h(
            'a',
            { href: `current/${documentFile(l, undefined, 'html')}`, hrefLang: l, lang: l },
            `${T[l]('service.current')} (${T[l](`language.${l}`)})`,
          ),
        ),
      ),
    ),
  );
  const feeds = h(
    'ul',
    lines(
      LANGS.map((l) =>
        h(
          'li',
          h(
            'a',
            {
              href: to(bundlePath('feed', { service: service.id, lang: l })),
              type: 'application/atom+xml',
              lang: l,
            },
            `${T[l]('notice.feed')} (${T[l](`language.${l}`)})`,
          ),
        ),
      ),
    ),
  );
  return renderPage({
    lang: PAGE_LANG,
    title: `${LANGS.map((l) => T[l]('service.title')).join(' · ')} · ${service.names[PAGE_LANG]}`,
    bodyClass: 'wide',
    head: LANGS.map((l) =>
      feedLink(
        to(bundlePath('feed', { service: service.id, lang: l })),
        `${T[l]('notice.feed')} (${T[l](`language.${l}`)})`,
        l,
      ),
    ),
    skip: [text(T[PAGE_LANG]('page.skip'))],
    header: lines([
      h(
        'nav.documents',
        { ariaLabel: T[PAGE_LANG]('page.documents') },
        h(
          'ul',
          h(
            'li',
            h(
              'a',
              { href: to(bundlePath('index')) },
              trilingual((t) => t('actions.index')),
            ),
          ),
        ),
      ),
    ]),
    main: lines([
      h('h1.index-title', names),
      h(
        'section',
        { ariaLabelledBy: 'service_current' },
        lines([
          h(
            'h2#service_current',
            trilingual((t) => t('service.current')),
          ),
          currentLinks,
        ]),
      ),
      // Not a named region itself: the scrolling table below is the region of that name, and
      // two landmarks of one name are one too many (axe landmark-unique).
      h(
        'section',
        lines([
          h(
            'h2#service_versions',
            trilingual((t) => t('service.title')),
          ),
          h('p', [
            ...trilingual((t) => t('service.newestFirst')),
            ...(options.today
              ? [
                  text(' '),
                  ...trilingual((t, l) =>
                    t('service.asOf', { date: formatDate(options.today as string, l) }),
                  ),
                ]
              : []),
          ]),
          h(
            'div.table-scroll',
            { role: 'region', tabIndex: 0, ariaLabelledBy: 'service_versions' },
            h(
              'table.index-table',
              { ariaLabelledBy: 'service_versions' },
              lines([
                h(
                  'thead',
                  lines([h('tr', lines(columns.map((c) => h('th.stack', { scope: 'col' }, c))))]),
                ),
                h('tbody', lines(ranges.map(row))),
              ]),
            ),
          ),
        ]),
      ),
      h(
        'section',
        { ariaLabelledBy: 'service_feeds' },
        lines([
          h(
            'h2#service_feeds',
            trilingual((t) => t('notice.feed')),
          ),
          feeds,
        ]),
      ),
    ]),
    footer: [],
    extra: options.extra,
  });
}
