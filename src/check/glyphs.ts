import type { Position } from 'unist';
import { type Diagnostic, diagnostic, type Point } from '../diagnostics.js';
import { pointsOf } from '../load/positions.js';
import { languageFile } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';
import {
  documentFonts,
  type FontFamily,
  type FontVariant,
  variantOf,
} from '../render/pdf/fonts.js';
import { pdfLayout } from '../render/pdf/template.js';
import type { CheckContext } from './context.js';

/** At most this many characters reported per file: a font without a script misses dozens. */
const MAX_REPORTED = 10;

interface Style {
  bold: boolean;
  italics: boolean;
}

type AnyNode = { type: string; value?: unknown; children?: unknown[]; position?: Position };

/**
 * Every character of a version's text that the PDF font cannot print, at its `file:line:col`,
 * so `check` reports it before a PDF render would fail on it. Text is checked in the face it
 * prints in (titles and strong text bold, emphasis and block quotes italic); the row labels of
 * the front matter and the parameter strings in the regular face.
 */
export function checkGlyphs(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const family = documentFonts(pdfLayout().fontFamily);
  const out: Diagnostic[] = [];
  for (const lang of LANGS) {
    const doc = version.documents[lang];
    const rel = `${version.dir}/${languageFile(lang)}`;
    const raw = (ctx.files.get(rel)?.toString('utf8') ?? '').replace(/^\uFEFF/, '');
    const toPoint = pointsOf(raw);
    const misses = new Set<string>();
    const check = (text: string, style: Style, at: (index: number) => Point) => {
      for (const { char, index } of missing(family, text, variantOf(style.bold, style.italics))) {
        if (misses.has(char) || misses.size >= MAX_REPORTED) continue;
        misses.add(char);
        out.push(
          diagnostic('missing-glyph', message(family, char, style), {
            file: doc.file,
            at: at(index),
          }),
        );
      }
    };
    const walk = (nodes: readonly unknown[], style: Style, near: Point) => {
      for (const item of nodes) {
        const node = item as AnyNode;
        const start = node.position?.start;
        const here = start ? { line: start.line, column: start.column } : near;
        const inner = {
          bold: style.bold || node.type === 'strong',
          italics: style.italics || node.type === 'emphasis' || node.type === 'blockquote',
        };
        if (node.type === 'text' && typeof node.value === 'string') {
          const value = node.value;
          const offset = start?.offset;
          const exact = offset !== undefined && raw.slice(offset, offset + value.length) === value;
          check(value, inner, (i) => (exact ? toPoint((offset as number) + i) : here));
        }
        if (node.type === 'table' && Array.isArray(node.children)) {
          // The first row is the header, printed bold.
          const [head, ...rows] = node.children;
          walk(head ? [head] : [], { ...inner, bold: true }, here);
          walk(rows, inner, here);
        } else if (Array.isArray(node.children)) walk(node.children, inner, here);
      }
    };
    const top = { line: 1, column: 1 };
    walk(doc.title, { bold: true, italics: false }, top);
    walk(doc.preamble, { bold: false, italics: false }, top);
    const clauses = (list: typeof doc.sections) => {
      for (const c of list) {
        walk(c.title, { bold: true, italics: false }, c.source);
        walk(c.body, { bold: false, italics: false }, c.source);
        clauses(c.children);
      }
    };
    clauses(doc.sections);
    for (const label of Object.values(doc.labels.restoreTimes ?? {}))
      if (typeof label === 'string') check(label, { bold: false, italics: false }, () => top);
  }
  const source = ctx.sources.get(version.dir);
  const strings = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      for (const { char } of missing(family, value, 'normal').slice(0, 1))
        out.push(
          diagnostic('missing-glyph', message(family, char, { bold: false, italics: false }), {
            file: source?.file ?? ctx.display(version.dir),
            at: source?.pointOf(path),
          }),
        );
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) strings(v, [...path, i]);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) strings(v, [...path, k]);
  };
  strings(version.parameters, ['parameters']);
  return out;
}

function missing(
  family: FontFamily,
  text: string,
  variant: FontVariant,
): { char: string; index: number }[] {
  const face = family.faces[variant];
  const found: { char: string; index: number }[] = [];
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    // A line end is not drawn (as in the printer's own check); a tab is, and fails the PDF.
    if (code !== 0x0a && !face.hasGlyph(code)) found.push({ char, index });
    index += char.length;
  }
  return found;
}

function message(family: FontFamily, char: string, style: Style): string {
  const hex = (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  const variant = variantOf(style.bold, style.italics);
  if (char === '\t')
    return `a tab (U+0009) inside the text: the PDF font ${family.name} cannot print it; use spaces`;
  return `U+${hex} "${char}" is not in the PDF font ${family.name} (${variant}): the PDF cannot print it`;
}
