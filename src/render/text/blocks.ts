import type { List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';

type Inline = (node: never, inParameter: boolean) => string;
type Block = (node: never) => string[];

/** The text of phrasing content; soft line breaks become spaces, as a browser shows them. */
export function inlineText(nodes: readonly PhrasingContent[], inParameter = false): string {
  return nodes
    .map((node) => {
      const handler = INLINE[node.type];
      if (!handler)
        throw new Error(`cannot render a "${node.type}" node as text: no handler for it`);
      return handler(node as never, inParameter);
    })
    .join('');
}

/** The lines of one block, without blank lines around it. */
export function blockLines(node: RootContent): string[] {
  const handler = BLOCK[node.type];
  if (!handler) throw new Error(`cannot render a "${node.type}" node as text: no handler for it`);
  return handler(node as never);
}

const children = (node: { children: PhrasingContent[] }, inParameter: boolean) =>
  inlineText(node.children, inParameter);

/** One handler per inline node type; an unknown type throws. */
const INLINE: Partial<Record<string, Inline>> = {
  text: (node: { value: string }) => node.value.replace(/[ \t\r\n]+/g, ' '),
  emphasis: children,
  strong: children,
  delete: children,
  inlineCode: (node: { value: string }) => node.value,
  break: () => '\n',
  parameterValue: (node: { children: PhrasingContent[] }) => inlineText(node.children, true),
  // A filled parameter (t.me, tel:) and a cross-reference (#3-1) read as their text; a link
  // the author wrote keeps its address, which the plain text would otherwise lose.
  link: (node: { url: string; children: PhrasingContent[] }, inParameter) => {
    const text = inlineText(node.children, inParameter);
    return inParameter || node.url.startsWith('#') || text === node.url || text === ''
      ? text || node.url
      : `${text} (${node.url})`;
  },
  // Raw HTML never reaches a document (the loader reports it); drop it here as HTML does.
  html: () => '',
};

/** One handler per block node type; an unknown type throws. */
const BLOCK: Partial<Record<string, Block>> = {
  paragraph: (node: { children: PhrasingContent[] }) => trimLines(inlineText(node.children)),
  list: (node: List) => listLines(node),
  table: (node: Table) =>
    node.children.map((row) =>
      row.children.map((cell) => inlineText(cell.children).trim()).join(' | '),
    ),
  blockquote: (node: { children: RootContent[] }) =>
    joinBlocks(node.children).map((line) => (line ? `> ${line}` : '>')),
  thematicBreak: () => ['* * *'],
  html: () => [],
};

function listLines(list: List): string[] {
  const start = list.start ?? 1;
  return list.children.flatMap((item: ListItem, i) => {
    const marker = list.ordered ? `${start + i}. ` : '• ';
    const indent = ' '.repeat(marker.length);
    return joinBlocks(item.children, false).map((line, k) =>
      k === 0 ? `${marker}${line}` : line ? `${indent}${line}` : '',
    );
  });
}

/** Lines of several blocks; `spread` puts a blank line between them. */
export function joinBlocks(nodes: readonly RootContent[], spread = true): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const lines = blockLines(node);
    if (lines.length === 0) continue;
    if (spread && out.length > 0) out.push('');
    out.push(...lines);
  }
  return out;
}

function trimLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}
