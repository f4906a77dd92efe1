import type { PhrasingContent } from 'mdast';
import type { ContentText } from 'pdfmake/interfaces.js';
import { isSafeUrl } from '../../model/links.js';
import { unknownNodeError } from '../resolve.js';
import type { PdfContext } from './context.js';

/** One run of text with its marks: pdfmake drops the marks of nested text arrays, so runs stay flat. */
export type Run = ContentText & { text: string };

/** The marks a run inherits from the phrasing nodes around it. */
export interface Marks {
  bold?: boolean;
  italics?: boolean;
  decoration?: 'lineThrough';
  link?: string;
  linkToDestination?: string;
  style?: string[];
}

type PhrasingType = 'text' | 'emphasis' | 'strong' | 'delete' | 'inlineCode' | 'break' | 'link';
type Handler<T extends PhrasingContent['type']> = (
  node: Extract<PhrasingContent, { type: T }>,
  marks: Marks,
  ctx: PdfContext,
) => Run[];

const run = (text: string, marks: Marks): Run => {
  const { style, ...rest } = marks;
  return style && style.length > 0 ? { text, ...rest, style } : { text, ...rest };
};
const withStyle = (marks: Marks, name: string): Marks => ({
  ...marks,
  style: [...(marks.style ?? []), name],
});

/** One handler per phrasing node type of the resolved model. */
const HANDLERS: { [T in PhrasingType | 'parameterValue']: Handler<T> } = {
  // A soft line break in the source is a space in print; only `break` nodes end a line.
  text: (node, marks) => [run(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), marks)],
  emphasis: (node, marks, ctx) => runs(node.children, { ...marks, italics: true }, ctx),
  strong: (node, marks, ctx) => runs(node.children, { ...marks, bold: true }, ctx),
  delete: (node, marks, ctx) => runs(node.children, { ...marks, decoration: 'lineThrough' }, ctx),
  inlineCode: (node, marks) => [run(node.value, withStyle(marks, 'code'))],
  break: (_node, marks) => [run('\n', marks)],
  link: (node, marks, ctx) => {
    // An unchecked model may hold javascript: or data: links: printed as text, never as a link.
    if (!node.url.startsWith('#') && !isSafeUrl(node.url)) return runs(node.children, marks, ctx);
    const styled = withStyle(marks, 'link');
    if (!node.url.startsWith('#')) return runs(node.children, { ...styled, link: node.url }, ctx);
    const id = node.url.slice(1);
    if (!ctx.destinations.has(id))
      throw new Error(`a link points to "#${id}", which is not a clause of this document`);
    return runs(node.children, { ...styled, linkToDestination: id }, ctx);
  },
  parameterValue: (node, marks, ctx) => runs(node.children, marks, ctx),
};

/** Flat runs of a list of phrasing nodes; an unknown node type is an error, never dropped. */
export function runs(nodes: readonly PhrasingContent[], marks: Marks, ctx: PdfContext): Run[] {
  return nodes.flatMap((node) => {
    if (!Object.hasOwn(HANDLERS, node.type)) throw unknownNodeError('PDF', node, ctx.file);
    const handler = HANDLERS[node.type as keyof typeof HANDLERS] as Handler<typeof node.type>;
    return handler(node as never, marks, ctx);
  });
}

/** The plain text of phrasing nodes as it prints (for outline entries and metadata). */
export function plainText(list: readonly Run[]): string {
  return list.map((r) => r.text).join('');
}
