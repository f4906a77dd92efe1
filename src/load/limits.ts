/**
 * The bounds every terms source file is held to, in one place. Each is far above what a real
 * terms document reaches (the dedicated-compute terms: 13 KB a file, lines and paragraphs of at
 * most 620 characters, 35 headings, lists one level deep, two `[`…`]` a file) and each bounds a
 * cost that grows faster than the file: Markdown parsing is quadratic in nesting depth and in
 * emphasis and link markers, pdfmake's line breaking is quadratic in the length of a paragraph,
 * and deep trees overflow the stack of every recursive walk. The worst case measured under them
 * is in the README (Security); `test/load/hostile.test.ts` builds inputs at and past each bound.
 */
export const LIMITS = {
  /** Bytes in one file (a language file, version.yaml, service.yaml, lock.json). */
  fileBytes: 256 * 1024,
  /** Characters (code points) in one line. */
  lineChars: 5_000,
  /** Characters of one paragraph, heading or table cell, from its first to its last character. */
  paragraphChars: 10_000,
  /** Lists and block quotes nested in each other. */
  blockDepth: 8,
  /** Emphasis, strong, strike-through and links nested in each other. */
  inlineDepth: 8,
  /** Headings (sections and clauses) in one language file. */
  clauses: 1_000,
  /** Emphasis, code and link markers (`*` `_` `~` `` ` `` `[` `]` `<`) in one language file. */
  markupChars: 2_000,
} as const;

/** The characters that open or close Markdown emphasis, code, links and autolinks. */
export const MARKUP_CHARS: ReadonlySet<string> = new Set(['*', '_', '~', '`', '[', ']', '<']);
