import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachedDocuments } from '../../src/cache/documents.js';
import { Cache } from '../../src/cache/store.js';
import { openTree } from '../../src/cache/tree.js';
import { PREVIEW_POLICY } from '../../src/preview/chrome.js';
import { PreviewEngine } from '../../src/preview/engine.js';
import { type KeyedStore, memoryStore } from '../../src/preview/store.js';
import { Workspace } from '../../src/preview/workspace.js';
import { type PlannedDocument, planBundle } from '../../src/publish/bundle-plan.js';
import { newVersion } from '../../src/publish/new-version.js';
import { renderHtml } from '../../src/render/html/index.js';
import { DRAFT, draftCopy, draftFile, edit, positionOf, SENTENCE } from './helpers.js';

const PAGE = `/terms/${DRAFT}/kk.html`;
const PUBLISHED = '/terms/dedicated-compute/2025-09-10/kk.html';
const text = (a: { body: Uint8Array }) => new TextDecoder().decode(a.body);

/** A store that counts what is put in it: one put is one render. */
function counting<T>(): KeyedStore<T> & { puts: number } {
  const inner = memoryStore<T>(100);
  const store = {
    puts: 0,
    get: (k: string) => inner.get(k),
    set: (k: string, v: T) => {
      store.puts++;
      inner.set(k, v);
    },
  };
  return store;
}

let dir: string;
let cleanup: () => Promise<void>;
let engine: PreviewEngine;
let pages: ReturnType<typeof counting<{ html: string; tag: string }>>;
let pdfs: ReturnType<typeof counting<Uint8Array>>;
beforeEach(async () => {
  ({ dir, cleanup } = await draftCopy());
  pages = counting();
  pdfs = counting();
  const now = () => new Date('2026-01-15T12:00:00Z');
  engine = new PreviewEngine(await Workspace.open(dir, { cwd: dir }), { pages, pdfs, now });
});
afterEach(() => cleanup());

