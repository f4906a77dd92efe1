import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/** The four faces pdfmake picks from by `bold` and `italics`. */
export const FONT_VARIANTS = ['normal', 'bold', 'italics', 'bolditalics'] as const;
/** One of the four faces of a font family. */
export type FontVariant = (typeof FONT_VARIANTS)[number];

/** One face of a family: its file, its bytes and a cmap lookup. */
export interface FontFace {
  /** Absolute path of the TTF file. */
  file: string;
  data: Buffer;
  /** The font's own name, e.g. `DejaVuSans-Bold`. */
  postscriptName: string;
  /** True when the face can draw this code point. */
  hasGlyph(codePoint: number): boolean;
}

/** A font family as the printer registers it and the glyph check reads it. */
export interface FontFamily {
  /** The name styles refer to (`font: 'DejaVuSans'`). */
  name: string;
  faces: Record<FontVariant, FontFace>;
}

/** The face pdfmake prints a run with. */
export function variantOf(bold: boolean, italics: boolean): FontVariant {
  if (bold) return italics ? 'bolditalics' : 'bold';
  return italics ? 'italics' : 'normal';
}

/** Reads a family from four TTF files (TTF: poppler draws WOFF2 text blank). */
export function loadFontFamily(name: string, files: Record<FontVariant, string>): FontFamily {
  const face = (file: string): FontFace => {
    const data = readFileSync(file);
    const font = fontkit.create(data);
    if (!('hasGlyphForCodePoint' in font))
      throw new Error(`${file}: a font collection, expected a single TrueType font`);
    return {
      file,
      data,
      postscriptName: font.postscriptName,
      hasGlyph: (codePoint) => font.hasGlyphForCodePoint(codePoint),
    };
  };
  const faces = Object.fromEntries(FONT_VARIANTS.map((v) => [v, face(files[v])]));
  return { name, faces: faces as Record<FontVariant, FontFace> };
}

/** The TTF files of DejaVu Sans in the `dejavu-fonts-ttf` package. */
export function dejaVuSansFiles(): Record<FontVariant, string> {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return {
    normal: path.join(dir, 'DejaVuSans.ttf'),
    bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
    italics: path.join(dir, 'DejaVuSans-Oblique.ttf'),
    bolditalics: path.join(dir, 'DejaVuSans-BoldOblique.ttf'),
  };
}

/** The families a layout may name, by name: where their files are. */
const KNOWN_FAMILIES = new Map<string, () => Record<FontVariant, string>>([
  ['DejaVuSans', dejaVuSansFiles],
]);

const loaded = new Map<string, FontFamily>();

/**
 * A family documents print with, read once per process. DejaVu Sans has every Kazakh letter,
 * ₸, №, «», — and ≤ ≥ (Roboto, bundled with pdfmake, lacks ₸; Noto Sans lacks ≤ ≥).
 */
export function documentFonts(name: string): FontFamily {
  let family = loaded.get(name);
  if (!family) {
    const files = KNOWN_FAMILIES.get(name);
    if (!files)
      throw new Error(
        `unknown PDF font family "${name}" (known: ${[...KNOWN_FAMILIES.keys()].join(', ')})`,
      );
    family = loadFontFamily(name, files());
    loaded.set(name, family);
  }
  return family;
}
