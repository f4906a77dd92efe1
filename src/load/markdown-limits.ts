import type { Nodes, Root } from 'mdast';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { LIMITS, MARKUP_CHARS } from './limits.js';
import { pointsOf } from './positions.js';

/** At most this many diagnostics of one limit per file. */
const MAX_REPORTED = 5;

/**
 * How deep a line's leading markers (`>`, list markers, indentation) may reach before the file
 * is not parsed at all. The parser's cost grows with the square of the depth and it overflows
 * the stack near 8,000 levels, so this guard runs on the raw text; it over-counts (two columns of
 * indentation count as a level), hence its slack over `LIMITS.blockDepth`, which the parsed tree
 * is then held to exactly.
 */
const SCAN_DEPTH = 4 * LIMITS.blockDepth;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * Checks what must hold before a language file is parsed: the count of markup characters (the
 * parser is quadratic in them) and the depth of nesting each line opens. `parse` is false when
 * parsing would cost too much to attempt.
 */
export function scanMarkdown(
  text: string,
  file: string,
): { parse: boolean; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const toPoint = pointsOf(text);
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    if (!MARKUP_CHARS.has(text[i] as string) || ++marks <= LIMITS.markupChars) continue;
    diagnostics.push(
      diagnostic(
        'limit',
        `more than ${LIMITS.markupChars} emphasis, code and link markers (${[...MARKUP_CHARS].join(' ')}) in one file`,
        { file, at: toPoint(i) },
      ),
    );
    break;
  }
  let start = 0;
  for (const line of text.split('\n')) {
    const depth = lineDepth(line);
    if (depth > SCAN_DEPTH) {
      diagnostics.push(
        diagnostic(
          'limit',
          `a line opens more than ${SCAN_DEPTH} levels of block quotes and lists: at most ${LIMITS.blockDepth} are allowed`,
          { file, at: toPoint(start) },
        ),
      );
      break;
    }
    start += line.length + 1;
  }
  return { parse: diagnostics.length === 0, diagnostics };
}

/** An upper bound of the containers a line is inside: its `>` and list markers, and its indentation. */
function lineDepth(line: string): number {
  let depth = 0;
  let columns = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ') columns++;
    else if (c === '\t') columns += 4;
    else if (c === '>') depth++;
    else {
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      if (!marker) break;
      depth++;
      i += marker[0].length;
      continue;
    }
    i++;
  }
  return depth + Math.floor(columns / 2);
}

const BLOCK_NESTING = new Set(['list', 'blockquote']);
const INLINE_NESTING = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);
const MEASURED = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Holds a parsed language file to the limits of its tree: nesting of lists and block quotes,
 * nesting of emphasis and links, the length of each paragraph, heading and table cell, and the
 * number of headings. Each breach is reported at the node that crosses it.
 */
export function checkTreeLimits(tree: Root, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<string, number>();
  const report = (kind: string, message: string, node: Nodes) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    if (n <= MAX_REPORTED) diagnostics.push(diagnostic('limit', message, { file, node }));
  };
  let headings = 0;
  const walk = (node: Nodes, blocks: number, inlines: number) => {
    const b = blocks + (BLOCK_NESTING.has(node.type) ? 1 : 0);
    const i = inlines + (INLINE_NESTING.has(node.type) ? 1 : 0);
    if (b > LIMITS.blockDepth && BLOCK_NESTING.has(node.type))
      return report(
        'block',
        `block quotes and lists nested ${b} deep: at most ${LIMITS.blockDepth} levels are allowed`,
        node,
      );
    if (i > LIMITS.inlineDepth && INLINE_NESTING.has(node.type))
      return report(
        'inline',
        `emphasis and links nested ${i} deep: at most ${LIMITS.inlineDepth} levels are allowed`,
        node,
      );
    if (node.type === 'heading' && ++headings === LIMITS.clauses + 1)
      report('clauses', `more than ${LIMITS.clauses} headings in one file`, node);
    if (MEASURED.has(node.type)) {
      const length = (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0);
      if (length > LIMITS.paragraphChars)
        report(
          'length',
          `a ${node.type === 'tableCell' ? 'table cell' : node.type} of ${length} characters: at most ${LIMITS.paragraphChars} are allowed (split it)`,
          node,
        );
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes, b, i);
  };
  walk(tree, 0, 0);
  return diagnostics;
}
