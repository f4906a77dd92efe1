import type { RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { type Clause, clauseRefLabel, flattenClauses } from '../model/document.js';
import { languageFile } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';
import { visitDocument } from './context.js';

/** Duplicate ids, broken cross-references and duplicated clause text, within each language. */
export function checkClauseIds(version: Pick<TermsVersion, 'documents'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const lang of LANGS) {
    const doc = version.documents[lang];
    const clauses = flattenClauses(doc.sections);
    const seen = new Map<string, Clause>();
    for (const c of clauses) {
      if (!c.id) continue;
      const first = seen.get(c.id);
      if (first)
        out.push(
          diagnostic(
            'duplicate-id',
            `clause id "${c.id}" is already used by clause ${clauseRefLabel(first.number)} (line ${first.source.line})`,
            { file: doc.file, at: c.source },
          ),
        );
      else seen.set(c.id, c);
    }
    visitDocument(doc, (node) => {
      if (node.type !== 'clauseRef') return;
      const target = (node as { target: string }).target;
      if (!seen.has(target))
        out.push(
          diagnostic(
            'broken-ref',
            `cross-reference to "#${target}", which is not a clause id of ${languageFile(lang)}`,
            { file: doc.file, node: node },
          ),
        );
    });
    const texts = new Map<string, Clause>();
    for (const c of clauses) {
      const text = bodyText(c.body);
      if (!text) continue;
      const first = texts.get(text);
      if (first)
        out.push(
          diagnostic(
            'duplicate-clause-text',
            `clause ${clauseRefLabel(c.number)} repeats clause ${clauseRefLabel(first.number)} word for word`,
            { file: doc.file, at: c.source },
          ),
        );
      else texts.set(text, c);
    }
  }
  return out;
}

function bodyText(body: readonly RootContent[]): string {
  return body
    .map((n) => mdToString(n))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
