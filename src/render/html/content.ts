import type { TFunction } from 'i18next';
import type { Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import type { Position } from 'unist';
import type { Lang } from '../../model/lang.js';
import type { ResolvedClause, ResolvedDocument } from '../resolve.js';

/** A numbered clause (or, at depth 1, a section) with its id: `<section id>` / `<div id>`. */
export interface TermsClauseNode {
  type: 'termsClause';
  id: string;
  depth: number;
  children: ContentNode[];
  position?: Position;
}

/** The generated number printed at the start of a clause: `<span class="clause-number">`. */
export interface ClauseNumberNode {
  type: 'clauseNumber';
  value: string;
  position?: Position;
}

/** One clause of a bilingual edition: a row holding the same clause in each language. */
export interface ParallelRowNode {
  type: 'parallelRow';
  id: string | undefined;
  section: boolean;
  children: ParallelCellNode[];
}

/** One language's side of a bilingual row: `<div lang>`. */
export interface ParallelCellNode {
  type: 'parallelCell';
  lang: Lang;
  children: ContentNode[];
}

/** Our nodes and mdast's: what the HTML handlers receive (kept out of the global mdast types). */
export type ContentNode =
  | RootContent
  | TermsClauseNode
  | ClauseNumberNode
  | ParallelRowNode
  | ParallelCellNode;

/** The root of a content tree. */
export interface ContentRoot {
  type: 'root';
  children: ContentNode[];
}

/** The preamble of a document as an mdast tree. */
export function preambleTree(doc: ResolvedDocument, t: TFunction): ContentRoot {
  return { type: 'root', children: annotate(doc.preamble, t, undefined) };
}

/** The clauses of a document, nested, as an mdast tree. */
export function clausesTree(doc: ResolvedDocument, t: TFunction): ContentRoot {
  const clause = (c: ResolvedClause): TermsClauseNode => ({
    type: 'termsClause',
    id: c.id,
    depth: c.depth,
    children: [...ownBlocks(c, t), ...c.children.map(clause)],
  });
  return { type: 'root', children: doc.clauses.map(clause) };
}

/** Rows of a bilingual edition: the preamble, then one row per clause in reading order. */
export function parallelTree(
  left: { doc: ResolvedDocument; t: TFunction },
  right: { doc: ResolvedDocument; t: TFunction },
  pairs: [ResolvedClause, ResolvedClause][],
): ContentRoot {
  const cell = (lang: Lang, children: ContentNode[]): ParallelCellNode => ({
    type: 'parallelCell',
    lang,
    children,
  });
  const rows: ParallelRowNode[] = [];
  if (left.doc.preamble.length > 0 || right.doc.preamble.length > 0)
    rows.push({
      type: 'parallelRow',
      id: undefined,
      section: false,
      children: [
        cell(left.doc.lang, annotate(left.doc.preamble, left.t, undefined)),
        cell(right.doc.lang, annotate(right.doc.preamble, right.t, undefined)),
      ],
    });
  for (const [l, r] of pairs)
    rows.push({
      type: 'parallelRow',
      id: l.id,
      section: l.depth === 1,
      children: [
        cell(left.doc.lang, ownBlocks(l, left.t)),
        cell(right.doc.lang, ownBlocks(r, right.t)),
      ],
    });
  return { type: 'root', children: rows };
}

/** The clause's own blocks (not its sub-clauses), its number where the resolved clause places it. */
function ownBlocks(c: ResolvedClause, t: TFunction): ContentNode[] {
  const clauseNumber: ClauseNumberNode = { type: 'clauseNumber', value: c.label };
  // Our node rides inside mdast phrasing content; the HTML handler table renders it.
  const number = clauseNumber as unknown as PhrasingContent;
  const body = annotate(c.body, t, c.label.slice(0, -1));
  if (c.placement === 'heading')
    return [
      {
        type: 'heading',
        depth: Math.min(c.depth + 1, 6) as 2 | 3 | 4 | 5 | 6,
        children: [number, { type: 'text', value: ' ' }, ...c.title],
      },
      ...body,
    ];
  const [first, ...rest] = body;
  if (c.placement === 'first-paragraph' && first?.type === 'paragraph')
    return [
      { ...first, children: [number, { type: 'text', value: ' ' }, ...first.children] },
      ...rest,
    ];
  const alone: Paragraph = { type: 'paragraph', children: [number] };
  return [alone, ...body];
}

/**
 * Gives every table an accessible name (what the generated table shows, or its clause) and
 * marks generated lists with the parameter they come from.
 */
function annotate(
  blocks: readonly RootContent[],
  t: TFunction,
  clause: string | undefined,
): RootContent[] {
  return blocks.map((node) => {
    if (node.type === 'list' && node.data?.parameter)
      return withProperties(node, { dataParam: node.data.parameter });
    if (node.type !== 'table') return node;
    const label = tableLabel(node, t, clause);
    return label ? withProperties(node, { ariaLabel: label }) : node;
  });
}

function withProperties<T extends RootContent>(node: T, properties: Record<string, string>): T {
  const data = (node as { data?: { hProperties?: Record<string, unknown> } }).data;
  return { ...node, data: { ...data, hProperties: { ...data?.hProperties, ...properties } } };
}

function tableLabel(node: Table, t: TFunction, clause: string | undefined): string | undefined {
  switch (node.data?.parameter) {
    case 'sla.restoreTimes':
      return t('tables.restore.label');
    case 'sla.compensationTiers':
      return t('tables.tiers.label');
    default:
      return clause ? t('tables.clause', { number: clause }) : undefined;
  }
}
