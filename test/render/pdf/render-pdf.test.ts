import { readFileSync } from 'node:fs';
import type { RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/diagnostics.js';
import type { Lang } from '../../../src/model/lang.js';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { findService, findVersion } from '../../../src/model/timeline.js';
import { openTerms } from '../../../src/open.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import {
  alignClauses,
  flattenResolved,
  type ResolvedDocument,
  resolveDocument,
} from '../../../src/render/resolve.js';
import { spawnCli } from '../../helpers/cli.js';
import { TERMS } from '../../helpers/terms.js';
import {
  type Crop,
  kazakhLetterCounts,
  outline,
  pageTexts,
  pdfFile,
  pdfInfo,
  sourceText,
  squeeze,
  words,
} from './poppler.js';

// Every PDF here is read back with poppler (pdftotext, pdfinfo, pdftohtml), never with our code.

const HEADER: Record<Lang, string> = {
  kk: 'Бөлінген есептеу ортасы · 10.09.2025 ж. нұсқасы · 10.09.2025 ж. бастап күшіне енеді',
  ru: 'Выделенная вычислительная среда · Редакция от 10.09.2025 · Вступает в силу с 10.09.2025',
  en: 'Dedicated computing environment · Version of 10 September 2025 · Effective from 10 September 2025',
};
const PAGE_NUMBER: Record<Lang, (page: number, pages: number) => string> = {
  kk: (n, m) => `Бет ${n} / ${m}`,
  ru: (n, m) => `Стр. ${n} из ${m}`,
  en: (n, m) => `Page ${n} of ${m}`,
};
const METADATA: Record<Lang, { Title: string; Keywords: string }> = {
  kk: {
    Title: 'ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ — Бөлінген есептеу ортасы',
    Keywords: 'шарттар, SLA, Бөлінген есептеу ортасы, 2025-09-10',
  },
  ru: {
    Title: 'УСЛОВИЯ ИСПОЛЬЗОВАНИЯ ОТДЕЛЬНЫХ УСЛУГ — Выделенная вычислительная среда',
    Keywords: 'условия, SLA, Выделенная вычислительная среда, 2025-09-10',
  },
  en: {
    Title: 'TERMS OF USE OF INDIVIDUAL SERVICES — Dedicated computing environment',
    Keywords: 'terms, SLA, Dedicated computing environment, 2025-09-10',
  },
};

let service: Service;
let version: TermsVersion;
const docs = {} as Record<Lang, ResolvedDocument>;
const files = {} as Record<Lang | 'kk-ru', string>;
const bytes = {} as Record<Lang | 'kk-ru', Uint8Array>;

beforeAll(async () => {
  const terms = await openTerms(TERMS);
  service = findService(terms, 'dedicated-compute');
  version = findVersion(service, '2025-09-10');
  for (const lang of ['kk', 'ru', 'en'] as const) {
    docs[lang] = resolveDocument(service, version, lang);
    bytes[lang] = await renderPdf(service, version, lang);
    files[lang] = pdfFile(bytes[lang]);
  }
  bytes['kk-ru'] = await renderPdf(service, version, 'kk', { parallel: 'ru' });
  files['kk-ru'] = pdfFile(bytes['kk-ru']);
});

/** Splits each page of `pdftotext -raw` into its body and the header and footer lines drawn last. */
function pages(file: string) {
  return pageTexts(file).map((text) => {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return { body: lines.slice(0, -2).join('\n'), header: lines.at(-2), footer: lines.at(-1) };
  });
}

/**
 * The body text of every page, without whitespace. A table split across pages repeats its
 * header row at the top of the next page: that repetition is dropped where the source does not
 * have the header at that point, so everything else must match the source exactly.
 */
function printedText(file: string, doc: ResolvedDocument, expected: string): string {
  const headers = flattenResolved(doc.clauses)
    .flatMap((c) => c.body)
    .filter((b) => b.type === 'table')
    .map((t) => squeeze(mdastToString(t.children[0] as RootContent)));
  let printed = '';
  for (const page of pages(file)) {
    let text = squeeze(page.body);
    for (const header of headers)
      if (text.startsWith(header) && !expected.startsWith(header, printed.length))
        text = text.slice(header.length);
    printed += text;
  }
  return printed;
}

