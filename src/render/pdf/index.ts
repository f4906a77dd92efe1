import { InputError } from '../../diagnostics.js';
import { isLang, LANGS, type Lang } from '../../model/lang.js';
import type { Service, TermsVersion } from '../../model/terms.js';
import { assertEdition, resolveDocument } from '../resolve.js';
import { checkGlyphs } from './coverage.js';
import { documentFonts } from './fonts.js';
import { printPdf } from './print.js';
import { pdfLayout } from './template.js';
import { placesOf, toDocDefinition, toParallelDocDefinition } from './to-doc-definition.js';

/**
 * Renders one language of a version as a PDF agreement, or the bilingual edition with `parallel`
 * (e.g. kk | ru, clause by clause). Fails with a `missing-glyph` InputError, before printing
 * anything, when the font lacks a character the document uses.
 */
export async function renderPdf(
  service: Service,
  version: TermsVersion,
  lang: Lang,
  options: { parallel?: Lang } = {},
): Promise<Uint8Array> {
  requireLang(lang, 'lang');
  const { parallel } = options;
  if (parallel !== undefined) {
    requireLang(parallel, 'parallel');
    assertEdition(lang, parallel);
  }
  const layout = pdfLayout();
  const fonts = documentFonts(layout.fontFamily);
  const left = resolveDocument(service, version, lang);
  const pdfOptions = { timeZone: service.timeZone, layout, provider: service.provider };
  const dd =
    parallel === undefined
      ? toDocDefinition(left, pdfOptions)
      : toParallelDocDefinition(left, resolveDocument(service, version, parallel), pdfOptions);
  checkGlyphs(dd, new Map([[fonts.name, fonts]]), placesOf(left));
  return printPdf(dd, fonts, layout);
}

function requireLang(value: unknown, field: string): asserts value is Lang {
  if (!isLang(value))
    throw new InputError(
      'unknown-language',
      `unknown language "${String(value)}" (expected one of: ${LANGS.join(', ')})`,
      field,
    );
}

export { checkGlyphs, findMissingGlyphs, type GlyphMiss } from './coverage.js';
export { documentFonts, type FontFamily, loadFontFamily } from './fonts.js';
export { printPdf } from './print.js';
export {
  type PdfOptions,
  placesOf,
  toDocDefinition,
  toParallelDocDefinition,
} from './to-doc-definition.js';
