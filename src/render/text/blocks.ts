import type { List, ListItem, PhrasingContent, RootContent } from 'mdast';
import { unknownNodeError } from '../resolve.js';

/** What the text handlers need besides the node: the file positions are in, for errors. */
export interface TextContext {
  file: string;
  /** Inside a filled parameter: a link reads as its text alone. */
  inParameter?: boolean;
}

type InlineType =
  | 'text'
  | 'emphasis'
  | 'strong'
  | 'delete'
  | 'inlineCode'
  | 'break'
  | 'parameterValue'
  | 'link';
type BlockType = 'paragraph' | 'list' | 'table' | 'blockquote' | 'thematicBreak';
type Inline<T extends InlineType> = (
  node: Extract<PhrasingContent, { type: T }>,
  ctx: TextContext,
) => string;
type Block<T extends BlockType> = (
  node: Extract<RootContent, { type: T }>,
  ctx: TextContext,
) => string[];

/** The text of phrasing content; soft line breaks become spaces, as a browser shows them. */
export function inlineText(nodes: readonly PhrasingContent[], ctx: TextContext): string {
  return nodes
    .map((node) => {
      const handler = (INLINE as Record<string, Inline<InlineType> | undefined>)[node.type];
      if (!handler) throw unknownNodeError('text', node, ctx.file);
      return handler(node as never, ctx);
    })
    .join('');
}

/** The lines of one block, without blank lines around it. */
export function blockLines(node: RootContent, ctx: TextContext): string[] {
  const handler = (BLOCK as Record<string, Block<BlockType> | undefined>)[node.type];
  if (!handler) throw unknownNodeError('text', node, ctx.file);
  return handler(node as never, ctx);
}

const children = (node: { children: PhrasingContent[] }, ctx: TextContext) =>
  inlineText(node.children, ctx);

/** One handler per inline node type of the resolved model; any other type is an error. */
const INLINE: { [T in InlineType]: Inline<T> } = {
  text: (node) => node.value.replace(/[ \t\r\n]+/g, ' '),
  emphasis: children,
  strong: children,
  delete: children,
  inlineCode: (node) => node.value,
  break: () => '\n',
  parameterValue: (node, ctx) => inlineText(node.children, { ...ctx, inParameter: true }),
  // A filled parameter (t.me, tel:) and a cross-reference (#3-1) read as their text; a link
  // the author wrote keeps its address, which the plain text would otherwise lose.
  link: (node, ctx) => {
    const text = inlineText(node.children, ctx);
    return ctx.inParameter || node.url.startsWith('#') || text === node.url || text === ''
      ? text || node.url
      : `${text} (${node.url})`;
  },
};

/** One handler per block node type of the resolved model; any other type is an error. */
const BLOCK: { [T in BlockType]: Block<T> } = {
  paragraph: (node, ctx) => trimLines(inlineText(node.children, ctx)),
  list: (node, ctx) => listLines(node, ctx),
  table: (node, ctx) =>
    node.children.map((row) =>
      row.children.map((cell) => inlineText(cell.children, ctx).trim()).join(' | '),
    ),
  blockquote: (node, ctx) =>
    joinBlocks(node.children, ctx).map((line) => (line ? `> ${line}` : '>')),
  thematicBreak: () => ['* * *'],
};

function listLines(list: List, ctx: TextContext): string[] {
  const start = list.start ?? 1;
  return list.children.flatMap((item: ListItem, i) => {
    const marker = list.ordered ? `${start + i}. ` : '• ';
    const indent = ' '.repeat(marker.length);
    return joinBlocks(item.children, ctx, false).map((line, k) =>
      k === 0 ? `${marker}${line}` : line ? `${indent}${line}` : '',
    );
  });
}

/** Lines of several blocks; `spread` puts a blank line between them. */
export function joinBlocks(
  nodes: readonly RootContent[],
  ctx: TextContext,
  spread = true,
): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const lines = blockLines(node, ctx);
    if (lines.length === 0) continue;
    if (spread && out.length > 0) out.push('');
    out.push(...lines);
  }
  return out;
}

function trimLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}
