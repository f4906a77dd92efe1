import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { h } from 'hastscript';
import { lines } from '../render/html/chrome.js';
import { renderPage } from '../render/html/template.js';
import { previewBar, previewExtra } from './chrome.js';
import type { Workspace } from './workspace.js';

/** Lines shown on each side of the line a diagnostic names. */
const CONTEXT = 8;
/** A file larger than this is not shown (the terms' own files are a few kilobytes). */
const MAX_BYTES = 1024 * 1024;

/**
 * The lines around `line` of a file inside the terms folder, numbered, the line itself
 * marked, for the link of a diagnostic. `file` is the path as diagnostics print it; anything
 * outside the terms folder, or not a file, gives undefined (a 404), never its bytes.
 */
export async function renderSource(
  workspace: Workspace,
  file: string,
  line: number,
): Promise<string | undefined> {
  const absolute = path.resolve(workspace.cwd, file);
  const rel = path.relative(workspace.root, absolute);
  if (file === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  let text: string;
  try {
    const info = await stat(absolute);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    text = await readFile(absolute, 'utf8');
  } catch {
    return undefined;
  }
  const all = text.split('\n');
  const at = Number.isInteger(line) && line >= 1 ? Math.min(line, all.length) : 1;
  const first = Math.max(1, at - CONTEXT);
  const last = Math.min(all.length, at + CONTEXT);
  const items = [];
  for (let n = first; n <= last; n++) {
    const content = all[n - 1] ?? '';
    items.push(h('li', { id: `L${n}`, value: n }, n === at ? h('mark', content) : content));
  }
  return renderPage({
    lang: 'en',
    title: `${file}:${at} · terms preview`,
    skip: [{ type: 'text', value: 'Skip to content' }],
    header: [],
    main: lines([
      previewBar('source', [[{ href: '/', text: 'Index' }]]),
      h(
        'section.preview-source',
        { ariaLabelledBy: 'preview_source' },
        lines([
          h('h1#preview_source', h('code', `${file}:${at}`)),
          h('ol', { start: first }, lines(items)),
        ]),
      ),
    ]),
    footer: [],
    extra: previewExtra([]),
  });
}
