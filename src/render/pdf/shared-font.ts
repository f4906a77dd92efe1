import type { FontFace } from './fonts.js';

// The Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): shaping makes them from the letters they join, and the
// text under them is those letters. Other presentation forms (Hebrew, Arabic) keep their own
// character: shaping their letters here would cost more than a whole document.
const LATIN_LIGATURES: [number, number] = [0xfb00, 0xfb06];

const ready = new WeakSet<FontFace>();

/**
 * Makes a face safe to share between documents; call it before the first document prints with
 * it. fontkit keeps one glyph object per glyph id, made on first lookup with the characters of
 * that lookup, and pdfkit writes those characters as the text under the glyph (ToUnicode).
 * Embedding a subset looks up the parts of composite glyphs with no characters at all (`і` is
 * drawn with the glyph of `i`): a later document printing `i` carried no text for it, and its
 * bytes depended on what the process had printed before. So every glyph object is made here,
 * in a fixed order, before any document: the Latin ligatures from their letters, then each
 * character's glyph, then the glyphs no character maps to. From then on the glyph objects, and
 * so every document's bytes, are the same whatever the process printed before.
 */
export function prepareToShare(face: FontFace): void {
  if (ready.has(face)) return;
  const { font } = face;
  const [first, last] = LATIN_LIGATURES;
  for (let codePoint = first; codePoint <= last; codePoint++)
    if (font.hasGlyphForCodePoint(codePoint))
      font.layout(String.fromCodePoint(codePoint).normalize('NFKD'));
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  for (let id = 0; id < font.numGlyphs; id++) font.getGlyph(id);
  ready.add(face);
}
