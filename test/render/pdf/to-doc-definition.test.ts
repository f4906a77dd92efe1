import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { findService, findVersion } from '../../../src/model/timeline.js';
import { openTerms } from '../../../src/open.js';
import {
  toDocDefinition,
  toParallelDocDefinition,
} from '../../../src/render/pdf/to-doc-definition.js';
import {
  alignClauses,
  flattenResolved,
  type ResolvedDocument,
  resolveDocument,
} from '../../../src/render/resolve.js';
import { TERMS } from '../../helpers/terms.js';

let service: Service;
let version: TermsVersion;
let kk: ResolvedDocument;
let ru: ResolvedDocument;
const ALMATY = { timeZone: 'Asia/Almaty' };

beforeAll(async () => {
  const terms = await openTerms(TERMS);
  service = findService(terms, 'dedicated-compute');
  version = findVersion(service, '2025-09-10');
  kk = resolveDocument(service, version, 'kk');
  ru = resolveDocument(service, version, 'ru');
});

const content = (dd: TDocumentDefinitions) => dd.content as Content[];
const indexOfId = (dd: TDocumentDefinitions, id: string) =>
  content(dd).findIndex((n) => typeof n === 'object' && 'id' in n && n.id === id);

/** A copy of `doc` whose clause `id` has this body. */
function withBody(doc: ResolvedDocument, id: string, body: RootContent[]): ResolvedDocument {
  const copy = structuredClone(doc);
  const clause = flattenResolved(copy.clauses).find((c) => c.id === id);
  if (!clause) throw new Error(`no clause ${id}`);
  clause.body = body;
  return copy;
}
const paragraph = (...children: PhrasingContent[]): Paragraph => ({
  type: 'paragraph',
  children,
});
const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** The printed paragraph of clause `id` (its number run first). */
function clauseParagraph(doc: ResolvedDocument, id: string): ContentText {
  const dd = toDocDefinition(doc, ALMATY);
  return content(dd)[indexOfId(dd, id)] as ContentText;
}

