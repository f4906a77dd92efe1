import { v5 as uuidv5 } from 'uuid';
import type { Element } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import { bundlePath, EDITIONS, relativeLink } from '../bundle/layout.js';
import { formatDate } from '../format/date.js';
import { labels } from '../i18n.js';
import type { Lang } from '../model/lang.js';
import type { Service, Terms, TermsVersion } from '../model/terms.js';
import { findVersion, neighboursOf } from '../model/timeline.js';
import { rfc3339In, startOfDay } from '../model/zoned.js';
import { changesPath, documentPath } from '../render/html/links.js';
import { describeParameterChanges } from './change-words.js';

/** The namespace of every feed and entry id (a UUID v5 of `terms-engine:feeds`, fixed forever). */
const ID_NAMESPACE = uuidv5('terms-engine:feeds', uuidv5.URL);
const ATOM = 'http://www.w3.org/2005/Atom';

/** What a feed lists: published versions (and drafts, marked, when the bundle has them). */
export interface FeedOptions {
  drafts?: boolean;
}

/**
 * The Atom feed (RFC 4287) of one service in one language: an entry per version, newest first,
 * with an id that never changes, links to each edition's HTML, PDF and what changed, and the
 * rule changes in words. Dates come from the versions, never from the clock: same terms, same bytes.
 */
export function renderServiceFeed(service: Service, lang: Lang, options: FeedOptions = {}): string {
  const self = bundlePath('feed', { service: service.id, lang });
  const t = labels(lang);
  return feed({
    self,
    lang,
    id: idOf(`feed/${service.id}/${lang}`),
    title: t('feed.title', { service: service.names[lang] }),
    alternate: relativeLink(self, bundlePath('service', { service: service.id })),
    entries: listed(service, options).map((v) => entry(service, v, lang, self)),
  });
}

/** The Atom feed of every service's versions in one language, newest first. */
export function renderSiteFeed(terms: Terms, lang: Lang, options: FeedOptions = {}): string {
  const self = bundlePath('siteFeed', { lang });
  const entries = terms.services
    .flatMap((s) => listed(s, options).map((v) => ({ s, v })))
    .sort((a, b) => compare(b.v.id, a.v.id) || compare(a.s.id, b.s.id))
    .map(({ s, v }) => entry(s, v, lang, self));
  return feed({
    self,
    lang,
    id: idOf(`feed/${lang}`),
    title: labels(lang)('feed.siteTitle'),
    alternate: relativeLink(self, bundlePath('index')),
    entries,
  });
}

interface FeedParts {
  self: string;
  lang: Lang;
  id: string;
  title: string;
  alternate: string;
  entries: { updated: string; element: Element }[];
}

function feed(parts: FeedParts): string {
  // The newest entry's date (compared as instants: services may be in other time zones);
  // a feed with no entry yet is dated at the epoch (no clock).
  const newest = parts.entries.reduce<string | undefined>(
    (best, e) =>
      best === undefined || Date.parse(e.updated) > Date.parse(best) ? e.updated : best,
    undefined,
  );
  const updated = newest ?? EPOCH;
  const tree = x(
    'feed',
    { xmlns: ATOM, 'xml:lang': parts.lang },
    indented([
      x('id', parts.id),
      x('title', parts.title),
      x('updated', updated),
      x('link', {
        rel: 'self',
        type: 'application/atom+xml',
        href: relativeLink(parts.self, parts.self),
      }),
      x('link', { rel: 'alternate', type: 'text/html', href: parts.alternate }),
      x('generator', 'terms-engine'),
      ...parts.entries.map((e) => e.element),
    ]),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${toXml(tree, { closeEmptyElements: true })}\n`;
}

const EPOCH = '1970-01-01T00:00:00Z';

function listed(service: Service, options: FeedOptions): TermsVersion[] {
  const all = service.versions.filter((v) => options.drafts || v.status === 'published');
  return all.sort((a, b) => compare(b.id, a.id));
}

function entry(
  service: Service,
  version: TermsVersion,
  lang: Lang,
  self: string,
): { updated: string; element: Element } {
  const t = labels(lang);
  const link = (target: string) => relativeLink(self, target);
  const date = rfc3339In(startOfDay(version.id, service.timeZone), service.timeZone);
  const { previous } = neighboursOf(service, version);
  const draft = version.status === 'draft' ? ` — ${t('title.draft')}` : '';
  const links: Element[] = [];
  for (const e of EDITIONS) {
    const html = link(documentPath(service.id, version.id, e.lang, e.parallel, 'html'));
    const pdf = link(documentPath(service.id, version.id, e.lang, e.parallel, 'pdf'));
    // One alternate per language (RFC 4287 4.2.7.2); the bilingual edition is related content.
    links.push(
      e.parallel
        ? x('link', { rel: 'related', type: 'text/html', href: html, title: e.key })
        : x('link', { rel: 'alternate', type: 'text/html', hreflang: e.lang, href: html }),
      x('link', { rel: 'enclosure', type: 'application/pdf', href: pdf, title: e.key }),
    );
    if (previous)
      links.push(
        x('link', {
          rel: 'related',
          type: 'text/html',
          href: link(changesPath(service.id, version.id, e.lang, e.parallel)),
          title: `${t('changes.link')} (${e.key})`,
        }),
      );
  }
  const element = x(
    'entry',
    indented(
      [
        x('id', idOf(`entry/${service.id}/${version.id}/${lang}`)),
        x(
          'title',
          `${t('feed.entry', {
            service: service.names[lang],
            date: formatDate(version.id, lang),
            from: formatDate(version.effectiveFrom, lang),
          })}${draft}`,
        ),
        x('published', date),
        x('updated', date),
        x('author', [x('name', service.names[lang])]),
        ...links,
        x('summary', { type: 'text' }, summary(service, version, previous?.version, lang)),
      ],
      2,
    ),
  );
  return { updated: date, element };
}

/** The rule changes against the previous published version, one per line; the first version says so. */
function summary(
  service: Service,
  version: TermsVersion,
  previous: string | undefined,
  lang: Lang,
): string {
  const t = labels(lang);
  if (!previous) return t('feed.first');
  const changes = describeParameterChanges(findVersion(service, previous), version, lang);
  if (changes.length === 0) return `${t('feed.changes')} ${t('changes.noParameters')}`;
  const side = (items: string[]) => (items.length ? items.join('; ') : t('changes.none'));
  return [
    t('feed.changes'),
    ...changes.map((c) => `${c.label}: ${side(c.from)} → ${side(c.to)}`),
  ].join('\n');
}

/** Children one a line, indented by `depth`, so the feed reads like a hand-written one. */
function indented(children: Element[], depth = 1): (Element | string)[] {
  const pad = `\n${'  '.repeat(depth)}`;
  return [...children.flatMap((c) => [pad, c]), `\n${'  '.repeat(depth - 1)}`];
}

function idOf(name: string): string {
  return `urn:uuid:${uuidv5(name, ID_NAMESPACE)}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
