import { beforeAll, describe, expect, it } from 'vitest';
import type { Service, Terms, TermsVersion } from '../../../src/model/terms.js';
import { renderIndexHtml, renderServiceHtml } from '../../../src/render/html/index.js';
import { byClass, byId, elements, parse, realTerms, textOf } from './helpers.js';

let terms: Terms;
let service: Service;
let version: TermsVersion;

beforeAll(async () => {
  ({ terms, service, version } = await realTerms());
});

/** The real service plus more versions of it (same text, other dates). */
function withVersions(...extra: Partial<TermsVersion>[]): Service {
  const versions = [
    ...service.versions,
    ...extra.map((e) => ({ ...version, ...e }) as TermsVersion),
  ];
  return { ...service, versions };
}

const rows = (html: string) =>
  elements(parse(html))
    .filter((e) => e.tagName === 'tr')
    .slice(1)
    .map((tr) =>
      elements(tr)
        .filter((e) => e.tagName === 'th' || e.tagName === 'td')
        .map(textOf),
    );

const hrefs = (node: Parameters<typeof elements>[0]) =>
  elements(node)
    .filter((e) => e.tagName === 'a')
    .map((a) => a.properties.href);

describe('renderServiceHtml', () => {
  it('names the service in all three languages, each marked with its lang', () => {
    const heading = elements(parse(renderServiceHtml(service))).find((e) => e.tagName === 'h1');
    expect(
      elements(heading as never)
        .filter((e) => e.tagName === 'span')
        .map((s) => [s.properties.lang, textOf(s)]),
    ).toEqual([
      ['kk', 'Бөлінген есептеу ортасы'],
      ['ru', 'Выделенная вычислительная среда'],
      ['en', 'Dedicated computing environment'],
    ]);
  });

  it('links every version to its HTML and PDF in each edition, and to what changed after the first', () => {
    const two = withVersions({ id: '2026-01-01', effectiveFrom: '2026-01-01' });
    const table = byClass(parse(renderServiceHtml(two)), 'index-table')[0] as never;
    const editions = ['kk', 'ru', 'en', 'kk-ru'];
    expect(hrefs(table)).toEqual([
      ...editions.flatMap((e) => [
        `2026-01-01/${e}.html`,
        `2026-01-01/${e}.pdf`,
        `2026-01-01/changes/${e}.html`,
      ]),
      ...editions.flatMap((e) => [`2025-09-10/${e}.html`, `2025-09-10/${e}.pdf`]),
    ]);
  });

  it('lists versions newest first with their effective ranges, and marks nothing without a date', () => {
    const two = withVersions({ id: '2026-01-01', effectiveFrom: '2026-01-01' });
    const html = renderServiceHtml(two);
    expect(rows(html).map((r) => r.slice(0, 3))).toEqual([
      ['01.01.2026', '01.01.2026', '—'],
      ['10.09.2025', '10.09.2025', '31.12.2025'],
    ]);
    expect(byClass(parse(html), 'in-force')).toEqual([]);
    expect(byClass(parse(html), 'upcoming')).toEqual([]);
  });

  it('marks the version in force on the given date and the upcoming ones', () => {
    const three = withVersions(
      { id: '2026-01-01', effectiveFrom: '2026-01-01' },
      { id: '2026-05-01', effectiveFrom: '2026-06-01' },
    );
    expect(rows(renderServiceHtml(three, { today: '2026-02-01' })).map((r) => r[0])).toEqual([
      '01.05.2026 (алдағы: әлі күшіне енген жоқ · предстоящая: ещё не вступила в силу · upcoming: not yet in force)',
      '01.01.2026 (қолданыста · действует · in force)',
      '10.09.2025',
    ]);
    expect(rows(renderServiceHtml(three, { today: '2025-01-01' })).map((r) => r[0])).toEqual([
      '01.05.2026 (алдағы: әлі күшіне енген жоқ · предстоящая: ещё не вступила в силу · upcoming: not yet in force)',
      '01.01.2026 (алдағы: әлі күшіне енген жоқ · предстоящая: ещё не вступила в силу · upcoming: not yet in force)',
      '10.09.2025 (алдағы: әлі күшіне енген жоқ · предстоящая: ещё не вступила в силу · upcoming: not yet in force)',
    ]);
  });

  it('lists drafts only when asked, marked as drafts and without a changes link', () => {
    const draft = withVersions({ id: '2026-03-01', effectiveFrom: '2026-03-01', status: 'draft' });
    expect(rows(renderServiceHtml(draft)).map((r) => r[0])).toEqual(['10.09.2025']);
    const html = renderServiceHtml(draft, { drafts: true });
    expect(rows(html).map((r) => r[0])).toEqual([
      '01.03.2026 (жоба · проект · draft)',
      '10.09.2025',
    ]);
    expect(hrefs(parse(html)).filter((h) => String(h).includes('changes'))).toEqual([]);
  });

  it('links the version in force through the server and the feed of each language', () => {
    const tree = parse(renderServiceHtml(service));
    expect(hrefs(byId(tree, 'terms_main'))).toEqual([
      'current/kk.html',
      'current/ru.html',
      'current/en.html',
      ...['kk', 'ru', 'en', 'kk-ru'].flatMap((e) => [
        `2025-09-10/${e}.html`,
        `2025-09-10/${e}.pdf`,
      ]),
      './feed.kk.atom',
      './feed.ru.atom',
      './feed.en.atom',
    ]);
  });

  it('gives the same bytes on a second render', () => {
    expect(renderServiceHtml(service, { today: '2025-10-01' })).toBe(
      renderServiceHtml(service, { today: '2025-10-01' }),
    );
  });
});

describe('renderIndexHtml', () => {
  it('lists each service with the version in force per language and its page of versions', () => {
    const section = byId(parse(renderIndexHtml(terms)), 'service_dedicated-compute');
    expect(
      elements(section)
        .filter((e) => e.tagName === 'span')
        .slice(0, 3)
        .map((s) => [s.properties.lang, textOf(s)]),
    ).toEqual([
      ['kk', 'Бөлінген есептеу ортасы'],
      ['ru', 'Выделенная вычислительная среда'],
      ['en', 'Dedicated computing environment'],
    ]);
    const main = byId(parse(renderIndexHtml(terms)), 'terms_main');
    expect(hrefs(main)).toEqual([
      'terms/dedicated-compute/current/kk.html',
      'terms/dedicated-compute/current/ru.html',
      'terms/dedicated-compute/current/en.html',
      'terms/dedicated-compute/index.html',
      './feed.kk.atom',
      './feed.ru.atom',
      './feed.en.atom',
    ]);
  });

  it('does not grow with the number of versions', () => {
    const many = withVersions(
      ...Array.from({ length: 30 }, (_, i) => {
        const id = `2030-02-${String(i + 1).padStart(2, '0')}`;
        return { id, effectiveFrom: id };
      }),
    );
    expect(renderIndexHtml({ ...terms, services: [many] })).toBe(renderIndexHtml(terms));
  });
});
