import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Service, Terms, TermsVersion } from '../../../src/model/terms.js';
import { openTerms } from '../../../src/open.js';
import { TERMS } from '../../helpers/terms.js';

/** The real terms, their one service and its 2025-09-10 version. */
export async function realTerms(): Promise<{
  terms: Terms;
  service: Service;
  version: TermsVersion;
}> {
  const terms = await openTerms(TERMS);
  const service = terms.services.find((s) => s.id === 'dedicated-compute') as Service;
  const version = service.versions.find((v) => v.id === '2025-09-10') as TermsVersion;
  return { terms, service, version };
}

/** A page parsed back into hast, positions kept, so tests can look at elements and their bytes. */
export function parse(html: string): Root {
  return fromHtml(html);
}

/** Every element of a tree in document order. */
export function elements(node: Root | Element): Element[] {
  const out: Element[] = [];
  for (const child of node.children)
    if (child.type === 'element') out.push(child, ...elements(child));
  return out;
}

/** The element with this id (there must be exactly one). */
export function byId(tree: Root, id: string): Element {
  const found = elements(tree).filter((e) => e.properties.id === id);
  if (found.length !== 1)
    throw new Error(`expected one element with id "${id}", found ${found.length}`);
  return found[0] as Element;
}

/** Elements carrying a class. */
export function byClass(tree: Root | Element, className: string): Element[] {
  return elements(tree as Root).filter((e) =>
    ((e.properties.className as string[] | undefined) ?? []).includes(className),
  );
}

/** The exact bytes of an element in the page it was parsed from. */
export function source(html: string, element: Element): string {
  const start = element.position?.start.offset;
  const end = element.position?.end.offset;
  if (start === undefined || end === undefined) throw new Error('element has no position');
  return html.slice(start, end);
}

/** The text content of an element. */
export function textOf(node: Element | Root): string {
  return node.children
    .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : ''))
    .join('');
}
