import path from 'node:path';
import pdfmake from 'pdfmake';
import type {
  Content,
  CustomTableLayout,
  Node,
  TDocumentDefinitions,
  TFontDictionary,
} from 'pdfmake/interfaces.js';
import { FONT_VARIANTS, type FontFamily } from './fonts.js';
import { fillPageNumbers } from './page-numbers.js';
import type { PdfLayout, RuleSet, TableLayoutSpec } from './template.js';

// The server build of pdfmake keeps fonts in a virtual file system; its typings do not say so.
interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}
const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;

const registered = new Map<string, FontFamily>();
const fontFiles = new Set<string>();

/**
 * Registers a font family (once per process: its bytes go to pdfmake's virtual file system, so
 * no render reads a font from disk) and the layout's table layouts, which pdfmake wants as
 * callbacks and the layout file holds as data.
 */
function configure(family: FontFamily, layout: PdfLayout): void {
  if (registered.size === 0) {
    // No URL is ever fetched, and no local file read but the registered font files.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => fontFiles.has(path.resolve(file)));
  }
  if (registered.get(family.name) !== family) {
    const names: Record<string, string> = {};
    for (const variant of FONT_VARIANTS) {
      const face = family.faces[variant];
      names[variant] = `${family.name}/${path.basename(face.file)}`;
      vfs.writeFileSync(names[variant], face.data);
      fontFiles.add(path.resolve(face.file));
    }
    const fonts: TFontDictionary = { [family.name]: names };
    pdfmake.addFonts(fonts);
    registered.set(family.name, family);
  }
  pdfmake.addTableLayouts({
    grid: tableLayout(layout.tableLayouts.grid),
    parallel: tableLayout(layout.tableLayouts.parallel),
  });
}

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
  configure(family, layout);
  if (!(definition.info?.creationDate instanceof Date))
    throw new Error('info.creationDate must be a Date, or the PDF would carry the clock');
  const dd = structuredClone(definition);
  const footer = dd.footer as Content | undefined;
  if (footer !== undefined)
    dd.footer = (page: number, pages: number) => fillPageNumbers(footer, page, pages);
  dd.pageBreakBefore = keepHeadingWithNext;
  return pdfmake.createPdf(dd).getBuffer();
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
