import type { PhrasingContent, RootContent, TableRow } from 'mdast';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { findService, findVersion } from '../../../src/model/timeline.js';
import { openTerms } from '../../../src/open.js';
import { documentFonts, type FontFamily } from '../../../src/render/pdf/fonts.js';
import { printPdf } from '../../../src/render/pdf/print.js';
import { type PdfLayout, pdfLayout } from '../../../src/render/pdf/template.js';
import { toDocDefinition } from '../../../src/render/pdf/to-doc-definition.js';
import {
  flattenResolved,
  type ResolvedDocument,
  resolveDocument,
} from '../../../src/render/resolve.js';
import { TERMS } from '../../helpers/terms.js';
import { pageTexts, pdfFile } from './poppler.js';

let fonts: FontFamily;
let layout: PdfLayout;
let en: ResolvedDocument;
const DATE = new Date('2025-09-09T19:00:00Z');

beforeAll(async () => {
  layout = pdfLayout();
  fonts = documentFonts(layout.fontFamily);
  const service = findService(await openTerms(TERMS), 'dedicated-compute');
  en = resolveDocument(service, findVersion(service, '2025-09-10'), 'en');
});

const plain = (content: Content[]): TDocumentDefinitions => ({
  content,
  pageSize: 'A4',
  defaultStyle: { font: 'DejaVuSans', fontSize: 10 },
  info: { creationDate: DATE },
});
const linesOf = async (dd: TDocumentDefinitions) =>
  pageTexts(pdfFile(await printPdf(dd, fonts, layout))).map((page) =>
    page.split('\n').filter((line) => line.trim() !== ''),
  );

describe('printPdf', () => {
  it.each([
    ['a heading line', (text: string): Content => ({ text, headlineLevel: 1 }), 'HEADING'],
    [
      'a bilingual heading row',
      (text: string): Content => ({
        table: { widths: ['*', '*'], body: [[{ stack: [text] }, { stack: [`${text} ru`] }]] },
        layout: 'parallel',
        headlineLevel: 1,
      }),
      'HEADING HEADING ru',
    ],
  ] as const)(
    'moves %s that would end a page to the next page, with what follows it',
    async (_, heading, printed) => {
      // How many one-line paragraphs fill the first page:
      const full = await linesOf(plain(Array.from({ length: 200 }, (_, i) => `Line ${i}`)));
      const perPage = full[0]?.length ?? 0;
      expect(perPage).toBeGreaterThan(20);
      // One line short of a full page: the heading alone would take the last line of page 1.
      const filler = Array.from({ length: perPage - 1 }, (_, i) => `Line ${i}`);
      const pages = await linesOf(plain([...filler, heading('HEADING'), 'After the heading']));
      expect(pages[0]?.at(-1)).toBe(`Line ${perPage - 2}`);
      expect(pages[1]?.slice(0, 2)).toEqual([printed, 'After the heading']);
    },
  );

  it('repeats a table header on every page and never splits a row across pages', async () => {
    const cell = (...lines: string[]): PhrasingContent[] =>
      lines.flatMap((l, i): PhrasingContent[] =>
        i === 0 ? [text(l)] : [{ type: 'break' }, text(l)],
      );
    const row = (...cells: PhrasingContent[][]): TableRow => ({
      type: 'tableRow',
      children: cells.map((children) => ({ type: 'tableCell', children })),
    });
    const rows = Array.from({ length: 45 }, (_, i) =>
      row(cell(`Row ${i} a`, `Row ${i} b`, `Row ${i} c`), cell(`${i}`)),
    );
    const table: RootContent = {
      type: 'table',
      children: [row(cell('Head one'), cell('Head two')), ...rows],
    };
    const doc = structuredClone(en);
    const clause = flattenResolved(doc.clauses).find((c) => c.id === 'ordering');
    if (clause) clause.body = [{ type: 'paragraph', children: [text('Table:')] }, table];
    const pages = await linesOf(toDocDefinition(doc, { timeZone: 'UTC', layout }));
    const withTable = pages.filter((p) => p.some((l) => /^Row \d+ a/.test(l)));
    expect(withTable.length).toBeGreaterThan(1);
    for (const page of withTable.slice(1)) expect(page[0]).toBe('Head one Head two');
    for (let i = 0; i < 45; i++) {
      const page = pages.findIndex((p) => p.some((l) => l.startsWith(`Row ${i} a`)));
      expect(pages[page]?.some((l) => l.startsWith(`Row ${i} c`))).toBe(true);
    }
  });

  it('leaves the definition it was given as it was', async () => {
    const dd = toDocDefinition(en, { timeZone: 'Asia/Almaty', layout });
    const before = structuredClone(dd);
    await printPdf(dd, fonts, layout);
    expect(dd).toEqual(before);
  });

  it('refuses a definition without a creation date: the PDF would carry the clock', async () => {
    const dd = plain(['x']);
    dd.info = {};
    await expect(printPdf(dd, fonts, layout)).rejects.toThrow(
      'info.creationDate must be a Date, or the PDF would carry the clock',
    );
  });
});

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}
