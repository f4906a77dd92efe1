import { createRequire } from 'node:module';
import path from 'node:path';
import type { PhrasingContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/diagnostics.js';
import { LANGS } from '../../../src/model/lang.js';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { findService, findVersion } from '../../../src/model/timeline.js';
import { openTerms } from '../../../src/open.js';
import { checkGlyphs, findMissingGlyphs } from '../../../src/render/pdf/coverage.js';
import { documentFonts, type FontFamily, loadFontFamily } from '../../../src/render/pdf/fonts.js';
import {
  placesOf,
  toDocDefinition,
  toParallelDocDefinition,
} from '../../../src/render/pdf/to-doc-definition.js';
import {
  flattenResolved,
  type ResolvedDocument,
  resolveDocument,
} from '../../../src/render/resolve.js';
import { TERMS } from '../../helpers/terms.js';

const require = createRequire(import.meta.url);
const ALMATY = { timeZone: 'Asia/Almaty' };

// Other TTF families already installed: pdfmake's bundled Roboto has every Kazakh letter but
// not ₸; DejaVu's math font has Latin but no Cyrillic at all.
const robotoDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto');
const dejavuDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let service: Service;
let version: TermsVersion;
let dejavu: FontFamily;
let roboto: FontFamily;
let mathOnly: FontFamily;

beforeAll(async () => {
  const terms = await openTerms(TERMS);
  service = findService(terms, 'dedicated-compute');
  version = findVersion(service, '2025-09-10');
  dejavu = documentFonts('DejaVuSans');
  // Registered under the name the layout uses, so the definitions need no change.
  roboto = loadFontFamily('DejaVuSans', {
    normal: path.join(robotoDir, 'Roboto-Regular.ttf'),
    bold: path.join(robotoDir, 'Roboto-Medium.ttf'),
    italics: path.join(robotoDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(robotoDir, 'Roboto-MediumItalic.ttf'),
  });
  const math = path.join(dejavuDir, 'DejaVuMathTeXGyre.ttf');
  mathOnly = loadFontFamily('DejaVuSans', {
    normal: math,
    bold: math,
    italics: math,
    bolditalics: math,
  });
});

const fonts = (family: FontFamily) => new Map([[family.name, family]]);

/** The kk document with `text` appended to the first paragraph of clause `id`. */
function withText(id: string, text: string, where: 'body' | 'title' = 'body'): ResolvedDocument {
  const doc = structuredClone(resolveDocument(service, version, 'kk'));
  const clause = flattenResolved(doc.clauses).find((c) => c.id === id);
  const run: PhrasingContent = { type: 'text', value: text };
  if (!clause) throw new Error(`no clause ${id}`);
  if (where === 'title') clause.title.push(run);
  else if (clause.body[0]?.type === 'paragraph') clause.body[0].children.push(run);
  return doc;
}

function thrown(fn: () => void): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('the glyph check', () => {
  it.each(LANGS)('finds every character of the %s document in DejaVu Sans', (lang) => {
    const doc = resolveDocument(service, version, lang);
    expect(findMissingGlyphs(toDocDefinition(doc, ALMATY), fonts(dejavu))).toEqual([]);
  });

  it('finds every character of the bilingual kk|ru edition in DejaVu Sans', () => {
    const dd = toParallelDocDefinition(
      resolveDocument(service, version, 'kk'),
      resolveDocument(service, version, 'ru'),
      ALMATY,
    );
    expect(findMissingGlyphs(dd, fonts(dejavu))).toEqual([]);
  });

  it('covers the characters the engine may print: Kazakh letters, ₸, №, «», —, ≤, ≥', () => {
    const chars = [...'ӘҒҚҢӨҰҮҺІәғқңөұүһі₸№«»—≤≥'];
    for (const face of Object.values(dejavu.faces))
      expect(chars.filter((c) => !face.hasGlyph(c.codePointAt(0) as number))).toEqual([]);
  });

  it('names the character, the font and the clause when the font lacks one (₸ in Roboto)', () => {
    const doc = withText('compensation', ' 150 000 ₸.');
    const error = thrown(() =>
      checkGlyphs(toDocDefinition(doc, ALMATY), fonts(roboto), placesOf(doc)),
    );
    expect(error.kind).toBe('missing-glyph');
    expect(error.message).toBe(
      'the PDF font cannot print 1 character the document uses; pdfmake would silently drop it:\n' +
        '  U+20B8 ₸ is not in font DejaVuSans (normal: Roboto-Regular); used in clause 5.8. (compensation)',
    );
  });

  it('passes the same document once the font has the character', () => {
    const doc = withText('compensation', ' 150 000 ₸.');
    expect(() =>
      checkGlyphs(toDocDefinition(doc, ALMATY), fonts(dejavu), placesOf(doc)),
    ).not.toThrow();
  });

  it('checks a bold run in the bold face: 𝖠 is in DejaVu Sans but not in DejaVu Sans Bold', () => {
    const inBody = withText('availability-target', ' 𝖠');
    expect(findMissingGlyphs(toDocDefinition(inBody, ALMATY), fonts(dejavu))).toEqual([]);
    const inHeading = withText('sla', ' 𝖠', 'title');
    const misses = findMissingGlyphs(
      toDocDefinition(inHeading, ALMATY),
      fonts(dejavu),
      placesOf(inHeading),
    );
    expect(misses).toEqual([
      {
        codePoint: 0x1d5a0,
        char: '𝖠',
        family: 'DejaVuSans',
        variant: 'bold',
        face: 'DejaVuSans-Bold',
        places: ['section 5. (sla)'],
      },
    ]);
  });

  it('checks the title block, page header, footer and metadata, and lists every letter missing', () => {
    const doc = resolveDocument(service, version, 'kk');
    const misses = findMissingGlyphs(toDocDefinition(doc, ALMATY), fonts(mathOnly), placesOf(doc));
    const qa = misses.find((m) => m.char === 'Қ' && m.variant === 'bold');
    // Bold: the title, two section headings and the header row of 5.7's generated table.
    expect(qa?.places).toEqual([
      'title block',
      'section 3. (provision)',
      'section 5. (sla)',
      'clause 5.7. (restore-times)',
    ]);
    const e = misses.find((m) => m.char === 'е' && m.variant === 'normal');
    expect(e?.places.slice(0, 4)).toEqual([
      'page header',
      'page footer',
      'title block',
      'preamble',
    ]);
    expect(e?.places).toContain('clause 5.16. (liability-cap)');
    expect(e?.places).toContain('PDF metadata (keywords)');
    const error = thrown(() =>
      checkGlyphs(toDocDefinition(doc, ALMATY), fonts(mathOnly), placesOf(doc)),
    );
    expect(error.message).toMatch(/^the PDF font cannot print \d+ characters the document uses/);
    expect(error.message).toContain('  … and ');
  });

  it('checks every digit a page number may print in the footer', () => {
    const doc = resolveDocument(service, version, 'en');
    const dd = toDocDefinition(doc, ALMATY);
    dd.footer = { text: 'Page {{page}} of {{pages}}' };
    dd.content = [];
    dd.header = undefined;
    dd.info = {};
    const noDigits: FontFamily = {
      ...dejavu,
      faces: {
        ...dejavu.faces,
        normal: { ...dejavu.faces.normal, hasGlyph: (cp) => !/\d/.test(String.fromCodePoint(cp)) },
      },
    };
    const misses = findMissingGlyphs(dd, fonts(noDigits));
    expect(misses.map((m) => m.char).join('')).toBe('1234567890');
    expect(misses.every((m) => m.places.join() === 'page footer')).toBe(true);
  });
});
