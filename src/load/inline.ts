import type { PhrasingContent, Text } from 'mdast';
import { type Code, type Diagnostic, diagnostic, type Point, pointOf } from '../diagnostics.js';
import { isSafeUrl } from '../model/links.js';
import { pointsOf } from './positions.js';
import { controlName, findControls } from './text.js';

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const INLINE = new Set(['text', 'emphasis', 'strong', 'delete', 'link', 'break', 'inlineCode']);

/** What inline resolution needs to know about the file it works on. */
export interface InlineContext {
  text: string;
  file: string;
  diagnostics: Diagnostic[];
  toPoint: (offset: number) => Point;
}

/** Builds the context for one source file. */
export function inlineContext(
  text: string,
  file: string,
  diagnostics: Diagnostic[],
): InlineContext {
  return { text, file, diagnostics, toPoint: pointsOf(text) };
}

/**
 * Turns `{{path}}` in text into placeholder nodes and `[](#id)` links into clause references,
 * keeping positions; raw HTML and unsupported inline nodes become diagnostics.
 */
export function parseInline(nodes: PhrasingContent[], ctx: InlineContext): PhrasingContent[] {
  const { file, diagnostics } = ctx;
  const out: PhrasingContent[] = [];
  const report = (code: Code, message: string, node: { position?: Text['position'] }) =>
    diagnostics.push(diagnostic(code, message, { file, node }));
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(...splitPlaceholders(node, ctx));
      continue;
    }
    if (node.type === 'html') {
      report('raw-html', 'raw HTML is not allowed in terms; write Markdown', node);
      continue;
    }
    if (node.type === 'link' && node.url.startsWith('#')) {
      if (node.children.length > 0)
        report(
          'ref-text',
          `a cross-reference is written [](${node.url}): its number is generated, so the link text must be empty`,
          node,
        );
      out.push({ type: 'clauseRef', target: node.url.slice(1), position: node.position });
      continue;
    }
    if (node.type === 'link' && !isSafeUrl(node.url)) {
      report(
        'unsafe-link',
        `link to "${node.url}": only https:, http:, mailto: and tel: links and [](#clause-id) cross-references are allowed`,
        node,
      );
      // Kept in the model: `terms check` fails on it; if rendered anyway, HTML and PDF print it without the link.
    }
    if (!INLINE.has(node.type)) {
      report('unsupported-node', `inline "${node.type}" is not supported in terms`, node);
      continue;
    }
    if ('children' in node)
      out.push({
        ...node,
        children: parseInline(node.children as PhrasingContent[], ctx),
      } as PhrasingContent);
    else out.push(node);
  }
  return out;
}

function splitPlaceholders(node: Text, ctx: InlineContext): PhrasingContent[] {
  const { text, file, diagnostics, toPoint } = ctx;
  const value = node.value;
  const found = [...value.matchAll(PLACEHOLDER)];
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const source = start !== undefined && end !== undefined ? text.slice(start, end) : undefined;
  const inSource = source ? [...source.matchAll(PLACEHOLDER)] : [];
  const pointAt = (k: number, fallback: number) => {
    const m = inSource.length === found.length ? inSource[k] : undefined;
    if (start !== undefined && m?.index !== undefined) return toPoint(start + m.index);
    if (start !== undefined && source === value) return toPoint(start + fallback);
    return pointOf(node);
  };
  // A control character written as a character reference (`&#x202E;`) is not in the raw text,
  // where the loader looks for the others.
  const written = findControls(source ?? '').map((i) => (source as string).charCodeAt(i));
  const hidden = findControls(value)
    .map((i) => value.charCodeAt(i))
    .find((code) => {
      const k = written.indexOf(code);
      if (k >= 0) written.splice(k, 1);
      return k < 0;
    });
  if (hidden !== undefined) {
    const code = hidden;
    diagnostics.push(
      diagnostic(
        'control-character',
        `${controlName(code)}, written as a character reference, is not allowed in terms content`,
        { file, node },
      ),
    );
  }
  const leftover = value.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    const index = leftover.includes('{{') ? value.indexOf('{{') : value.indexOf('}}');
    diagnostics.push(
      diagnostic('bad-placeholder', 'unbalanced "{{" or "}}": a placeholder is written {{path}}', {
        file,
        at: pointAt(-1, index),
      }),
    );
  }
  if (found.length === 0) return [node];
  // Text between placeholders keeps its place when the source reads as the value (no escapes).
  const fragment = (from: number, to: number): Text => {
    const text: Text = { type: 'text', value: value.slice(from, to) };
    if (start === undefined || source !== value) return text;
    const at = (o: number) => ({ ...toPoint(start + o), offset: start + o });
    return { ...text, position: { start: at(from), end: at(to) } };
  };
  const out: PhrasingContent[] = [];
  let last = 0;
  found.forEach((m, k) => {
    const index = m.index ?? 0;
    if (index > last) out.push(fragment(last, index));
    const begin = pointAt(k, index);
    const finish = { line: begin.line, column: begin.column + m[0].length };
    out.push({
      type: 'placeholder',
      path: (m[1] ?? '').trim(),
      position: { start: { ...begin }, end: finish },
    });
    last = index + m[0].length;
  });
  if (last < value.length) out.push(fragment(last, value.length));
  return out;
}
