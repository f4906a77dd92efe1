import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { FileBytes } from '../load/files.js';
import type { YamlSource } from '../load/yaml.js';
import { type Clause, flattenClauses, type TermsDocument } from '../model/document.js';
import type { Terms } from '../model/terms.js';

/** What every check may look at: the loaded model, raw bytes and YAML positions. */
export interface CheckContext {
  terms: Terms;
  /** Raw bytes of every file read, by path relative to the terms root. */
  files: FileBytes;
  /** The parsed version.yaml of each version folder (`service/version`). */
  sources: Map<string, YamlSource>;
  /** Turns a path relative to the terms root into the path diagnostics print. */
  display: (rel: string) => string;
}

/** Calls `visitor` for every mdast node of a document (title, preamble, clause titles and bodies), with its clause. */
export function visitDocument(
  doc: TermsDocument,
  visitor: (node: RootContent, clause: Clause | undefined) => void,
): void {
  const walk = (nodes: readonly RootContent[], clause: Clause | undefined) =>
    visit({ type: 'root', children: [...nodes] } as Root, (node) => {
      if (node.type !== 'root') visitor(node as RootContent, clause);
    });
  walk(doc.title, undefined);
  walk(doc.preamble, undefined);
  for (const c of flattenClauses(doc.sections)) {
    walk(c.title, c);
    walk(c.body, c);
  }
}
