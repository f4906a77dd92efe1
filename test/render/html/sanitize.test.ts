import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import type { RootContent } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clause } from '../../../src/model/document.js';
import { LANGS } from '../../../src/model/lang.js';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { inspectTerms } from '../../../src/open.js';
import { renderHtml } from '../../../src/render/html/index.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { renderText } from '../../../src/render/text/index.js';
import { runCli } from '../../helpers/cli.js';
import { tempCopy } from '../../helpers/terms.js';
import { elements, parse, realTerms } from './helpers.js';

// Written into clause 3.3 of every language: each line tries another way to get code onto the page.
const HOSTILE = [
  '<script>alert(1)</script>',
  '',
  'Text <img src=x onerror="alert(2)"> and [x](javascript:alert(3)) and <a href="https://example.com" onclick="alert(4)">click</a>.',
  '',
  '<iframe src="https://evil.example/"></iframe>',
  '',
  'Autolink <javascript:alert(5)> and [y](JaVaScRiPt:alert(6)).',
  '',
].join('\n');
const ANCHOR = '### {#configuration}\n';
const VERSION_DIR = path.join('dedicated-compute', '2025-09-10');

/** Where the hostile HTML sits in the file, as `terms check` must report it. */
function expectedRawHtml(text: string, file: string): string[] {
  const lines = text.split('\n');
  const at = (needle: string) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return `${file}:${line + 1}:${(lines[line] as string).indexOf(needle) + 1}: error: raw HTML is not allowed in terms; write Markdown (raw-html)`;
  };
  return [at('<script>'), at('<img'), at('<a href'), at('</a>'), at('<iframe')];
}

