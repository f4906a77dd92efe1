import type { PhrasingContent, RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';

type BlockHandler = (node: never) => string;

/**
 * One handler per block type a resolved clause body holds: how it reads as plain text for a
 * diff. A block type without a handler is an error, never silently left out of the comparison.
 */
const BLOCKS: Record<string, BlockHandler> = {
  paragraph: (node: { children: PhrasingContent[] }) => phrasing(node.children),
  list: (node: { ordered?: boolean | null; start?: number | null; children: RootContent[] }) =>
    node.children
      .map((item, i) => {
        const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '-';
        return `${marker} ${blocksToText((item as { children: RootContent[] }).children).replace(/\n/g, '\n  ')}`;
      })
      .join('\n'),
  table: (node: { children: { children: { children: PhrasingContent[] }[] }[] }) =>
    node.children
      .map((row) => row.children.map((cell) => phrasing(cell.children)).join(' | '))
      .join('\n'),
  blockquote: (node: { children: RootContent[] }) =>
    blocksToText(node.children)
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n'),
  thematicBreak: () => '---',
};

/** The plain text of resolved blocks (placeholders already filled), one block per line group. */
export function blocksToText(nodes: readonly RootContent[]): string {
  return nodes
    .map((node) => {
      const handler = BLOCKS[node.type];
      if (!handler) throw new Error(`cannot compare a "${node.type}" block as text`);
      return handler(node as never);
    })
    .join('\n');
}

/** The plain text of inline content: cross-references read as their numbers, parameters as their values. */
export function phrasing(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'break') return '\n';
      if ('children' in node) return phrasing(node.children as PhrasingContent[]);
      return mdToString(node);
    })
    .join('');
}
