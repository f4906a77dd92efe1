import type { PdfLayout } from './template.js';

/** What the PDF handlers need besides the node: the layout, the clause ids, the width they print in. */
export interface PdfContext {
  layout: PdfLayout;
  /** Every clause id of the document: the named destinations an internal link may point to. */
  destinations: ReadonlySet<string>;
  /** The width the current block is printed in, in points (for rules drawn across it). */
  width: number;
}

/** Thrown for a node the PDF renderer has no handler for: printing would silently drop it. */
export function unknownNode(kind: 'phrasing' | 'block', type: string): Error {
  return new Error(`the PDF renderer has no handler for the ${kind} node "${type}"`);
}
