import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Diagnostic } from '../diagnostics.js';
import { lines } from '../render/html/chrome.js';
import { type PageExtra, STYLE_HASH, TEMPLATE_DIR } from '../render/html/template.js';

/** The stylesheet preview adds to every page (bar, diagnostics, stale marker). */
export const PREVIEW_STYLE: string = readFileSync(new URL('preview.css', TEMPLATE_DIR), 'utf8');

/** Where an open page listens for "what you show changed". */
export const EVENTS_PATH = '/__preview/events';

/** Where a diagnostic's link shows the lines around it. */
export const SOURCE_PATH = '/__preview/source';

/**
 * The reload script, the only script preview pages carry and never part of the bundle: it
 * tells the server which page it shows (path and tag, the sha256 of the page), and reloads
 * when the server says that page would now be different. It marks `<html data-preview-live>`
 * once connected, so a test (or a curious writer) can see that the page is live.
 */
export const PREVIEW_SCRIPT = `(() => {
  const tag = document.querySelector('meta[name="terms-preview"]')?.content ?? '';
  const query = new URLSearchParams({ path: location.pathname + location.search, tag });
  const events = new EventSource('${EVENTS_PATH}?' + query);
  events.addEventListener('open', () => document.documentElement.setAttribute('data-preview-live', ''));
  events.addEventListener('reload', () => { events.close(); location.reload(); });
})();`;

const hash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy of preview pages: the bundle's stylesheet and preview's by hash,
 * the reload script by hash, and its event stream on the same origin; nothing else.
 */
export const PREVIEW_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH} ${hash(PREVIEW_STYLE)}`,
  `script-src ${hash(PREVIEW_SCRIPT)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Replaced by the page's own sha256 once it is rendered (see `sealPage`).
const TAG_PLACEHOLDER = 'terms-preview-tag-placeholder';

/** The `<head>` elements of a preview page: its tag, preview's stylesheet and the reload script. */
export function previewHead(): Element[] {
  return [
    h('meta', { name: 'terms-preview', content: TAG_PLACEHOLDER }),
    h('style', PREVIEW_STYLE),
    h('script', PREVIEW_SCRIPT),
  ];
}

/** A rendered preview page with its tag: the sha256 of what it shows. */
export interface SealedPage {
  html: string;
  tag: string;
}

/** Stamps a page rendered with `previewHead` with its tag. */
export function sealPage(html: string): SealedPage {
  const tag = createHash('sha256').update(html).digest('hex').slice(0, 32);
  return { html: html.replace(TAG_PLACEHOLDER, tag), tag };
}

/** A link to the lines around a diagnostic (preview's source view). */
export function sourceLink(d: Pick<Diagnostic, 'file' | 'line'>): string {
  return `${SOURCE_PATH}?${new URLSearchParams({ file: d.file, line: String(d.line) })}#L${d.line}`;
}

/**
 * The diagnostics of a page, errors and warnings, first in it: `file:line:col` (a link to the
 * line's context), severity, message and code. In English, marked as such, whatever the page's language.
 */
export function problemsPanel(diagnostics: readonly Diagnostic[]): Element | undefined {
  if (diagnostics.length === 0) return undefined;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return h(
    `section.preview-problems${errors === 0 ? '.warnings-only' : ''}`,
    { ariaLabelledBy: 'preview_problems', lang: 'en' },
    lines([
      h('h2#preview_problems', `${count(errors, 'error')}, ${count(warnings, 'warning')}`),
      h(
        'ul',
        lines(
          diagnostics.map((d) =>
            h('li', [
              h('a', { href: sourceLink(d) }, h('code', `${d.file}:${d.line}:${d.column}`)),
              ': ',
              h(`strong.severity-${d.severity}`, d.severity),
              `: ${d.message} `,
              h('code', `(${d.code})`),
            ]),
          ),
        ),
      ),
    ]),
  );
}

/** The marker above a last good render shown while the sources have errors. */
export function staleNotice(): Element {
  return h(
    'p.preview-stale',
    { lang: 'en' },
    h('strong', 'Stale: '),
    'the sources have errors (above); below is the last render without errors, not what the files say now.',
  );
}

/** One link of preview's bar; the one for the page itself is marked current. */
export interface BarLink {
  href: string;
  text: string;
  current?: boolean;
  lang?: string;
}

/** Preview's bar: what the page is (a draft, published) and its views, in English. */
export function previewBar(status: string, groups: BarLink[][]): Element {
  const item = (l: BarLink) =>
    h(
      'li',
      h(
        'a',
        {
          href: l.href,
          ...(l.current ? { ariaCurrent: 'page' } : {}),
          ...(l.lang ? { lang: l.lang } : {}),
        },
        l.text,
      ),
    );
  return h(
    'nav.preview-bar',
    { ariaLabel: 'Preview', lang: 'en' },
    lines([h('strong', `Preview · ${status}`), ...groups.map((g) => h('ul', lines(g.map(item))))]),
  );
}

/** What a page gets from preview: the head elements and the content put first in `<main>`. */
export function previewExtra(mainStart: (ElementContent | undefined)[]): PageExtra {
  return {
    head: previewHead(),
    mainStart: lines(mainStart.filter((e): e is ElementContent => e !== undefined)),
  };
}
