import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Lang } from '../../model/lang.js';
import type { Service, TermsVersion } from '../../model/terms.js';
import {
  alignClauses,
  flattenResolved,
  type ResolvedClause,
  type ResolvedDocument,
  resolveDocument,
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
  if (parallel === lang)
    throw new Error(`a bilingual edition needs two languages, got ${lang} twice`);
  const left = resolveDocument(service, version, lang);
  const blocks: string[][] = [];
  if (!parallel) {
    blocks.push(titleLines(left), ...left.preamble.map(blockLines));
    for (const clause of flattenResolved(left.clauses)) blocks.push(...clauseBlocks(clause));
  } else {
    const right = resolveDocument(service, version, parallel);
    blocks.push(titleLines(left), titleLines(right));
    blocks.push(...left.preamble.map(blockLines), ...right.preamble.map(blockLines));
    for (const [l, r] of alignClauses(left, right))
      blocks.push(...clauseBlocks(l), ...clauseBlocks(r));
  }
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n')}\n`;
}

function titleLines(doc: ResolvedDocument): string[] {
  const { heading } = doc;
  return [
    ...(heading.draft ? [heading.draft] : []),
    heading.title,
    heading.service,
    heading.version,
    heading.effective,
  ];
}

/** A clause's own blocks (not its sub-clauses), its number in front of the first one. */
function clauseBlocks(clause: ResolvedClause): string[][] {
  const label: PhrasingContent = { type: 'text', value: `${clause.label} ` };
  if (clause.title.length > 0 || clause.depth === 1)
    return [
      [inlineText([label, ...clause.title]).trim()],
      ...clause.body.map((b) => blockLines(b)),
    ];
  const [first, ...rest] = clause.body;
  if (first?.type === 'paragraph') {
    const numbered: Paragraph = { ...first, children: [label, ...first.children] };
    return [blockLines(numbered), ...rest.map((b) => blockLines(b))];
  }
  return [[clause.label], ...clause.body.map((b: RootContent) => blockLines(b))];
}
