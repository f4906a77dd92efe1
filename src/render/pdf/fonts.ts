import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { InputError } from '../../diagnostics.js';

// The CommonJS fontkit, the very copy pdfkit (CommonJS) loads: importing the ESM build as well
// would load and compile a second fontkit, with its own restructure and Unicode tables.
const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as typeof Fontkit;

/** The four faces pdfmake picks from by `bold` and `italics`. */
export const FONT_VARIANTS = ['normal', 'bold', 'italics', 'bolditalics'] as const;
/** One of the four faces of a font family. */
export type FontVariant = (typeof FONT_VARIANTS)[number];

/**
 * The environment variable naming a folder to read the PDF fonts from instead of the
 * `dejavu-fonts-ttf` package, with the same file names (`DejaVuSans.ttf`, `DejaVuSans-Bold.ttf`,
 * `DejaVuSans-Oblique.ttf`, `DejaVuSans-BoldOblique.ttf`): to pin the fonts of a deployment.
 */
export const FONT_DIR_ENV = 'TERMS_PDF_FONT_DIR';

/** One face of a family: its file, the parsed font and a cmap lookup. */
export interface FontFace {
  /** Absolute path of the TTF file. */
  file: string;
  /** The parsed font. The printer hands it to pdfkit as it is, so no document parses it again. */
  font: Fontkit.Font;
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

/**
 * A family of four TTF files (TTF: poppler draws WOFF2 text blank). Each face is read and parsed
 * when first used, then kept: most documents never print italics. A file that is missing,
 * truncated or not a single TrueType font is a `bad-font` InputError naming it, raised then,
 * before anything is printed: never a PDF with blank or missing text.
 */
export function loadFontFamily(name: string, files: Record<FontVariant, string>): FontFamily {
  const faces = {} as Record<FontVariant, FontFace>;
  for (const variant of FONT_VARIANTS) {
    let face: FontFace | undefined;
    Object.defineProperty(faces, variant, {
      enumerable: true,
      get: () => {
        face ??= readFace(files[variant]);
        return face;
      },
    });
  }
  return { name, faces };
}

function readFace(file: string): FontFace {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw badFont(file, e.code === 'ENOENT' ? 'no such file' : e.message);
  }
  checkTableBounds(file, data);
  let parsed: Fontkit.Font | Fontkit.FontCollection;
  try {
    parsed = fontkit.create(data);
  } catch (err) {
    throw badFont(file, `not a font (${(err as Error).message})`);
  }
  if (!('hasGlyphForCodePoint' in parsed))
    throw badFont(file, 'a font collection, expected a single TrueType font');
  if (parsed.type !== 'TTF')
    throw badFont(file, `a ${parsed.type} font, expected TrueType (poppler draws its text blank)`);
  const font = parsed;
  let postscriptName: string;
  try {
    // fontkit decodes tables when first asked: ask for those every render needs now, so a
    // damaged file fails here rather than halfway through a document.
    postscriptName = font.postscriptName;
    if (!(font.unitsPerEm > 0 && font.numGlyphs > 0 && font.getGlyph(0).advanceWidth >= 0))
      throw new Error('no glyph metrics');
    font.hasGlyphForCodePoint(0x20);
  } catch (err) {
    throw badFont(file, `damaged (${(err as Error).message})`);
  }
  return {
    file,
    font,
    postscriptName,
    hasGlyph: (codePoint) => font.hasGlyphForCodePoint(codePoint),
  };
}

// The sfnt versions of a TrueType or OpenType file (OpenType spec, "Organization of an OpenType Font").
const SFNT_VERSIONS = new Set([0x00010000, 0x4f54544f /* OTTO */, 0x74727565 /* true */]);

/**
 * A truncated font may still parse (fontkit reads tables lazily) and lose glyphs only when a
 * document needs them: every table its directory lists must lie inside the file.
 */
function checkTableBounds(file: string, data: Buffer): void {
  if (data.length < 12 || !SFNT_VERSIONS.has(data.readUInt32BE(0))) return; // not sfnt: fontkit decides
  const tables = data.readUInt16BE(4);
  if (12 + 16 * tables > data.length)
    throw badFont(file, `truncated: ${data.length} bytes, shorter than its table directory`);
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    const end = data.readUInt32BE(record + 8) + data.readUInt32BE(record + 12);
    if (end > data.length) {
      const tag = data.toString('latin1', record, record + 4);
      throw badFont(
        file,
        `truncated: table "${tag}" ends at byte ${end}, the file has ${data.length}`,
      );
    }
  }
}

function badFont(file: string, why: string): InputError {
  return new InputError('bad-font', `cannot use the PDF font ${file}: ${why}`);
}

/** The TTF files of DejaVu Sans in `dir`: by default the `dejavu-fonts-ttf` package's. */
export function dejaVuSansFiles(dir = packageFontDir()): Record<FontVariant, string> {
  return {
    normal: path.join(dir, 'DejaVuSans.ttf'),
    bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
    italics: path.join(dir, 'DejaVuSans-Oblique.ttf'),
    bolditalics: path.join(dir, 'DejaVuSans-BoldOblique.ttf'),
  };
}

function packageFontDir(): string {
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** The families a layout may name, by name: where their files are. */
const KNOWN_FAMILIES = new Map<string, (dir?: string) => Record<FontVariant, string>>([
  ['DejaVuSans', dejaVuSansFiles],
]);

const loaded = new Map<string, FontFamily>();

/**
 * A family documents print with, each face read and parsed once per process (per font folder),
 * then shared by every document. DejaVu Sans has every Kazakh letter, ₸, №, «», — and ≤ ≥ (Roboto,
 * bundled with pdfmake, lacks ₸; Noto Sans lacks ≤ ≥). `dir` (default: `$TERMS_PDF_FONT_DIR`)
 * reads the files from another folder.
 */
export function documentFonts(
  name: string,
  dir: string | undefined = process.env[FONT_DIR_ENV] || undefined,
): FontFamily {
  const key = `${name}\0${dir ?? ''}`;
  let family = loaded.get(key);
  if (!family) {
    const files = KNOWN_FAMILIES.get(name);
    if (!files)
      throw new Error(
        `unknown PDF font family "${name}" (known: ${[...KNOWN_FAMILIES.keys()].join(', ')})`,
      );
    family = loadFontFamily(name, files(dir && path.resolve(dir)));
    loaded.set(key, family);
  }
  return family;
}