describe('terms preview pages', () => {
  it('serves a draft, marked as such, with the reload script its CSP allows by hash', async () => {
    const answer = await engine.answer(PAGE);
    expect(answer.status).toBe(200);
    const html = text(answer);
    expect(html).toContain('class="draft-banner"');
    expect(html).toContain('Preview · dedicated-compute/2026-06-01 · draft');
    const inline = (tag: string) =>
      [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
        (m) =>
          `'sha256-${createHash('sha256')
            .update(m[1] ?? '')
            .digest('base64')}'`,
      );
    expect(inline('script')).toHaveLength(1);
    for (const hash of [...inline('script'), ...inline('style')])
      expect(PREVIEW_POLICY).toContain(hash);
    expect(html).toContain(`<meta name="terms-preview" content="${answer.tag}">`);
  });

  it('leaves the bundle’s pages without the script, the bar or the tag', async () => {
    const good = engine.workspace.version(DRAFT)?.good;
    expect(good).toBeDefined();
    const { service, version } = good as NonNullable<typeof good>;
    const bundlePage = renderHtml(service, version, 'kk');
    for (const mark of ['<script', 'terms-preview', 'preview-bar', 'preview-problems'])
      expect(bundlePage).not.toContain(mark);
    const previewPage = text(await engine.answer(PAGE));
    for (const mark of ['<script', 'terms-preview', 'preview-bar'])
      expect(previewPage).toContain(mark);
  });

  it('lists every version folder, the draft too, on the index and the service page', async () => {
    const index = text(await engine.answer('/'));
    expect(index).toContain(`href="/terms/${DRAFT}/kk.html"`);
    expect(index).toContain(`${DRAFT}</a> · draft`);
    const service = text(await engine.answer('/terms/dedicated-compute/'));
    expect(service).toContain('2026-06-01/kk.html');
  });

  it('re-renders only the version whose file changed', async () => {
    const before = await engine.answer(PAGE);
    const other = await engine.answer(PUBLISHED);
    const rendered = pages.puts;
    await edit(draftFile(dir), SENTENCE, 'қолжетімділік ұсынады. ЖАҢА СӨЙЛЕМ.');
    const summary = await engine.workspace.update([draftFile(dir)]);
    expect(summary.changed).toEqual([DRAFT]);
    expect((await engine.answer(PUBLISHED)).tag).toBe(other.tag);
    expect(pages.puts).toBe(rendered);
    const after = await engine.answer(PAGE);
    expect(pages.puts).toBe(rendered + 1);
    expect(after.tag).not.toBe(before.tag);
    expect(text(after)).toContain('ЖАҢА СӨЙЛЕМ.');
  });

  it('shows an error first with file:line:col and a link to its lines, above the last good render marked stale', async () => {
    const file = draftFile(dir);
    await edit(file, SENTENCE, 'қолжетімділік ұсынады {{sla.noSuchThing}}.');
    await engine.workspace.update([file]);
    const html = text(await engine.answer(PAGE));
    const at = positionOf(await readFile(file, 'utf8'), '{{sla.noSuchThing}}');
    const where = `${path.join(DRAFT, 'kk.md')}:${at.line}:`;
    expect(html).toMatch(/<h2 id="preview_problems">[1-9]\d* errors?, /);
    expect(html).toContain(`<code>${where}`);
    expect(html.indexOf('preview-problems')).toBeLessThan(html.indexOf('class="preview-stale"'));
    // The last good render is still there, below the marker.
    expect(html.indexOf('class="preview-stale"')).toBeLessThan(html.indexOf(SENTENCE));
    const link = new RegExp(
      `<a href="(/__preview/source\\?[^"]+)"><code>[^<]*kk\\.md:${at.line}:`,
    ).exec(html)?.[1];
    expect(link).toBeDefined();
    const source = text(await engine.answer((link as string).replaceAll('&#x26;', '&')));
    expect(source).toContain(`<li id="L${at.line}" value="${at.line}"><mark>`);
    expect(source).toContain('{{sla.noSuchThing}}');

    await edit(file, ' {{sla.noSuchThing}}', '');
    await engine.workspace.update([file]);
    const fixed = text(await engine.answer(PAGE));
    expect(fixed).not.toContain('class="preview-stale"');
    expect(fixed).not.toContain('noSuchThing');
  });

  it('never throws on a half-written or re-created file, and renders the next complete save', async () => {
    const yaml = draftFile(dir, 'version.yaml');
    const full = await readFile(yaml, 'utf8');
    await writeFile(yaml, full.slice(0, Math.floor(full.length / 2)));
    await engine.workspace.update([yaml]);
    expect((await engine.answer(PAGE)).status).toBe(200);
    await rm(draftFile(dir));
    await engine.workspace.update([draftFile(dir)]);
    expect(text(await engine.answer(PAGE))).toContain('preview-problems');
    await writeFile(yaml, full);
    await writeFile(
      draftFile(dir),
      await readFile(path.join(dir, 'dedicated-compute/2025-09-10/kk.md')),
    );
    await engine.workspace.update([yaml, draftFile(dir)]);
    const html = text(await engine.answer(PAGE));
    expect(html).not.toContain('class="preview-stale"');
    expect(html).toContain(SENTENCE);
  });

  it('follows version folders added and removed', async () => {
    const added = await newVersion(dir, 'dedicated-compute', { effective: '2027-01-01', cwd: dir });
    await engine.workspace.update([added.dir]);
    expect(text(await engine.answer('/'))).toContain('dedicated-compute/2027-01-01</a> · draft');
    await rm(added.dir, { recursive: true });
    await engine.workspace.update([added.dir]);
    expect(text(await engine.answer('/'))).not.toContain('2027-01-01');
    expect((await engine.answer('/terms/dedicated-compute/2027-01-01/kk.html')).status).toBe(404);
  });

  it('compares a draft with the latest published version on its changes page', async () => {
    await edit(draftFile(dir, 'ru.md'), 'предоставляет', 'предоставляет НОВОЕ');
    await engine.workspace.update([draftFile(dir, 'ru.md')]);
    const html = text(await engine.answer(`/terms/${DRAFT}/changes/ru.html`));
    expect(html).toContain('Changes against 2025-09-10');
    expect(html).toMatch(/<ins>[^<]*НОВОЕ/);
  });

  it('renders the PDF of an edition on demand and keeps it until its sources change', async () => {
    const first = await engine.answer(`/terms/${DRAFT}/kk-ru.pdf`);
    expect(first.type).toBe('application/pdf');
    expect(Buffer.from(first.body.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(
      Buffer.from((await engine.answer(`/terms/${DRAFT}/kk-ru.pdf`)).body).equals(
        Buffer.from(first.body),
      ),
    ).toBe(true);
    expect(pdfs.puts).toBe(1);
    await edit(draftFile(dir), SENTENCE, 'қолжетімділік ұсынады. PDF.');
    await engine.workspace.update([draftFile(dir)]);
    await engine.answer(`/terms/${DRAFT}/kk-ru.pdf`);
    expect(pdfs.puts).toBe(2);
  });

  it('answers an unknown path and a source outside the terms folder with a 404 page', async () => {
    expect((await engine.answer('/terms/nope/2020-01-01/kk.html')).status).toBe(404);
    const outside = await engine.answer('/__preview/source?file=../../etc/passwd&line=1');
    expect(outside.status).toBe(404);
    expect(text(outside)).not.toContain('root:');
  });
});

describe('terms preview with the persistent cache', () => {
  it('keeps a PDF where terms build --drafts finds it, under the bundle’s own key', async () => {
    const cacheDir = path.join(path.dirname(dir), 'cache');
    const cached = await PreviewEngine.open(dir, { cwd: dir, cacheDir });
    const pdf = await cached.answer(`/terms/${DRAFT}/kk-ru.pdf`);
    expect(pdf.type).toBe('application/pdf');
    const cache = new Cache({ dir: cacheDir });
    const { terms, keys } = await openTree(dir, { cache, drafts: true, cwd: dir });
    const planned = planBundle(terms, { drafts: true }).find(
      (f) => f.path === `terms/${DRAFT}/kk-ru.pdf`,
    );
    expect(planned && 'job' in planned).toBe(true);
    const stored = await new CachedDocuments(cache, keys).get(planned as PlannedDocument);
    expect(stored && Buffer.from(stored).equals(Buffer.from(pdf.body))).toBe(true);
  });
});
