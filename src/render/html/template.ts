import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** The folder of the HTML page layout, `templates/html/` at the package root. */
export const TEMPLATE_DIR = new URL('../../../templates/html/', import.meta.url);

// Read once per process: the layout and stylesheet ship with the package.
const SHELL: Root = tidy(
  stripComments(fromHtml(readFileSync(new URL('page.html', TEMPLATE_DIR), 'utf8'))),
);

/** The stylesheet every page embeds in its `<style>` element (screen and print). */
export const STYLE: string = readFileSync(new URL('terms.css', TEMPLATE_DIR), 'utf8');

/**
 * The CSP source that allows the embedded stylesheet, `'sha256-…'`: the server sends
 * `style-src ${STYLE_HASH}` so no `'unsafe-inline'` is needed.
 */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/** A Content-Security-Policy the pages work under: nothing but the embedded stylesheet. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** What a page puts into the shell's slots. */
export interface PageParts {
  lang: string;
  title: string;
  /** Extra class on `<body>` (e.g. `wide` for the bilingual edition). */
  bodyClass?: string;
  /** Extra `<head>` elements (alternate links). */
  head?: Element[];
  skip: ElementContent[];
  header: ElementContent[];
  main: ElementContent[];
  footer: ElementContent[];
  /** What only some callers add to a page (see `PageExtra`); the bundle's pages have none. */
  extra?: PageExtra | undefined;
}

/**
 * Content a page is given besides its own, by callers other than the bundle (`terms preview`
 * adds its stylesheet, its reload script and a diagnostics panel): without it a page's bytes
 * are exactly the bundle's.
 */
export interface PageExtra {
  /** Elements appended to `<head>`. */
  head?: Element[];
  /** Content put first in `<main>`, before the page's own. */
  mainStart?: ElementContent[];
}

type Slot = 'skip' | 'header' | 'main' | 'footer';

/** Fills a fresh copy of the shell and serializes it: the one place a page becomes bytes. */
export function renderPage(parts: PageParts): string {
  const tree = structuredClone(SHELL);
  const html = findElement(tree, 'html');
  html.properties = { ...html.properties, lang: parts.lang };
  const head = findElement(html, 'head');
  findElement(head, 'title').children = [{ type: 'text', value: parts.title }];
  findElement(head, 'style').children = [{ type: 'text', value: STYLE }];
  for (const extra of [...(parts.head ?? []), ...(parts.extra?.head ?? [])])
    head.children.push(extra, { type: 'text', value: '\n' });
  const body = findElement(html, 'body');
  if (parts.bodyClass) body.properties = { ...body.properties, className: [parts.bodyClass] };
  const main = [...(parts.extra?.mainStart ?? []), ...parts.main];
  for (const slot of ['skip', 'header', 'footer'] as const) fill(body, slot, parts[slot]);
  fill(body, 'main', main);
  return `${unified().use(rehypeStringify).stringify(tree)}\n`;
}

// An empty slot is removed with its element: an empty <header> would be an empty landmark.
function fill(body: Element, slot: Slot, content: ElementContent[]): void {
  const target = findSlot(body, slot);
  if (!target) throw new Error(`templates/html/page.html has no data-slot="${slot}"`);
  if (content.length === 0) {
    removeElement(body, target);
    return;
  }
  const { dataSlot: _, ...rest } = target.properties;
  target.properties = rest;
  target.children = content;
}

function removeElement(parent: Element, target: Element): boolean {
  const i = parent.children.indexOf(target);
  if (i >= 0) {
    const next = parent.children[i + 1];
    parent.children.splice(i, next && isBlank(next) ? 2 : 1);
    return true;
  }
  return parent.children.some((c) => c.type === 'element' && removeElement(c, target));
}

function findSlot(node: Element, slot: Slot): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.properties.dataSlot === slot) return child;
    const inner = findSlot(child, slot);
    if (inner) return inner;
  }
  return undefined;
}

function findElement(parent: Root | Element, tagName: string): Element {
  const children: RootContent[] = parent.children;
  const found = children.find((c): c is Element => c.type === 'element' && c.tagName === tagName);
  if (!found) throw new Error(`templates/html/page.html has no <${tagName}>`);
  return found;
}

function stripComments<T extends Root | Element>(node: T): T {
  const children = (node.children as RootContent[])
    .filter((c) => c.type !== 'comment')
    .map((c) => (c.type === 'element' ? stripComments(c) : c));
  return { ...node, children } as T;
}

// The HTML parser drops the line break after the doctype and moves the text after </body>
// into <body>; put both back so the output reads like the template.
function tidy(root: Root): Root {
  const children: RootContent[] = [];
  for (const node of root.children) {
    if (isBlank(node)) continue;
    children.push(node);
    if (node.type === 'doctype') children.push({ type: 'text', value: '\n' });
  }
  const tree: Root = { ...root, children };
  const body = findElement(findElement(tree, 'html'), 'body');
  while (
    body.children.length > 0 &&
    isBlank(body.children[body.children.length - 1] as RootContent)
  )
    body.children.pop();
  body.children.push({ type: 'text', value: '\n' });
  return tree;
}

function isBlank(node: RootContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}