describe.each(['kk', 'ru', 'en'] as const)('the %s PDF', (lang) => {
  it('prints exactly the text of the source: every clause, in order, no letter dropped', () => {
    const expected = squeeze(sourceText(docs[lang]));
    expect(printedText(files[lang], docs[lang], expected)).toBe(expected);
  });

  it('has more than one page, each with the version header and a localized page number', () => {
    const list = pages(files[lang]);
    expect(list.length).toBeGreaterThan(1);
    expect(list.map((p) => [p.header, p.footer])).toEqual(
      list.map((_, i) => [HEADER[lang], PAGE_NUMBER[lang](i + 1, list.length)]),
    );
    expect(pdfInfo(files[lang]).Pages).toBe(String(list.length));
  });

  it('carries title, author, subject, keywords, language and the version date as metadata', () => {
    const info = pdfInfo(files[lang]);
    expect(info).toMatchObject({
      ...METADATA[lang],
      Author: 'PRO DATA',
      Subject: HEADER[lang],
      Creator: 'terms-engine',
      Producer: 'terms-engine (pdfmake)',
      // 10.09.2025 00:00 in Asia/Almaty (UTC+05:00)
      CreationDate: '2025-09-09T19:00:00Z',
      'Page size': '595.28 x 841.89 pts (A4)',
    });
    // PDF/A: every entry has its XMP twin, and pdfkit writes no xmp:ModifyDate (pdfa.test.ts).
    expect(info).not.toHaveProperty('ModDate');
    const catalog = Buffer.from(bytes[lang]).toString('latin1');
    expect(catalog.match(/\/Lang \(([^)]*)\)/g)).toEqual([`/Lang (${lang})`]);
  });

  it('has one outline entry per section, pointing at the page that prints its heading', () => {
    const sections = docs[lang].clauses.map((c) => `${c.label} ${sourceTitle(c.title)}`);
    const entries = outline(files[lang]);
    expect(entries.map((e) => e.title)).toEqual(sections);
    const texts = pages(files[lang]).map((p) => p.body.split('\n'));
    for (const entry of entries) expect(texts[entry.page - 1]).toContain(entry.title);
  });

  it('makes every clause a named destination that cross-references link to', () => {
    const raw = Buffer.from(bytes[lang]).toString('latin1');
    const ids = flattenResolved(docs[lang].clauses).map((c) => c.id);
    for (const id of ids) expect(raw).toContain(`(${id}) `);
    // 3.2 cites 3.1 ("ordering"): a GoTo link to that destination.
    expect(raw).toMatch(/\/S \/GoTo\s+\/D \(ordering\)/);
  });
});

describe('the Kazakh PDF', () => {
  it('keeps every Kazakh letter: counts of Ә Ғ Қ Ң Ө Ұ Ү Һ І (both cases) equal the source', () => {
    const printed = printedText(files.kk, docs.kk, squeeze(sourceText(docs.kk)));
    const expected = kazakhLetterCounts(sourceText(docs.kk));
    expect(kazakhLetterCounts(printed)).toEqual(expected);
    // The source really uses them (all but Ғ Ү Һ һ, which the glyph test checks in the font),
    // so a font without them fails this test instead of passing it.
    expect(Object.values(expected).reduce((a, b) => a + b)).toBeGreaterThan(500);
    for (const letter of 'ӘҚҢӨҰІәғқңөұүі') expect(expected[letter]).toBeGreaterThan(0);
  });
});

