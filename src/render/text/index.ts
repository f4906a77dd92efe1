import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Lang } from '../../model/lang.js';
import type { Service, TermsVersion } from '../../model/terms.js';
import {
  alignClauses,
  assertEdition,
  flattenResolved,
  type ResolvedClause,
  type ResolvedDocument,
  resolveDocument,
  titleLines,
} from '../resolve.js';
import { blockLines, inlineText } from './blocks.js';

/**
 * One version of the terms as plain text, the way a reader would copy it from the page: the
 * title block, then every clause with its number ("1.1. Text…"), one paragraph a line, blocks
 * separated by a blank line; tables as "cell | cell" rows; the responsibility list as "• …"
 * lines. With `parallel`, each clause is given in the first language, then in the second.
 */
export function renderText(
  service: Service,
  version: TermsVersion,
  lang: Lang,
  options: { parallel?: Lang } = {},
): string {
  const { parallel } = options;
  assertEdition(lang, parallel);
  const left = resolveDocument(service, version, lang);
  const blocks: string[][] = [];
  const lines = (doc: ResolvedDocument) => (b: RootContent) => blockLines(b, { file: doc.file });
  if (!parallel) {
    blocks.push(titleText(left), ...left.preamble.map(lines(left)));
    for (const clause of flattenResolved(left.clauses)) blocks.push(...clauseBlocks(clause, left));
  } else {
    const right = resolveDocument(service, version, parallel);
    blocks.push(titleText(left), titleText(right));
    blocks.push(...left.preamble.map(lines(left)), ...right.preamble.map(lines(right)));
    for (const [l, r] of alignClauses(left, right))
      blocks.push(...clauseBlocks(l, left), ...clauseBlocks(r, right));
  }
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n')}\n`;
}

function titleText(doc: ResolvedDocument): string[] {
  return titleLines(doc).map((line) => line.text);
}

/** A clause's own blocks (not its sub-clauses), its number where the resolved clause places it. */
function clauseBlocks(clause: ResolvedClause, doc: ResolvedDocument): string[][] {
  const ctx = { file: doc.file };
  const label: PhrasingContent = { type: 'text', value: `${clause.label} ` };
  const rest = (blocks: readonly RootContent[]) => blocks.map((b) => blockLines(b, ctx));
  switch (clause.placement) {
    case 'heading':
      return [[inlineText([label, ...clause.title], ctx).trim()], ...rest(clause.body)];
    case 'first-paragraph': {
      const [first, ...others] = clause.body as [Paragraph, ...RootContent[]];
      const numbered: Paragraph = { ...first, children: [label, ...first.children] };
      return [blockLines(numbered, ctx), ...rest(others)];
    }
    case 'own-line':
      return [[clause.label], ...rest(clause.body)];
  }
}
