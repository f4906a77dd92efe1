import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { type Clause, clauseRefLabel, type TermsDocument } from '../model/document.js';
import { languageFile } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';

/** The language every other language is compared against: the original of the terms. */
export const REFERENCE_LANG = 'kk';

/** Every language has the clause tree of the reference language: same ids, parents and order. */
export function checkParity(version: Pick<TermsVersion, 'documents'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reference = version.documents[REFERENCE_LANG];
  const refShape = shape(reference);
  for (const lang of LANGS) {
    if (lang === REFERENCE_LANG) continue;
    const doc = version.documents[lang];
    const docShape = shape(doc);
    for (const [id, entry] of refShape) {
      const mine = docShape.get(id);
      if (!mine) {
        const parent = entry.parent ? docShape.get(entry.parent) : undefined;
        out.push(
          diagnostic(
            'clause-missing',
            `clause "${id}" (${clauseRefLabel(entry.clause.number)} in ${languageFile(REFERENCE_LANG)}) is missing from ${languageFile(lang)}`,
            { file: doc.file, at: parent?.clause.source ?? { line: 1, column: 1 } },
          ),
        );
      } else if (mine.parent !== entry.parent) {
        out.push(
          diagnostic(
            'clause-parent',
            `clause "${id}" is under "${mine.parent ?? '(top level)'}" here but under "${entry.parent ?? '(top level)'}" in ${languageFile(REFERENCE_LANG)}`,
            { file: doc.file, at: mine.clause.source },
          ),
        );
      }
    }
    for (const [id, mine] of docShape)
      if (!refShape.has(id))
        out.push(
          diagnostic('clause-extra', `clause "${id}" is not in ${languageFile(REFERENCE_LANG)}`, {
            file: doc.file,
            at: mine.clause.source,
          }),
        );
    const refOrder = [...refShape.keys()].filter((id) => docShape.has(id));
    const myOrder = [...docShape.keys()].filter((id) => refShape.has(id));
    const k = refOrder.findIndex((id, i) => myOrder[i] !== id);
    if (k >= 0) {
      const wrong = docShape.get(myOrder[k] as string);
      out.push(
        diagnostic(
          'clause-order',
          `clause "${myOrder[k]}" comes where ${languageFile(REFERENCE_LANG)} has "${refOrder[k]}": clauses must be in the same order in every language`,
          { file: doc.file, at: wrong?.clause.source },
        ),
      );
    }
    out.push(...comparePlaceholders(reference, doc, refShape, docShape));
  }
  return out;
}

interface ShapeEntry {
  clause: Clause;
  parent: string | undefined;
}

function shape(doc: TermsDocument): Map<string, ShapeEntry> {
  const map = new Map<string, ShapeEntry>();
  const walk = (list: readonly Clause[], parent: string | undefined) => {
    for (const c of list) {
      if (c.id && !map.has(c.id)) map.set(c.id, { clause: c, parent });
      walk(c.children, c.id);
    }
  };
  walk(doc.sections, undefined);
  return map;
}

/** The same parameters and cross-references appear in a clause in every language. */
function comparePlaceholders(
  reference: TermsDocument,
  doc: TermsDocument,
  refShape: Map<string, ShapeEntry>,
  docShape: Map<string, ShapeEntry>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const usesOf = (c: Clause) => {
    const set = new Set<string>();
    visit({ type: 'root', children: [...c.title, ...c.body] } as Root, (n) => {
      if (n.type === 'placeholder' || n.type === 'parameterBlock') set.add(`{{${n.path}}}`);
      if (n.type === 'clauseRef') set.add(`[](#${n.target})`);
    });
    return set;
  };
  for (const [id, entry] of refShape) {
    const mine = docShape.get(id);
    if (!mine) continue;
    const a = usesOf(entry.clause);
    const b = usesOf(mine.clause);
    const missing = [...a].filter((x) => !b.has(x));
    const extra = [...b].filter((x) => !a.has(x));
    if (missing.length || extra.length)
      out.push(
        diagnostic(
          'placeholder-mismatch',
          `clause "${id}" uses ${[...b].join(' ') || 'nothing'} here but ${[...a].join(' ') || 'nothing'} in ${languageFile(reference.lang)}${missing.length ? ` (missing ${missing.join(' ')})` : ''}${extra.length ? ` (extra ${extra.join(' ')})` : ''}`,
          { file: doc.file, at: mine.clause.source },
        ),
      );
  }
  return out;
}
