import type { RootContent } from 'mdast';
import type {
  Content,
  ContentStack,
  ContentTable,
  ContentText,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import { labels } from '../../i18n.js';
import type { Localized } from '../../model/lang.js';
import { startOfDay } from '../../model/zoned.js';
import {
  alignClauses,
  flattenResolved,
  type ResolvedClause,
  type ResolvedDocument,
  titleLines,
} from '../resolve.js';
import { block } from './blocks.js';
import type { PdfContext } from './context.js';
import { plainText, type Run, runs } from './inline.js';
import { pageNumberTemplate } from './page-numbers.js';
import { PAGE_SIZES, type PdfLayout, pdfLayout } from './template.js';

/** Options of a PDF edition. */
export interface PdfOptions {
  /** The service's time zone: the PDF is dated the version date at 00:00 there, never the clock. */
  timeZone: string;
  /** The page layout and styles (default: `templates/pdf/layout.json`). */
  layout?: PdfLayout;
  /** Who provides the service, in each language: the PDF's author (`service.yaml` `provider`). */
  provider?: Localized | undefined;
}

/**
 * The archival profile of every agreement: PDF/A-2b (ISO 19005-2, level B), which needs PDF 1.7.
 * Level A needs a structure tree, which pdfmake never writes.
 */
export const PDF_SUBSET = 'PDF/A-2b';

/**
 * Id of the title line, a named destination like every clause id; glyph errors name what follows
 * it "title block". Clause ids never start with `_`, so these two cannot clash with one.
 */
export const TITLE_BLOCK_ID = '_title';
/** Id of the first line of the preamble (see {@link TITLE_BLOCK_ID}). */
export const PREAMBLE_ID = '_preamble';

/** The pdfmake document definition of one language of a version: plain JSON, no functions. */
export function toDocDefinition(doc: ResolvedDocument, options: PdfOptions): TDocumentDefinitions {
  const layout = options.layout ?? pdfLayout();
  const ctx = context(layout, [doc], contentWidth(layout));
  const t = labels(doc.lang);
  const preamble = doc.preamble.map((node) => block(node, ctx));
  return {
    ...frame(layout, doc, options),
    header: { text: headerLine(doc), style: 'pageHeader', margin: band(layout, 'header') },
    footer: {
      text: pageNumberTemplate(t),
      style: 'pageFooter',
      alignment: 'center',
      margin: band(layout, 'footer'),
    },
    content: [
      titleBlock(doc, true),
      ...marked(preamble, PREAMBLE_ID),
      ...flattenResolved(doc.clauses).flatMap((c) =>
        clauseContent(c, ctx, { anchor: true, headline: true }),
      ),
    ],
  };
}

/**
 * The bilingual edition: clause by clause, `left` in the left column and `right` in the right.
 * Each clause is a one-row table, so both languages of a clause start on the same line of the
 * same page, a long clause may continue on the next page in both columns, and a section heading
 * row is kept with the clause after it.
 */
export function toParallelDocDefinition(
  left: ResolvedDocument,
  right: ResolvedDocument,
  options: PdfOptions,
): TDocumentDefinitions {
  const layout = options.layout ?? pdfLayout();
  const spec = layout.tableLayouts.parallel;
  const column = (contentWidth(layout) - spec.padding[0] - spec.padding[2]) / 2 - spec.lineWidth;
  const ctx = context(layout, [left, right], column);
  const rightCtx: PdfContext = { ...ctx, file: right.file };
  const row = (cells: [Content[], Content[]], headline: boolean): ContentTable => ({
    table: { widths: ['*', '*'], dontBreakRows: false, body: [cells.map((stack) => ({ stack }))] },
    layout: 'parallel',
    ...(headline ? { headlineLevel: 1 } : {}),
  });
  const rows: ContentTable[] = [];
  if (left.preamble.length > 0 || right.preamble.length > 0)
    rows.push(
      row(
        [marked(blocks(left.preamble, ctx), PREAMBLE_ID), blocks(right.preamble, rightCtx)],
        false,
      ),
    );
  for (const [l, r] of alignClauses(left, right)) {
    const outline = `${headingText(l, ctx)} / ${headingText(r, rightCtx)}`;
    const cells: [Content[], Content[]] = [
      clauseContent(l, ctx, { anchor: true, headline: false, outline }),
      clauseContent(r, rightCtx, { anchor: false, headline: false }),
    ];
    rows.push(row(cells, l.depth === 1));
  }
  const t = [labels(left.lang), labels(right.lang)] as const;
  return {
    ...frame(layout, left, options, right),
    defaultStyle: { ...layout.defaultStyle, fontSize: layout.parallel.fontSize },
    header: {
      columns: [left, right].map((d) => ({ text: headerLine(d), width: '*' })),
      columnGap: layout.header.columnGap,
      style: 'pageHeader',
      margin: band(layout, 'header'),
    },
    footer: {
      columns: t.map((labelsOf) => ({ text: pageNumberTemplate(labelsOf), width: '*' })),
      columnGap: layout.footer.columnGap,
      style: 'pageFooter',
      alignment: 'center',
      margin: band(layout, 'footer'),
    },
    content: [
      {
        columns: [titleBlock(left, true), titleBlock(right, false)],
        columnGap: layout.parallel.titleGap,
      },
      ...rows,
    ],
  };
}

/** What each id of a document definition stands for, for messages: `clause 5.8. (compensation)`. */
export function placesOf(doc: ResolvedDocument): Map<string, string> {
  const places = new Map([
    [TITLE_BLOCK_ID, 'title block'],
    [PREAMBLE_ID, 'preamble'],
  ]);
  for (const c of flattenResolved(doc.clauses))
    places.set(c.id, `${c.depth === 1 ? 'section' : 'clause'} ${c.label} (${c.id})`);
  return places;
}

/** The version date at 00:00 in the service's time zone: the PDF's creation and modification date. */
export function versionInstant(versionId: string, timeZone: string): Date {
  return startOfDay(versionId, timeZone);
}

function frame(
  layout: PdfLayout,
  doc: ResolvedDocument,
  options: PdfOptions,
  other?: ResolvedDocument,
): TDocumentDefinitions {
  const date = versionInstant(doc.version.id, options.timeZone);
  const both = <T>(pick: (d: ResolvedDocument) => T) =>
    other ? [pick(doc), pick(other)] : [pick(doc)];
  const keywords = both((d) =>
    labels(d.lang)('pdf.keywords', { service: d.service.name, version: d.version.id }),
  );
  const { provider } = options;
  // The same name in both languages is one author, not two.
  const author = provider && [...new Set(both((d) => provider[d.lang]))].join(' / ');
  return {
    content: [],
    pageSize: layout.pageSize,
    pageMargins: layout.pageMargins,
    language: doc.lang,
    version: '1.7',
    subset: PDF_SUBSET,
    displayTitle: true,
    // No modDate: PDF/A wants every entry mirrored in the XMP metadata, and pdfkit writes no
    // xmp:ModifyDate; an agreement is never modified after its version date anyway.
    info: {
      title: both((d) => `${d.heading.title} — ${d.service.name}`).join(' / '),
      ...(author ? { author } : {}),
      subject: both((d) => d.footer).join(' / '),
      keywords: keywords.join('; '),
      creator: 'terms-engine',
      producer: 'terms-engine (pdfmake)',
      creationDate: date,
    },
    defaultStyle: layout.defaultStyle,
    styles: layout.styles,
  };
}

function context(layout: PdfLayout, docs: ResolvedDocument[], width: number): PdfContext {
  const destinations = new Set(docs.flatMap((d) => flattenResolved(d.clauses).map((c) => c.id)));
  return { layout, destinations, width, file: docs[0]?.file ?? '' };
}

/** Margins of the page header or footer: the page's side margins, the band's own top. */
function band(layout: PdfLayout, which: 'header' | 'footer'): [number, number, number, number] {
  const [left, , right] = layout.pageMargins;
  return [left, layout[which].top, right, 0];
}

function contentWidth(layout: PdfLayout): number {
  const [left, , right] = layout.pageMargins;
  return PAGE_SIZES[layout.pageSize].width - left - right;
}

function headerLine(doc: ResolvedDocument): string {
  return doc.heading.draft ? `${doc.footer} · ${doc.heading.draft}` : doc.footer;
}

/** The style of each line of the title block; the draft mark prints under the other lines. */
const TITLE_STYLES = {
  title: 'title',
  service: 'serviceLine',
  version: 'dateLine',
  effective: 'dateLine',
  draft: 'draft',
} as const;

function titleBlock(doc: ResolvedDocument, anchor: boolean): ContentStack {
  const all = titleLines(doc);
  const ordered = [
    ...all.filter((l) => l.role !== 'draft'),
    ...all.filter((l) => l.role === 'draft'),
  ];
  const lines: Content[] = ordered.map(({ role, text }) => ({
    text,
    style: TITLE_STYLES[role],
    ...(anchor && role === 'title' ? { id: TITLE_BLOCK_ID } : {}),
  }));
  return { stack: lines, style: 'titleBlock' };
}

/** Marks the first block with `id` when it is text (ids live on text lines in pdfmake). */
function marked(content: Content[], id: string): Content[] {
  const [first, ...rest] = content;
  if (first === undefined || !isText(first)) return content;
  return [{ ...first, id }, ...rest];
}

function isText(c: Content): c is ContentText {
  return typeof c === 'object' && !Array.isArray(c) && 'text' in c && c.text !== undefined;
}

function blocks(nodes: readonly RootContent[], ctx: PdfContext): Content[] {
  return nodes.map((node) => block(node, ctx));
}

function headingText(c: ResolvedClause, ctx: PdfContext): string {
  const title = plainText(runs(c.title, {}, ctx));
  return title ? `${c.label} ${title}` : c.label;
}

/**
 * One clause without its sub-clauses. Its number starts its first paragraph, so the number can
 * never be separated from the first line; a section prints as a heading that is also an outline
 * entry. `anchor` makes the clause a named destination (cross-references link to it);
 * `headline` marks a section heading to be kept with what follows it.
 */
function clauseContent(
  c: ResolvedClause,
  ctx: PdfContext,
  options: { anchor: boolean; headline: boolean; outline?: string },
): Content[] {
  const label: Run = { text: `${c.label} `, style: 'clauseLabel' };
  const title = runs(c.title, {}, ctx);
  const anchor = options.anchor ? { id: c.id } : {};
  if (c.placement === 'heading' && c.depth === 1) {
    const heading = {
      text: [label, ...title],
      style: 'sectionHeading',
      ...(options.headline ? { headlineLevel: 1 } : {}),
      ...anchor,
      ...(options.anchor
        ? { outline: true, outlineText: options.outline ?? headingText(c, ctx) }
        : {}),
    };
    return [heading, ...blocks(c.body, ctx)];
  }
  const [first, ...rest] = c.body;
  if (c.placement === 'first-paragraph' && first?.type === 'paragraph') {
    const text = [label, ...runs(first.children, {}, ctx)];
    return [{ text, style: 'paragraph', ...anchor }, ...blocks(rest, ctx)];
  }
  const heading = {
    text: [label, ...title],
    style: 'paragraph',
    bold: title.length > 0,
    ...anchor,
  };
  return [heading, ...blocks(c.body, ctx)];
}
