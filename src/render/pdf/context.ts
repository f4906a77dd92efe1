import type { PdfLayout } from './template.js';

/** What the PDF handlers need besides the node: the layout, the clause ids, the width they print in. */
export interface PdfContext {
  layout: PdfLayout;
  /** Every clause id of the document: the named destinations an internal link may point to. */
  destinations: ReadonlySet<string>;
  /** The width the current block is printed in, in points (for rules drawn across it). */
  width: number;
  /** The language file being printed (node positions are in it), for errors. */
  file: string;
}
