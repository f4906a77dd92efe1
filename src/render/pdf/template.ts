import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fieldPath } from '../../model/field-path.js';

/** The folder of PDF layouts, `templates/pdf/` at the package root. */
export const PDF_TEMPLATES_DIR = new URL('../../../templates/pdf/', import.meta.url);

const Margin = z.union([
  z.number(),
  z.tuple([z.number(), z.number()]),
  z.tuple([z.number(), z.number(), z.number(), z.number()]),
]);
const Color = z.string().regex(/^#[0-9a-f]{6}$/i, { error: 'expected a colour like "#1f4e8c"' });

/** The style properties a layout may set: a strict subset of pdfmake's `Style`, so a typo is an error. */
export const PdfStyle = z.strictObject({
  font: z.string().optional(),
  fontSize: z.number().positive().optional(),
  lineHeight: z.number().positive().optional(),
  bold: z.boolean().optional(),
  italics: z.boolean().optional(),
  alignment: z.enum(['left', 'right', 'center', 'justify']).optional(),
  color: Color.optional(),
  fillColor: Color.optional(),
  background: Color.optional(),
  margin: Margin.optional(),
});
/** The style properties a layout may set: a strict subset of pdfmake's `Style`, so a typo is an error. */
export type PdfStyle = z.infer<typeof PdfStyle>;

/** Which rules of a table a layout draws: every one, only those between cells, or none. */
export const RuleSet = z.enum(['all', 'inner', 'none']);
/** Which rules of a table a layout draws: every one, only those between cells, or none. */
export type RuleSet = z.infer<typeof RuleSet>;

/** A table layout as data; the printer turns it into pdfmake's layout callbacks. */
export const TableLayoutSpec = z.strictObject({
  hLines: RuleSet,
  vLines: RuleSet,
  lineWidth: z.number().nonnegative(),
  lineColor: Color,
  /** Cell padding: left, top, right, bottom. */
  padding: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
/** A table layout as data; the printer turns it into pdfmake's layout callbacks. */
export type TableLayoutSpec = z.infer<typeof TableLayoutSpec>;

/** The page header or footer: its distance from the top of its area, the gap between languages. */
const Band = z.strictObject({
  top: z.number().nonnegative(),
  columnGap: z.number().nonnegative(),
});

/** `templates/pdf/layout.json`: page, fonts, styles and table layouts of every PDF edition. */
export const PdfLayout = z.strictObject({
  pageSize: z.literal('A4'),
  /** Left, top, right, bottom, in points. */
  pageMargins: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** The font family every style prints with (registered by the printer under this name). */
  fontFamily: z.string().min(1),
  defaultStyle: PdfStyle,
  header: Band,
  footer: Band,
  /** The bilingual edition: a smaller type and the gap between the two languages. */
  parallel: z.strictObject({
    fontSize: z.number().positive(),
    columnGap: z.number().nonnegative(),
    titleGap: z.number().nonnegative(),
  }),
  styles: z.record(z.string(), PdfStyle),
  tableLayouts: z.strictObject({ grid: TableLayoutSpec, parallel: TableLayoutSpec }),
  /** Column widths of generated tables, by the parameter they are generated from (default: equal). */
  tableWidths: z.record(z.string(), z.array(z.union([z.number().positive(), z.literal('*')]))),
});
/** `templates/pdf/layout.json`: page, fonts, styles and table layouts of every PDF edition. */
export type PdfLayout = z.infer<typeof PdfLayout>;

/** Width and height of the page sizes a layout may name, in points. */
export const PAGE_SIZES = { A4: { width: 595.28, height: 841.89 } } as const;

/** Reads and validates a PDF layout file; a bad layout fails loudly, naming the field. */
export function readPdfLayout(file: URL = new URL('layout.json', PDF_TEMPLATES_DIR)): PdfLayout {
  const parsed = PdfLayout.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${fieldPath(i.path) || '(root)'}: ${i.message}`);
    throw new Error(`${file.pathname}: invalid PDF layout:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

let cached: PdfLayout | undefined;

/** The shipped layout, read once per process (it is a static resource, like the locales). */
export function pdfLayout(): PdfLayout {
  cached ??= readPdfLayout();
  return cached;
}