describe('toDocDefinition', () => {
  it('prints the title block as the seed does: title, service, version, effective date', () => {
    expect(content(toDocDefinition(kk, ALMATY))[0]).toMatchInlineSnapshot(`
      {
        "stack": [
          {
            "id": "_title",
            "style": "title",
            "text": "ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ",
          },
          {
            "style": "serviceLine",
            "text": "«БӨЛІНГЕН ЕСЕПТЕУ ОРТАСЫ» ҚЫЗМЕТІ",
          },
          {
            "style": "dateLine",
            "text": "10.09.2025 ж. нұсқасы",
          },
          {
            "style": "dateLine",
            "text": "10.09.2025 ж. бастап күшіне енеді",
          },
        ],
        "style": "titleBlock",
      }
    `);
  });

  it('prints clause 5.8 with its number on the first line, then the generated table', () => {
    const dd = toDocDefinition(kk, ALMATY);
    const at = indexOfId(dd, 'compensation');
    const [intro, table] = content(dd).slice(at, at + 2);
    expect((intro as ContentText).text).toEqual([
      { text: '5.8. ', style: 'clauseLabel' },
      {
        text: 'Жоғарыда көрсетілген қызмет көрсету деңгейі (SLA) бұзылған жағдайда, Тапсырыс берушіге келесі мөлшерде өтемақы төленеді — есепті кезеңдегі бөлінген есептеу ресурстарын жалға алу құнының мынадай пайыздары мөлшерінде, бұзушылық орын алған сәттегі жағдай бойынша:',
      },
    ]);
    expect(table).toMatchInlineSnapshot(`
      {
        "layout": "grid",
        "style": "table",
        "table": {
          "body": [
            [
              {
                "style": "tableHeader",
                "text": [
                  {
                    "text": "Жалпы қолжетімділік уақыты",
                  },
                ],
              },
              {
                "style": "tableHeader",
                "text": [
                  {
                    "text": "Өтемақы мөлшері",
                  },
                ],
              },
            ],
            [
              {
                "text": [
                  {
                    "text": "99,9%-дан жоғары",
                  },
                ],
              },
              {
                "text": [
                  {
                    "text": "0%",
                  },
                ],
              },
            ],
            [
              {
                "text": [
                  {
                    "text": "99,9%-дан төмен, бірақ 99,0%-дан жоғары",
                  },
                ],
              },
              {
                "text": [
                  {
                    "text": "5%",
                  },
                ],
              },
            ],
            [
              {
                "text": [
                  {
                    "text": "99,0%-дан төмен, бірақ 95%-дан жоғары",
                  },
                ],
              },
              {
                "text": [
                  {
                    "text": "10%",
                  },
                ],
              },
            ],
            [
              {
                "text": [
                  {
                    "text": "95,0%-дан төмен",
                  },
                ],
              },
              {
                "text": [
                  {
                    "text": "15%",
                  },
                ],
              },
            ],
          ],
          "dontBreakRows": true,
          "headerRows": 1,
          "keepWithHeaderRows": 1,
          "widths": [
            "*",
            110,
          ],
        },
      }
    `);
  });

  it('puts the page header, localized page numbers and metadata dated by the version', () => {
    const { content: _content, styles: _styles, ...frame } = toDocDefinition(kk, ALMATY);
    expect(frame).toMatchInlineSnapshot(`
      {
        "defaultStyle": {
          "font": "DejaVuSans",
          "fontSize": 10,
          "lineHeight": 1.2,
        },
        "displayTitle": true,
        "footer": {
          "alignment": "center",
          "margin": [
            56,
            22,
            56,
            0,
          ],
          "style": "pageFooter",
          "text": "Бет {{page}} / {{pages}}",
        },
        "header": {
          "margin": [
            56,
            26,
            56,
            0,
          ],
          "style": "pageHeader",
          "text": "Бөлінген есептеу ортасы · 10.09.2025 ж. нұсқасы · 10.09.2025 ж. бастап күшіне енеді",
        },
        "info": {
          "creationDate": 2025-09-09T19:00:00.000Z,
          "creator": "terms-engine",
          "keywords": "шарттар, SLA, Бөлінген есептеу ортасы, 2025-09-10",
          "producer": "terms-engine (pdfmake)",
          "subject": "Бөлінген есептеу ортасы · 10.09.2025 ж. нұсқасы · 10.09.2025 ж. бастап күшіне енеді",
          "title": "ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ — Бөлінген есептеу ортасы",
        },
        "language": "kk",
        "pageMargins": [
          56,
          62,
          56,
          56,
        ],
        "pageSize": "A4",
        "subset": "PDF/A-2b",
        "version": "1.7",
      }
    `);
  });

  it('names the provider as the author, once when both languages spell it alike', () => {
    const provider = { kk: 'PRO DATA ЖШС', ru: 'ТОО PRO DATA', en: 'PRO DATA LLP' };
    expect(toDocDefinition(kk, { ...ALMATY, provider }).info?.author).toBe('PRO DATA ЖШС');
    const same = { kk: 'PRO DATA', ru: 'PRO DATA', en: 'PRO DATA' };
    expect(toParallelDocDefinition(kk, ru, { ...ALMATY, provider }).info?.author).toBe(
      'PRO DATA ЖШС / ТОО PRO DATA',
    );
    expect(toParallelDocDefinition(kk, ru, { ...ALMATY, provider: same }).info?.author).toBe(
      'PRO DATA',
    );
    expect(toDocDefinition(kk, ALMATY).info).not.toHaveProperty('author');
  });

  it('dates the PDF at midnight of the version date in the service time zone, not UTC', () => {
    const at = (timeZone: string) => toDocDefinition(kk, { timeZone }).info?.creationDate;
    expect(at('Asia/Almaty')?.toISOString()).toBe('2025-09-09T19:00:00.000Z');
    expect(at('UTC')?.toISOString()).toBe('2025-09-10T00:00:00.000Z');
  });

  it('is plain data: the same document gives an equal definition with no functions in it', () => {
    const dd = toDocDefinition(kk, ALMATY);
    expect(toDocDefinition(kk, ALMATY)).toEqual(dd);
    const functions: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (typeof v === 'function') functions.push(at);
      else if (v && typeof v === 'object' && !(v instanceof Date))
        for (const [k, child] of Object.entries(v)) walk(child, `${at}.${k}`);
    };
    walk(dd, 'dd');
    expect(functions).toEqual([]);
  });

  it('makes each section a heading with an outline entry and a named destination', () => {
    const dd = toDocDefinition(kk, ALMATY);
    expect(content(dd)[indexOfId(dd, 'sla')]).toEqual({
      text: [{ text: '5. ', style: 'clauseLabel' }, { text: 'ҚЫЗМЕТ КӨРСЕТУ ДЕҢГЕЙІ (SLA)' }],
      style: 'sectionHeading',
      headlineLevel: 1,
      id: 'sla',
      outline: true,
      outlineText: '5. ҚЫЗМЕТ КӨРСЕТУ ДЕҢГЕЙІ (SLA)',
    });
  });

  it('links a cross-reference to the clause it cites and an address to its URL', () => {
    expect(clauseParagraph(kk, 'service-start').text).toContainEqual({
      text: '3.1',
      style: ['link'],
      linkToDestination: 'ordering',
    });
    expect(clauseParagraph(kk, 'requests').text).toContainEqual({
      text: '@PRO_DATA_Support_Bot',
      style: ['link'],
      link: 'https://t.me/PRO_DATA_Support_Bot',
    });
  });

  it('prints a javascript: or data: link of an unchecked model as text, with no link', () => {
    const link = (url: string, label: string): PhrasingContent => ({
      type: 'link',
      url,
      children: [text(label)],
    });
    const doc = withBody(kk, 'ordering', [
      paragraph(
        link('javascript:alert(1)', 'a'),
        link(' JaVaScRiPt:alert(2)', 'b'),
        link('data:text/html,x', 'c'),
        link('mailto:support@example.kz', 'd'),
      ),
    ]);
    expect(clauseParagraph(doc, 'ordering').text).toEqual([
      { text: '3.1. ', style: 'clauseLabel' },
      { text: 'a' },
      { text: 'b' },
      { text: 'c' },
      { text: 'd', style: ['link'], link: 'mailto:support@example.kz' },
    ]);
  });

  it('refuses a link to an id that is not a clause of the document', () => {
    const doc = withBody(kk, 'ordering', [
      paragraph({ type: 'link', url: '#nowhere', children: [text('9.9')] }),
    ]);
    expect(() => toDocDefinition(doc, ALMATY)).toThrow(
      'a link points to "#nowhere", which is not a clause of this document',
    );
  });

  it('flattens nested emphasis into runs that carry every mark (pdfmake drops nested marks)', () => {
    const doc = withBody(kk, 'ordering', [
      paragraph(
        text('a\nb '),
        {
          type: 'emphasis',
          children: [text('c'), { type: 'strong', children: [text('d')] }],
        },
        { type: 'break' },
        { type: 'delete', children: [{ type: 'inlineCode', value: 'e' }] },
      ),
    ]);
    expect(clauseParagraph(doc, 'ordering').text).toEqual([
      { text: '3.1. ', style: 'clauseLabel' },
      { text: 'a b ' },
      { text: 'c', italics: true },
      { text: 'd', italics: true, bold: true },
      { text: '\n' },
      { text: 'e', decoration: 'lineThrough', style: ['code'] },
    ]);
  });

  it('prints a clause that starts with a table with its number on a line of its own', () => {
    const table = structuredClone(
      flattenResolved(kk.clauses).find((c) => c.id === 'restore-times')?.body[1],
    ) as RootContent;
    const dd = toDocDefinition(withBody(kk, 'ordering', [table]), ALMATY);
    const at = indexOfId(dd, 'ordering');
    expect(content(dd)[at]).toEqual({
      text: [{ text: '3.1. ', style: 'clauseLabel' }],
      style: 'paragraph',
      bold: false,
      id: 'ordering',
    });
    expect(content(dd)[at + 1]).toHaveProperty('table.dontBreakRows', true);
  });

  it.each([
    ['block', { type: 'html', value: '<b>x</b>' }],
    ['block', { type: 'code', value: 'x' }],
    ['phrasing', paragraph({ type: 'image', url: 'x.png' })],
    ['phrasing', paragraph({ type: 'footnoteReference', identifier: '1' })],
  ] as const)(
    'refuses a %s node it has no handler for, naming its type and file',
    (_kind, node) => {
      const type = node.type === 'paragraph' ? node.children[0]?.type : node.type;
      const doc = withBody(kk, 'ordering', [node as RootContent]);
      expect(() => toDocDefinition(doc, ALMATY)).toThrow(
        `terms/dedicated-compute/2025-09-10/kk.md: the PDF renderer has no handler for a "${type}" node`,
      );
    },
  );

  it('prints lists, quotes and rules', () => {
    const doc = withBody(kk, 'ordering', [
      paragraph(text('intro')),
      {
        type: 'list',
        ordered: true,
        start: 3,
        children: [
          { type: 'listItem', checked: true, children: [paragraph(text('done'))] },
          { type: 'listItem', children: [paragraph(text('x')), paragraph(text('y'))] },
        ],
      },
      { type: 'blockquote', children: [paragraph(text('q'))] },
      { type: 'thematicBreak' },
    ]);
    const dd = toDocDefinition(doc, ALMATY);
    const at = indexOfId(dd, 'ordering');
    expect(content(dd).slice(at + 1, at + 4)).toEqual([
      {
        ol: [
          { text: [{ text: '☑ ' }, { text: 'done' }] },
          { stack: [{ text: [{ text: 'x' }] }, { text: [{ text: 'y' }] }] },
        ],
        start: 3,
        style: 'list',
      },
      { stack: [{ text: [{ text: 'q' }], style: 'paragraph' }], style: 'blockquote' },
      {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: 483.28, y2: 0, lineWidth: 0.5, lineColor: '#888888' },
        ],
        style: 'thematicBreak',
      },
    ]);
  });

  it('prints the draft banner under the title block and in every page header', () => {
    const draft = resolveDocument(service, { ...version, status: 'draft' }, 'en');
    const dd = toDocDefinition(draft, ALMATY);
    expect(content(dd)[0]).toHaveProperty(['stack', 4], {
      text: 'DRAFT — not in force',
      style: 'draft',
    });
    expect(dd.header).toHaveProperty(
      'text',
      'Dedicated computing environment · Version of 10 September 2025 · Effective from 10 September 2025 · DRAFT — not in force',
    );
  });
});

