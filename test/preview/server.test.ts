import { mkdir, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPreview, startPreview } from '../../src/preview/server.js';
import { newVersion } from '../../src/publish/new-version.js';
import { DRAFT, draftCopy, draftFile, edit, SENTENCE } from './helpers.js';

const PAGE = `/terms/${DRAFT}/kk.html`;
const PUBLISHED = '/terms/dedicated-compute/2025-09-10/kk.html';

let preview: RunningPreview;
let origin: string;
let dir: string;
let cleanup: () => Promise<void>;
let engineDir: string;
const logLines: string[] = [];
beforeAll(async () => {
  ({ dir, cleanup } = await draftCopy());
  // Stands in for templates/ and locales/, which tests must not touch.
  engineDir = path.join(path.dirname(dir), 'engine');
  await mkdir(engineDir);
  preview = await startPreview({
    termsDir: dir,
    cwd: dir,
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
    engineFolders: [engineDir],
  });
  origin = preview.url.replace(/\/$/, '');
});
afterAll(async () => {
  await preview?.close();
  await cleanup?.();
});

async function tagOf(page: string): Promise<string> {
  const html = await (await fetch(origin + page)).text();
  return /<meta name="terms-preview" content="([^"]+)">/.exec(html)?.[1] ?? '';
}

/** An open page's event stream: everything it received, and whether it was told to reload. */
async function listen(page: string, tag: string) {
  const query = new URLSearchParams({ path: page, tag });
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    get(`${origin}/__preview/events?${query}`, resolve).once('error', reject),
  );
  let text = '';
  const ended = new Promise<void>((resolve) => res.once('end', () => resolve()));
  res.on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  return { res, ended, text: () => text, close: () => res.destroy() };
}

describe('terms preview over a socket', () => {
  it('answers pages with preview’s CSP, never cached', async () => {
    const res = await fetch(origin + PAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(
      /script-src 'sha256-[^']+'; connect-src 'self'/,
    );
    const events = await listen(PAGE, await tagOf(PAGE));
    expect(events.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    events.close();
  });

  it('tells a page opened before a change to reload at once', async () => {
    const events = await listen(PAGE, 'an-old-tag');
    await events.ended;
    expect(events.text()).toContain('event: reload');
  });

  it('tells only the pages whose render changed to reload', async () => {
    const draft = await listen(PAGE, await tagOf(PAGE));
    const other = await listen(PUBLISHED, await tagOf(PUBLISHED));
    await edit(draftFile(dir), SENTENCE, 'қолжетімділік ұсынады. СЕРВЕР.');
    await draft.ended;
    expect(draft.text()).toContain('event: reload');
    await preview.settled();
    expect(other.text()).not.toContain('reload');
    other.close();
    expect(await (await fetch(origin + PAGE)).text()).toContain('СЕРВЕР.');
  });

  it('follows a version folder added and removed while it runs', async () => {
    const added = await newVersion(dir, 'dedicated-compute', { effective: '2027-01-01', cwd: dir });
    await until(async () => (await (await fetch(`${origin}/`)).text()).includes('2027-01-01'));
    await rm(added.dir, { recursive: true });
    await until(async () => !(await (await fetch(`${origin}/`)).text()).includes('2027-01-01'));
    expect((await fetch(`${origin}/terms/dedicated-compute/2027-01-01/kk.html`)).status).toBe(404);
  });
  it('restarts the engine when templates or locales change, and keeps serving meanwhile', async () => {
    const tag = await tagOf(PAGE);
    const events = await listen(PAGE, tag);
    await writeFile(path.join(engineDir, 'labels.json'), '{}');
    await until(async () => logLines.some((l) => l.includes('engine restarted')));
    await preview.settled();
    // The same sources and engine files render the same page: no reload, the same tag.
    expect(events.text()).not.toContain('reload');
    expect(await tagOf(PAGE)).toBe(tag);
    events.close();
  });
});

/** Polls until `check` holds, for at most 15 s (a bound, not a speed check). */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the preview did not follow within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
