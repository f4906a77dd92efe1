import type { Font } from 'fontkit';
import pdfmake from 'pdfmake';
import type {
  Content,
  CustomTableLayout,
  Node,
  TDocumentDefinitions,
  TFontDictionary,
} from 'pdfmake/interfaces.js';
import { facesUsed } from './coverage.js';
import { FONT_VARIANTS, type FontFace, type FontFamily, type FontVariant } from './fonts.js';
import { fillPageNumbers } from './page-numbers.js';
import { prepareToShare } from './shared-font.js';
import type { PdfLayout, RuleSet, TableLayoutSpec } from './template.js';

// The server build of pdfmake keeps fonts in a virtual file system; its typings do not say so.
// It stores what it is given as it is, and hands a font's entry to pdfkit's `doc.font()`, which
// (pdfkit >= 0.20) takes a parsed fontkit font: so each face is parsed once per process, not
// once per document (fontkit decoding GSUB/GPOS again was about a fifth of a warm render).
interface VirtualFs {
  writeFileSync(name: string, content: Font): void;
}
const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;

const registered = new Map<string, FontFamily>();
const inVfs = new WeakSet<FontFace>();

/**
 * Registers a font family and the faces this document prints with (each parsed face goes to
 * pdfmake's virtual file system once, made safe to share first, so no render reads or parses a
 * font), and the layout's table layouts, which pdfmake wants as callbacks and the layout file
 * holds as data.
 */
function configure(family: FontFamily, variants: Iterable<FontVariant>, layout: PdfLayout): void {
  if (registered.size === 0) {
    // No URL is ever fetched, and no local file read: the fonts come from memory.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
  }
  if (registered.get(family.name) !== family) {
    const names = Object.fromEntries(FONT_VARIANTS.map((v) => [v, vfsName(family, v)]));
    const fonts: TFontDictionary = { [family.name]: names };
    pdfmake.addFonts(fonts);
    registered.set(family.name, family);
  }
  for (const variant of variants) {
    const face = family.faces[variant];
    if (inVfs.has(face)) continue;
    prepareToShare(face);
    vfs.writeFileSync(vfsName(family, variant), face.font);
    inVfs.add(face);
  }
  pdfmake.addTableLayouts({
    grid: tableLayout(layout.tableLayouts.grid),
    parallel: tableLayout(layout.tableLayouts.parallel),
  });
}

const vfsName = (family: FontFamily, variant: FontVariant) => `${family.name}/${variant}`;

/**
 * Prints a document definition to PDF bytes. The definition is copied first (pdfmake mutates
 * what it is given), its footer gets the page numbers, and section headings (`headlineLevel`)
 * are kept with what follows them. Same definition → same bytes: the dates come from `info`.
 */
export async function printPdf(
  definition: TDocumentDefinitions,
  family: FontFamily,
  layout: PdfLayout,
): Promise<Uint8Array> {
  if (!(definition.info?.creationDate instanceof Date))
    throw new Error('info.creationDate must be a Date, or the PDF would carry the clock');
  configure(family, facesUsed(definition).get(family.name) ?? [], layout);
  const dd = structuredClone(definition);
  if (dd.info) dd.info = xmlNeutral(dd.info);
  const footer = dd.footer as Content | undefined;
  if (footer !== undefined)
    dd.footer = (page: number, pages: number) => fillPageNumbers(footer, page, pages);
  dd.pageBreakBefore = keepHeadingWithNext;
  return pdfmake.createPdf(dd).getBuffer();
}

// pdfkit (0.19 and 0.20) writes each metadata string twice: escaped into the document
// information, and unescaped into the XMP packet, where `&` or `<` make the XML invalid (and
// PDF/A wants both to agree). No string is right for both, so in the metadata these three are
// written as their fullwidth forms, alike in both places; the pages print the text as it is.
const XML_SPECIAL: Record<string, string> = { '&': '\uFF06', '<': '\uFF1C', '>': '\uFF1E' };

/** The metadata with `& < >` in its strings replaced by `＆ ＜ ＞`. */
function xmlNeutral(info: TDocumentDefinitions['info'] & object): typeof info {
  const out: Record<string, unknown> = { ...info };
  for (const [key, value] of Object.entries(out))
    if (typeof value === 'string') out[key] = value.replace(/[&<>]/g, (c) => XML_SPECIAL[c] ?? c);
  return out as typeof info;
}

/**
 * A heading that would end a page moves to the next one, with the text it introduces. pdfmake
 * lists a node's own parts after it (the cells of a heading row), so only nodes starting lower
 * on the page count as following it.
 */
function keepHeadingWithNext(
  node: Node & { headlineLevel?: number },
  context: { getFollowingNodesOnPage(): Node[] },
): boolean {
  if (node.headlineLevel === undefined) return false;
  const top = node.startPosition.top;
  return !context.getFollowingNodesOnPage().some((n) => n.startPosition.top > top + 1);
}

function tableLayout(spec: TableLayoutSpec): CustomTableLayout {
  const shows = (rules: RuleSet, i: number, count: number) =>
    rules === 'all' || (rules === 'inner' && i > 0 && i < count);
  return {
    hLineWidth: (i, node) => (shows(spec.hLines, i, node.table.body.length) ? spec.lineWidth : 0),
    vLineWidth: (i, node) =>
      shows(spec.vLines, i, node.table.body[0]?.length ?? 0) ? spec.lineWidth : 0,
    hLineColor: () => spec.lineColor,
    vLineColor: () => spec.lineColor,
    paddingLeft: () => spec.padding[0],
    paddingTop: () => spec.padding[1],
    paddingRight: () => spec.padding[2],
    paddingBottom: () => spec.padding[3],
  };
}
