import type { RootContent } from 'mdast';
import type { FileBytes } from '../load/files.js';
import type { YamlSource } from '../load/yaml.js';
import type { Clause, TermsDocument } from '../model/document.js';
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

type AnyNode =
  | RootContent
  | { type: string; children?: unknown[]; position?: RootContent['position'] };

/** Calls `visit` for every node of a document (title, preamble, clause titles and bodies), with its clause. */
export function visitDocument(
  doc: TermsDocument,
  visit: (node: AnyNode, clause: Clause | undefined) => void,
): void {
  const walk = (nodes: readonly AnyNode[], clause: Clause | undefined) => {
    for (const node of nodes) {
      visit(node, clause);
      if ('children' in node && Array.isArray(node.children))
        walk(node.children as AnyNode[], clause);
    }
  };
  walk(doc.title, undefined);
  walk(doc.preamble, undefined);
  const clauses = (list: readonly Clause[]) => {
    for (const c of list) {
      walk(c.title, c);
      walk(c.body, c);
      clauses(c.children);
    }
  };
  clauses(doc.sections);
}