describe('the bilingual kk|ru PDF', () => {
  const PAGE = { width: 595.28, height: 841.89 };
  const MIDDLE = PAGE.width / 2;
  // Between the page header (ends above y=58) and the footer (starts below y=786).
  const body = (x: number, width: number): Crop => [x, 58, width, 786 - 58];

  it('prints kk in the left column and ru in the right, each equal to its source', () => {
    const left = pageTexts(files['kk-ru'], body(0, MIDDLE)).join('\n');
    const right = pageTexts(files['kk-ru'], body(MIDDLE, MIDDLE)).join('\n');
    expect(squeeze(left)).toBe(squeeze(sourceText(docs.kk)));
    expect(squeeze(right)).toBe(squeeze(sourceText(docs.ru)));
    expect(kazakhLetterCounts(left)).toEqual(kazakhLetterCounts(sourceText(docs.kk)));
  });

  it('starts both languages of every clause side by side, on the same page and line', () => {
    const all = words(files['kk-ru']);
    const column = (side: 'left' | 'right') =>
      all.filter((w) => (side === 'left' ? w.x < MIDDLE : w.x > MIDDLE) && w.y > 58 && w.y < 786);
    const find = (side: 'left' | 'right') => {
      const list = column(side);
      let from = 0;
      return (label: string) => {
        const at = list.findIndex((w, i) => i >= from && w.text === label);
        if (at < 0) throw new Error(`${label} not found in the ${side} column`);
        from = at + 1;
        return list[at] as { page: number; y: number };
      };
    };
    const inLeft = find('left');
    const inRight = find('right');
    const pairs = alignClauses(docs.kk, docs.ru);
    const starts = pairs.map(([l, r]) => {
      const a = inLeft(l.label);
      const b = inRight(r.label);
      return { label: l.label, page: b.page - a.page, dy: Math.round(Math.abs(b.y - a.y)) };
    });
    expect(starts).toEqual(pairs.map(([l]) => ({ label: l.label, page: 0, dy: 0 })));
  });

  it('has both headers and both page numbers on every page, and bookmarks in both languages', () => {
    const file = files['kk-ru'];
    const count = Number(pdfInfo(file).Pages);
    expect(count).toBeGreaterThan(2);
    const band = (x: number, y: number, h: number) =>
      pageTexts(file, [x, y, MIDDLE, h]).map((t) => t.replace(/\s+/g, ' ').trim());
    const numbers = Array.from({ length: count }, (_, i) => i + 1);
    expect(band(0, 0, 58)).toEqual(numbers.map(() => HEADER.kk));
    expect(band(MIDDLE, 0, 58)).toEqual(numbers.map(() => HEADER.ru));
    expect(band(0, 786, 56)).toEqual(numbers.map((n) => PAGE_NUMBER.kk(n, count)));
    expect(band(MIDDLE, 786, 56)).toEqual(numbers.map((n) => PAGE_NUMBER.ru(n, count)));
    expect(outline(file).map((e) => e.title)).toEqual(
      docs.kk.clauses.map((c, i) => {
        const ru = docs.ru.clauses[i];
        return `${c.label} ${sourceTitle(c.title)} / ${ru?.label} ${sourceTitle(ru?.title ?? [])}`;
      }),
    );
    expect(pdfInfo(file).Title).toBe(`${METADATA.kk.Title} / ${METADATA.ru.Title}`);
  });
});

describe('identical bytes', () => {
  it('renders the same bytes twice in one process', async () => {
    expect(Buffer.from(await renderPdf(service, version, 'kk')).equals(bytes.kk)).toBe(true);
    const again = await renderPdf(service, version, 'kk', { parallel: 'ru' });
    expect(Buffer.from(again).equals(bytes['kk-ru'])).toBe(true);
  });

  it.each([
    [[], 'kk'],
    [['--parallel', 'ru'], 'kk-ru'],
  ] as const)(
    'renders the same bytes in another process (terms render … %j)',
    async (extra, key) => {
      const args = ['--version', '2025-09-10', '--lang', 'kk', '--format', 'pdf', ...extra];
      const result = await spawnCli(['render', 'dedicated-compute', ...args]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.bytes.equals(bytes[key])).toBe(true);
    },
  );

  it('renders a document after others as a fresh process does: shared fonts carry nothing over', async () => {
    // bytes.en was this process's third document, after kk and ru (the Kazakh і is drawn with
    // the glyph of the Latin i: a font shared without care loses the text under later i's).
    const args = ['--version', '2025-09-10', '--lang', 'en', '--format', 'pdf'];
    const result = await spawnCli(['render', 'dedicated-compute', ...args]);
    expect(result.code).toBe(0);
    expect(result.bytes.equals(bytes.en)).toBe(true);
  });

  it('does not change what it was given (pdfmake mutates definitions: each render builds its own)', async () => {
    const before = JSON.stringify(version);
    await renderPdf(service, version, 'ru');
    expect(JSON.stringify(version)).toBe(before);
    expect(readFileSync(files.ru).equals(bytes.ru)).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses an unknown language', async () => {
    await expect(renderPdf(service, version, 'de' as Lang)).rejects.toMatchObject({
      kind: 'unknown-language',
      message: 'unknown language "de" (expected one of: kk, ru, en)',
    });
    await expect(
      renderPdf(service, version, 'kk', { parallel: 'xx' as Lang }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a bilingual edition of a language with itself', async () => {
    await expect(renderPdf(service, version, 'ru', { parallel: 'ru' })).rejects.toMatchObject({
      kind: 'bad-parallel',
      field: 'parallel',
    });
  });
});

function sourceTitle(nodes: readonly { type: string; value?: string }[]): string {
  return nodes.map((n) => n.value ?? '').join('');
}
