import type { RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import {
  type Clause,
  clauseRefLabel,
  flattenClauses,
  type TermsDocument,
} from '../model/document.js';
import { languageFile } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';
import { visitDocument } from './context.js';

/** The language every other language is compared against: the original of the terms. */
export const REFERENCE_LANG = 'kk';

/** Duplicate ids, broken cross-references and duplicated clause text, within each language. */
export function checkStructure(version: Pick<TermsVersion, 'documents'>): Diagnostic[] {
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
          `clause "${myOrder[k]}" comes where ${REFERENCE_LANG}.md has "${refOrder[k]}": clauses must be in the same order in every language`,
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
    const walk = (nodes: readonly unknown[]) => {
      for (const n of nodes as {
        type: string;
        path?: string;
        target?: string;
        children?: unknown[];
      }[]) {
        if (n.type === 'placeholder' || n.type === 'parameterBlock') set.add(`{{${n.path}}}`);
        if (n.type === 'clauseRef') set.add(`[](#${n.target})`);
        if (Array.isArray(n.children)) walk(n.children);
      }
    };
    walk(c.title);
    walk(c.body);
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
          `clause "${id}" uses ${[...b].join(' ') || 'nothing'} here but ${[...a].join(' ') || 'nothing'} in ${reference.lang}.md${missing.length ? ` (missing ${missing.join(' ')})` : ''}${extra.length ? ` (extra ${extra.join(' ')})` : ''}`,
          { file: doc.file, at: mine.clause.source },
        ),
      );
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