describe('toParallelDocDefinition', () => {
  type Row = { table: { body: [[{ stack: Content[] }, { stack: Content[] }]] } };
  const rowsOf = (dd: TDocumentDefinitions) => content(dd).slice(1) as Row[];

  it('puts each clause in a row of its own, left language left, right language right', () => {
    const dd = toParallelDocDefinition(kk, ru, ALMATY);
    const pairs = alignClauses(kk, ru);
    // The preamble is the first row, then one row per clause.
    expect(rowsOf(dd)).toHaveLength(pairs.length + 1);
    const at = pairs.findIndex(([l]) => l.id === 'availability-target') + 1;
    const [kkCell, ruCell] = rowsOf(dd)[at]?.table.body[0] ?? [];
    expect(JSON.stringify(kkCell)).toContain('"5.6. "');
    expect(JSON.stringify(kkCell)).toContain('99,9%');
    expect(JSON.stringify(ruCell)).toContain('"5.6. "');
    expect(JSON.stringify(ruCell)).toContain('99,9\u00a0%');
  });

  it('keeps a section row with the next; destinations and outline entries in the left column only', () => {
    const dd = toParallelDocDefinition(kk, ru, ALMATY);
    const rows = rowsOf(dd);
    expect(JSON.stringify(rows.map((r) => r.table.body[0][1]))).not.toContain('"id"');
    expect(rows[1]).toEqual({
      table: {
        widths: ['*', '*'],
        dontBreakRows: false,
        body: [
          [
            {
              stack: [
                {
                  text: [{ text: '1. ', style: 'clauseLabel' }, { text: 'МӘНІ' }],
                  style: 'sectionHeading',
                  id: 'subject',
                  outline: true,
                  outlineText: '1. МӘНІ / 1. ПРЕДМЕТ',
                },
              ],
            },
            {
              stack: [
                {
                  text: [{ text: '1. ', style: 'clauseLabel' }, { text: 'ПРЕДМЕТ' }],
                  style: 'sectionHeading',
                },
              ],
            },
          ],
        ],
      },
      layout: 'parallel',
      headlineLevel: 1,
    });
    expect(rows[2]).not.toHaveProperty('headlineLevel');
  });

  it('prints page headers and page numbers in both languages, and both title blocks', () => {
    const dd = toParallelDocDefinition(kk, ru, ALMATY);
    expect(dd.footer).toMatchObject({
      columns: [{ text: 'Бет {{page}} / {{pages}}' }, { text: 'Стр. {{page}} из {{pages}}' }],
    });
    expect(dd.header).toMatchObject({ columns: [{ text: kk.footer }, { text: ru.footer }] });
    expect(JSON.stringify(content(dd)[0])).toContain('УСЛОВИЯ ИСПОЛЬЗОВАНИЯ ОТДЕЛЬНЫХ УСЛУГ');
    expect(dd.language).toBe('kk');
    expect(dd.defaultStyle).toHaveProperty('fontSize', 8.5);
  });
});
