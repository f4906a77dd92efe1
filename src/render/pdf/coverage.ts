import type { Content, Style, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { InputError } from '../../diagnostics.js';
import { type FontFamily, type FontVariant, variantOf } from './fonts.js';
import { fillPageNumbers } from './page-numbers.js';

/** A character the document prints that its font has no glyph for, and where it is printed. */
export interface GlyphMiss {
  codePoint: number;
  char: string;
  family: string;
  variant: FontVariant;
  /** The face's own name, e.g. `DejaVuSans-Bold`. */
  face: string;
  /** Where it occurs: `title block`, `clause 5.8. (compensation)`, `page header`… */
  places: string[];
}

type Node = Record<string, unknown>;
type StyleProperty = 'font' | 'bold' | 'italics';

// pdfmake's own fallbacks when neither a node, its styles, its ancestors nor defaultStyle say.
const PDFMAKE_DEFAULTS = { font: 'Roboto', bold: false, italics: false };
// Every digit a page number can have: the page tokens of the footer are checked as these.
const ALL_DIGITS = 1234567890;
// A font without Cyrillic misses dozens of letters: the first ones make the point.
const MAX_LINES = 20;

/** Where a text is printed, and the family and face pdfmake prints it with. */
interface PrintedText {
  text: string;
  family: string;
  variant: FontVariant;
  /** `title block`, `clause 5.8. (compensation)`, `page header`, `PDF metadata (title)`… */
  place: string;
}

/**
 * Calls `onText` for every text of a document definition, with the style cascade pdfmake
 * applies (so a bold run is in the bold face): the texts, list numbers, header, footer with its
 * page numbers, and metadata. `places` names the ids (clause ids) for messages.
 */
function eachText(
  dd: TDocumentDefinitions,
  places: ReadonlyMap<string, string>,
  onText: (printed: PrintedText) => void,
): void {
  const styles = (dd.styles ?? {}) as Record<string, Style>;
  const base = (dd.defaultStyle ?? {}) as Node;
  let place = 'document';

  const resolve = (frames: Node[], key: StyleProperty): unknown => {
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i] as Node;
      if (frame[key] !== undefined) return frame[key];
      const names = ([] as unknown[])
        .concat(frame.style ?? [])
        .filter((s) => typeof s === 'string');
      for (const name of names.reverse()) {
        const value = styles[name as string]?.[key];
        if (value !== undefined) return value;
      }
    }
    return base[key] ?? PDFMAKE_DEFAULTS[key];
  };

  const check = (text: string, frames: Node[]) => {
    const family = String(resolve(frames, 'font'));
    const variant = variantOf(
      resolve(frames, 'bold') === true,
      resolve(frames, 'italics') === true,
    );
    onText({ text, family, variant, place });
  };

  const visit = (node: unknown, frames: Node[]): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      check(String(node), frames);
      return;
    }
    if (Array.isArray(node)) {
      for (const child of node) visit(child, frames);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.id === 'string') place = places.get(n.id) ?? `"${n.id}"`;
    const inner = [...frames, n];
    if (n.text !== undefined) visit(n.text, inner);
    for (const key of ['stack', 'columns', 'ul', 'ol'] as const)
      if (n[key] !== undefined) visit(n[key], inner);
    // Ordered lists print their numbers as text: "12. "
    if (n.ol !== undefined) check('0123456789. ', inner);
    const table = n.table as { body?: unknown } | undefined;
    if (table?.body !== undefined) visit(table.body, inner);
  };

  const region = (name: string, content: unknown) => {
    if (content === undefined) return;
    if (typeof content === 'function')
      throw new Error(`the ${name} is a function: the glyph check needs it as content`);
    place = name;
    visit(content, []);
  };
  region('page header', dd.header);
  region('page footer', dd.footer && fillPageNumbers(dd.footer as Content, ALL_DIGITS, ALL_DIGITS));
  place = 'document';
  visit(dd.content, []);
  for (const [key, value] of Object.entries(dd.info ?? {})) {
    if (typeof value !== 'string') continue;
    place = `PDF metadata (${key})`;
    check(value, []);
  }
}

/**
 * Every character of a document definition that its font cannot draw, in the face pdfmake
 * prints it with (see `eachText`). `places` names the ids (clause ids) for messages.
 */
export function findMissingGlyphs(
  dd: TDocumentDefinitions,
  fonts: ReadonlyMap<string, FontFamily>,
  places: ReadonlyMap<string, string> = new Map(),
): GlyphMiss[] {
  const misses = new Map<string, GlyphMiss>();
  eachText(dd, places, ({ text, family: familyName, variant, place }) => {
    const family = fonts.get(familyName);
    if (!family) throw new Error(`the document uses font "${familyName}", which is not registered`);
    const face = family.faces[variant];
    for (const char of text) {
      if (char === '\n') continue; // pdfmake breaks the line there; nothing is drawn
      const codePoint = char.codePointAt(0) as number;
      if (face.hasGlyph(codePoint)) continue;
      const key = `${codePoint}:${familyName}:${variant}`;
      const miss = misses.get(key) ?? {
        codePoint,
        char,
        family: familyName,
        variant,
        face: face.postscriptName,
        places: [],
      };
      if (!miss.places.includes(place)) miss.places.push(place);
      misses.set(key, miss);
    }
  });
  return [...misses.values()];
}

/** The faces a document definition prints with: family name → its variants in use. */
export function facesUsed(dd: TDocumentDefinitions): Map<string, Set<FontVariant>> {
  const used = new Map<string, Set<FontVariant>>();
  eachText(dd, new Map(), ({ family, variant }) => {
    const variants = used.get(family) ?? new Set<FontVariant>();
    used.set(family, variants.add(variant));
  });
  return used;
}

/** Throws a `missing-glyph` InputError listing every character the font cannot print, and where. */
export function checkGlyphs(
  dd: TDocumentDefinitions,
  fonts: ReadonlyMap<string, FontFamily>,
  places?: ReadonlyMap<string, string>,
): void {
  const misses = findMissingGlyphs(dd, fonts, places);
  if (misses.length === 0) return;
  const lines = misses.map(
    (m) =>
      `  ${codePointName(m.char)} is not in font ${m.family} (${m.variant}: ${m.face}); ` +
      `used in ${m.places.join(', ')}`,
  );
  const chars = [...new Set(misses.map((m) => m.char))];
  const count = chars.length === 1 ? '1 character' : `${chars.length} characters`;
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`  … and ${lines.length - MAX_LINES} more`);
  throw new InputError(
    'missing-glyph',
    `the PDF font cannot print ${count} the document uses; ` +
      `pdfmake would silently drop ${chars.length === 1 ? 'it' : 'them'}:\n${shown.join('\n')}`,
  );
}

/** `U+20B8 ₸`: the code point, then the character itself. */
export function codePointName(char: string): string {
  const hex = (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} ${char}`;
}
