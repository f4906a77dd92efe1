import type { ListItem, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Content, ContentText } from 'pdfmake/interfaces.js';
import { unknownNodeError } from '../resolve.js';
import type { PdfContext } from './context.js';
import { runs } from './inline.js';

type BlockType =
  | 'paragraph'
  | 'list'
  | 'listItem'
  | 'table'
  | 'tableRow'
  | 'tableCell'
  | 'blockquote'
  | 'thematicBreak';
type Handler<T extends BlockType> = (
  node: Extract<RootContent, { type: T }>,
  ctx: PdfContext,
) => Content;

// GFM task list items keep their box in print.
const CHECKBOX = { true: '☑ ', false: '☐ ' } as const;

/** One handler per block node type of the resolved model. */
const HANDLERS: { [T in BlockType]: Handler<T> } = {
  paragraph: (node, ctx) => ({ text: runs(node.children, {}, ctx), style: 'paragraph' }),
  list: (node, ctx) => {
    const items = node.children.map((item) => block(item, ctx));
    return node.ordered
      ? { ol: items, start: node.start ?? 1, style: 'list' }
      : { ul: items, style: 'list' };
  },
  listItem: (node, ctx) => listItem(node, ctx),
  table: (node, ctx) => ({
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: tableWidths(node, ctx),
      body: node.children.map((row, i) => tableRow(row, ctx, i === 0, node.align ?? [])),
    },
    layout: 'grid',
    style: 'table',
  }),
  tableRow: (node, ctx) => tableRow(node, ctx, false, []),
  tableCell: (node, ctx) => tableCell(node, ctx, false, null),
  blockquote: (node, ctx) => ({
    stack: node.children.map((child) => block(child, ctx)),
    style: 'blockquote',
  }),
  thematicBreak: (_node, ctx) => ({
    canvas: [
      {
        type: 'line',
        x1: 0,
        y1: 0,
        x2: ctx.width,
        y2: 0,
        lineWidth: ctx.layout.tableLayouts.grid.lineWidth,
        lineColor: ctx.layout.tableLayouts.grid.lineColor,
      },
    ],
    style: 'thematicBreak',
  }),
};

/** A block of the resolved model as pdfmake content; an unknown node type is an error, never dropped. */
export function block(node: RootContent, ctx: PdfContext): Content {
  if (!Object.hasOwn(HANDLERS, node.type)) throw unknownNodeError('PDF', node, ctx.file);
  const handler = HANDLERS[node.type as BlockType] as Handler<BlockType>;
  return handler(node as never, ctx);
}

function listItem(node: ListItem, ctx: PdfContext): Content {
  const box = typeof node.checked === 'boolean' ? [{ text: CHECKBOX[`${node.checked}`] }] : [];
  // Paragraphs of an item print without the paragraph spacing, so tight lists stay tight.
  const parts = node.children.map((child, i): Content => {
    if (child.type !== 'paragraph') return block(child, ctx);
    const text = runs(child.children, {}, ctx);
    return { text: i === 0 ? [...box, ...text] : text };
  });
  return parts.length === 1 && parts[0] !== undefined ? parts[0] : { stack: parts };
}

type Align = Table['align'] extends (infer A)[] | null | undefined ? A : never;

function tableRow(node: TableRow, ctx: PdfContext, header: boolean, align: Align[]): ContentText[] {
  return node.children.map((cell, i) => tableCell(cell, ctx, header, align[i] ?? null));
}

function tableCell(node: TableCell, ctx: PdfContext, header: boolean, align: Align): ContentText {
  const cell: ContentText = { text: runs(node.children, {}, ctx) };
  if (header) cell.style = 'tableHeader';
  if (align) cell.alignment = align;
  return cell;
}

function tableWidths(node: Table, ctx: PdfContext): (number | '*')[] {
  const columns = node.children[0]?.children.length ?? 0;
  const configured = node.data?.parameter ? ctx.layout.tableWidths[node.data.parameter] : undefined;
  if (configured && configured.length === columns) return configured;
  return Array.from({ length: columns }, () => '*' as const);
}