/** Everything on a page that could run code or load a frame. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const visit = (tree: Root) => {
    for (const e of elements(tree)) {
      if (['script', 'iframe', 'img', 'object', 'embed', 'frame'].includes(e.tagName))
        found.push(`<${e.tagName}>`);
      for (const [name, value] of Object.entries(e.properties)) {
        if (/^on/i.test(name)) found.push(`${e.tagName}[${name}]`);
        if (/^\s*javascript:/i.test(String(value))) found.push(`${e.tagName}[${name}=${value}]`);
      }
    }
  };
  visit(parse(html));
  if (/<script|<iframe|\son[a-z]+=|="\s*javascript:/i.test(html)) found.push('in the source text');
  return found;
}

describe('hostile Markdown', () => {
  let copy: { dir: string; cleanup: () => Promise<void> };
  const texts = new Map<string, string>();

  beforeAll(async () => {
    copy = await tempCopy();
    for (const lang of LANGS) {
      const file = path.join(copy.dir, VERSION_DIR, `${lang}.md`);
      const text = (await readFile(file, 'utf8')).replace(ANCHOR, `${ANCHOR}\n${HOSTILE}\n`);
      expect(text).toContain(HOSTILE);
      texts.set(lang, text);
      await writeFile(file, text);
    }
  });

  afterAll(async () => {
    await copy?.cleanup();
  });

  it('is reported by `terms check` as raw-html errors with file:line:col', async () => {
    const r = await runCli(['check', '--terms', copy.dir], { cwd: copy.dir });
    expect(r.code).toBe(1);
    const reported = r.stderr.split('\n').filter((l) => l.endsWith('(raw-html)'));
    expect(reported).toEqual(
      LANGS.toSorted().flatMap((lang) =>
        expectedRawHtml(texts.get(lang) as string, `${VERSION_DIR}/${lang}.md`),
      ),
    );
  });

  it('never reaches the page when the model is rendered without the check', async () => {
    const { terms } = await inspectTerms(copy.dir, { cwd: copy.dir });
    const service = terms.services[0] as Service;
    const version = service.versions[0] as TermsVersion;
    for (const lang of LANGS) {
      const html = renderHtml(service, version, lang);
      expect(html).toContain('click'); // the hostile paragraph was rendered, defanged
      expect(dangers(html)).toEqual([]);
    }
    expect(dangers(renderHtml(service, version, 'kk', { parallel: 'ru' }))).toEqual([]);
  });
});

describe('a model that carries raw HTML and script links', () => {
  let service: Service;
  let version: TermsVersion;

  beforeAll(async () => {
    ({ service, version } = await realTerms());
  });

  /** A copy of the version whose kk clause 3.3 holds these extra blocks. */
  function injected(blocks: RootContent[]): TermsVersion {
    const doc = structuredClone(version.documents.kk);
    const walk = (list: Clause[]) => {
      for (const c of list) {
        if (c.id === 'configuration') c.body.push(...blocks);
        walk(c.children);
      }
    };
    walk(doc.sections);
    return { ...version, documents: { ...version.documents, kk: doc } };
  }

  it('refuses raw HTML nodes, like the text and PDF renderers, naming the file', () => {
    for (const node of [
      { type: 'html', value: '<script>alert(1)</script>' },
      { type: 'paragraph', children: [{ type: 'html', value: '<img src=x onerror=alert(2)>' }] },
    ] as RootContent[])
      expect(() => renderHtml(service, injected([node]), 'kk')).toThrow(
        'terms/dedicated-compute/2025-09-10/kk.md: the HTML renderer has no handler for a "html" node (raw HTML never reaches a document: run terms check)',
      );
  });

  it('strips javascript: and data: links', () => {
    const html = renderHtml(
      service,
      injected([
        {
          type: 'paragraph',
          children: [
            { type: 'link', url: 'javascript:alert(3)', children: [{ type: 'text', value: 'go' }] },
            { type: 'text', value: ' ' },
            {
              type: 'link',
              url: 'data:text/html,<script>alert(4)</script>',
              children: [{ type: 'text', value: 'data' }],
            },
          ],
        },
      ]),
      'kk',
    );
    expect(dangers(html)).toEqual([]);
    expect(html).toContain('<p><a>go</a> <a>data</a></p>');
    expect(html).not.toContain('data:text/html');
  });

  it('links only the schemes check allows: irc: and xmpp: print as text, as in the PDF', () => {
    const link = (url: string, value: string) => ({
      type: 'link' as const,
      url,
      children: [{ type: 'text' as const, value }],
    });
    const html = renderHtml(
      service,
      injected([
        {
          type: 'paragraph',
          children: [
            link('irc://irc.example.org/x', 'irc'),
            { type: 'text', value: ' ' },
            link('xmpp:a@example.org', 'xmpp'),
            { type: 'text', value: ' ' },
            link('tel:+77475073022', 'tel'),
          ],
        },
      ]),
      'kk',
    );
    expect(html).toContain('<p><a>irc</a> <a>xmpp</a> <a href="tel:+77475073022">tel</a></p>');
  });

  it('refuses a node type terms never contain instead of dropping it silently', () => {
    const image: RootContent = {
      type: 'paragraph',
      children: [{ type: 'image', url: 'https://example.com/x.png', alt: 'x' }],
    };
    expect(() => renderHtml(service, injected([image]), 'kk')).toThrow(
      'terms/dedicated-compute/2025-09-10/kk.md: the HTML renderer has no handler for a "image" node',
    );
    const unknown = { type: 'mystery', children: [] } as unknown as RootContent;
    expect(() => renderHtml(service, injected([unknown]), 'kk')).toThrow(
      'terms/dedicated-compute/2025-09-10/kk.md: the HTML renderer has no handler for a "mystery" node',
    );
  });

  it('is refused alike by the HTML, text and PDF renderers, at file:line:col', async () => {
    const code = {
      type: 'code',
      value: 'x',
      position: { start: { line: 42, column: 3 }, end: { line: 44, column: 4 } },
    } as RootContent;
    const model = injected([code]);
    const at = 'terms/dedicated-compute/2025-09-10/kk.md:42:3';
    expect(() => renderHtml(service, model, 'kk')).toThrow(
      `${at}: the HTML renderer has no handler for a "code" node`,
    );
    expect(() => renderText(service, model, 'kk')).toThrow(
      `${at}: the text renderer has no handler for a "code" node`,
    );
    await expect(renderPdf(service, model, 'kk')).rejects.toThrow(
      `${at}: the PDF renderer has no handler for a "code" node`,
    );
  });
});
