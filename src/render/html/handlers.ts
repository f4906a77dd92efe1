import type { Element, ElementContent } from 'hast';
import type { Table, TableRow } from 'mdast';
import { defaultHandlers, type Options } from 'remark-rehype';
import type { ParameterValueNode } from '../../model/document.js';
import type {
  ClauseNumberNode,
  ParallelCellNode,
  ParallelRowNode,
  TermsClauseNode,
} from './content.js';

type Handlers = NonNullable<Options['handlers']>;
type Handler = NonNullable<Handlers[keyof Handlers]>;
type State = Parameters<Handler>[0];

const element = (
  state: State,
  node: object,
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[],
): Element => {
  const result: Element = { type: 'element', tagName, properties, children };
  state.patch(node as never, result);
  return result;
};

/** A clause: a `<section>` for a top-level section, a `<div>` below it; the id is the anchor. */
const termsClause: Handler = (state, node: TermsClauseNode) =>
  element(
    state,
    node,
    node.depth === 1 ? 'section' : 'div',
    node.depth === 1 ? { id: node.id } : { id: node.id, className: [`clause-${node.depth}`] },
    state.wrap(state.all(node as never), true),
  );

const clauseNumber: Handler = (state, node: ClauseNumberNode) =>
  element(state, node, 'span', { className: ['clause-number'] }, [
    { type: 'text', value: node.value },
  ]);

/** A filled placeholder keeps the path it came from, so reviewers can trace every number. */
const parameterValue: Handler = (state, node: ParameterValueNode) =>
  element(state, node, 'span', { dataParam: node.path }, state.all(node as never));

const parallelRow: Handler = (state, node: ParallelRowNode) =>
  element(
    state,
    node,
    'div',
    { id: node.id, className: node.section ? ['row', 'section-row'] : ['row'] },
    state.wrap(state.all(node as never), true),
  );

const parallelCell: Handler = (state, node: ParallelCellNode) =>
  element(
    state,
    node,
    'div',
    { className: ['cell'], lang: node.lang },
    state.wrap(state.all(node as never), true),
  );

/**
 * Tables get real headers: the first row is `<th scope="col">`; in generated tables the first
 * column names the row (`<th scope="row">`). Alignment is dropped (`align` is obsolete HTML).
 */
const table: Handler = (state, node: Table) => {
  const [head, ...rows] = node.children;
  const generated = node.data?.parameter !== undefined;
  const row = (r: TableRow, header: boolean): Element =>
    element(
      state,
      r,
      'tr',
      {},
      state.wrap(
        r.children.map((cell, i) => {
          const scope = header ? 'col' : generated && i === 0 ? 'row' : undefined;
          return element(state, cell, scope ? 'th' : 'td', scope ? { scope } : {}, state.all(cell));
        }),
        true,
      ),
    );
  const parts: Element[] = [];
  if (head) parts.push(element(state, head, 'thead', {}, state.wrap([row(head, true)], true)));
  if (rows.length > 0)
    parts.push({
      type: 'element',
      tagName: 'tbody',
      properties: {},
      children: state.wrap(
        rows.map((r) => row(r, false)),
        true,
      ),
    });
  const result = element(
    state,
    node,
    'table',
    generated ? { dataParam: node.data?.parameter } : {},
    state.wrap(parts, true),
  );
  return state.applyData(node, result);
};

/** Thrown by the handlers for a node they refuse; `toSafeHast` names its file and position. */
export class UnhandledNode extends Error {
  readonly node: { type: string; position?: { start: { line: number; column: number } } };
  constructor(node: UnhandledNode['node']) {
    super(`no HTML handler for a "${node.type}" node`);
    this.node = node;
  }
}

/** A node the terms never contain (the loader rejects it): rendering it would hide a bug. */
const refuse: Handler = (_state, node) => {
  throw new UnhandledNode(node);
};

/**
 * One handler per mdast node type the resolved model may hold; any other type — raw `html`
 * included, which the loader already reports — throws, as in the text and PDF renderers.
 */
export const HANDLERS: Handlers = {
  ...Object.fromEntries(Object.keys(defaultHandlers).map((type) => [type, refuse])),
  root: defaultHandlers.root,
  paragraph: defaultHandlers.paragraph,
  heading: defaultHandlers.heading,
  text: defaultHandlers.text,
  emphasis: defaultHandlers.emphasis,
  strong: defaultHandlers.strong,
  delete: defaultHandlers.delete,
  inlineCode: defaultHandlers.inlineCode,
  break: defaultHandlers.break,
  link: defaultHandlers.link,
  list: defaultHandlers.list,
  listItem: defaultHandlers.listItem,
  blockquote: defaultHandlers.blockquote,
  thematicBreak: defaultHandlers.thematicBreak,
  table,
  termsClause,
  clauseNumber,
  parameterValue,
  parallelRow,
  parallelCell,
} as Handlers;

/** Called for a node type no handler knows: an error, never silently dropped. */
export const unknownHandler: Handler = refuse;
