import { beforeAll, describe, expect, it } from 'vitest';
import type { Service, Terms, TermsVersion } from '../../../src/model/terms.js';
import { renderIndexHtml } from '../../../src/render/html/index.js';
import { byClass, byId, elements, parse, realTerms, textOf } from './helpers.js';

let terms: Terms;
let service: Service;
let version: TermsVersion;

beforeAll(async () => {
  ({ terms, service, version } = await realTerms());
});

/** The real terms plus more versions of the same service (same text, other dates). */
function withVersions(...extra: Partial<TermsVersion>[]): Terms {
  const versions = [
    ...service.versions,
    ...extra.map((e) => ({ ...version, ...e }) as TermsVersion),
  ];
  return { ...terms, services: [{ ...service, versions }] };
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

describe('renderIndexHtml', () => {
  it('names the service in all three languages, each marked with its lang', () => {
    const heading = byId(parse(renderIndexHtml(terms)), 'service_dedicated-compute');
    expect(
      elements(heading)
        .filter((e) => e.tagName === 'span')
        .map((s) => [s.properties.lang, textOf(s)]),
    ).toEqual([
      ['kk', 'Бөлінген есептеу ортасы'],
      ['ru', 'Выделенная вычислительная среда'],
      ['en', 'Dedicated computing environment'],
    ]);
  });

  it('links every version to its HTML and PDF in each language and the kk | ru edition', () => {
    const hrefs = elements(byClass(parse(renderIndexHtml(terms)), 'index-table')[0] as never)
      .filter((e) => e.tagName === 'a')
      .map((a) => a.properties.href);
    const base = 'terms/dedicated-compute/2025-09-10';
    expect(hrefs).toEqual(
      ['kk', 'ru', 'en', 'kk-ru'].flatMap((f) => [`${base}/${f}.html`, `${base}/${f}.pdf`]),
    );
  });

  it('gives each version its effective range and marks nothing without a date', () => {
    const html = renderIndexHtml(terms);
    expect(rows(html)).toEqual([
      ['10.09.2025', '10.09.2025', '—', 'HTML · PDF', 'HTML · PDF', 'HTML · PDF', 'HTML · PDF'],
    ]);
    expect(byClass(parse(html), 'in-force')).toEqual([]);
  });

  it('marks the version in force on the given date, and none before the first', () => {
    const two = withVersions({ id: '2026-01-01', effectiveFrom: '2026-01-01' });
    expect(rows(renderIndexHtml(two, { today: '2026-02-01' })).map((r) => r.slice(0, 3))).toEqual([
      ['10.09.2025', '10.09.2025', '31.12.2025'],
      ['01.01.2026 (қолданыстағы · действующая · current)', '01.01.2026', '—'],
    ]);
    expect(rows(renderIndexHtml(two, { today: '2025-12-31' }))[0]?.[0]).toBe(
      '10.09.2025 (қолданыстағы · действующая · current)',
    );
    expect(byClass(parse(renderIndexHtml(two, { today: '2025-01-01' })), 'in-force')).toEqual([]);
  });

  it('lists drafts only when asked, marked as drafts', () => {
    const draft = withVersions({ id: '2026-03-01', effectiveFrom: '2026-03-01', status: 'draft' });
    expect(rows(renderIndexHtml(draft)).map((r) => r[0])).toEqual(['10.09.2025']);
    expect(rows(renderIndexHtml(draft, { drafts: true })).map((r) => r[0])).toEqual([
      '10.09.2025',
      '01.03.2026 (жоба · проект · draft)',
    ]);
  });

  it('gives the same bytes on a second render', () => {
    expect(renderIndexHtml(terms, { today: '2025-10-01' })).toBe(
      renderIndexHtml(terms, { today: '2025-10-01' }),
    );
  });
});
