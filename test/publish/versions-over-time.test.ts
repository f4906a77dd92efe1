import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTerms } from '../../src/open.js';
import { buildBundle } from '../../src/publish/bundle.js';
import { publishVersion } from '../../src/publish/publish.js';
import { createApp } from '../../src/server/app.js';
import { loadBundle } from '../../src/server/bundle.js';
import { tempCopy } from '../helpers/terms.js';
import { snapshotTree, threeVersions } from './helpers.js';

// Built once: the tree of three versions with the third still a draft (A), then the same
// tree after `terms publish` of the third (B). Both built as of the same day.
const TODAY = '2026-12-02';
let dir: string;
let cleanup: () => Promise<void>;
let before: string;
let after: string;
let treeA: Map<string, Buffer>;
let treeB: Map<string, Buffer>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempCopy());
  await threeVersions(dir);
  const work = path.dirname(dir);
  before = path.join(work, 'before');
  after = path.join(work, 'after');
  await buildBundle(await openTerms(dir, { cwd: dir }), before, { workers: 0, today: TODAY });
  await publishVersion(dir, 'dedicated-compute', '2027-01-01', { cwd: dir });
  await buildBundle(await openTerms(dir, { cwd: dir }), after, { workers: 0, today: TODAY });
  treeA = await snapshotTree(before);
  treeB = await snapshotTree(after);
}, 120_000);
afterAll(() => cleanup());

/** Every URL the server answers from a bundle: each file at its path, and the extensionless routes. */
function urlsOf(tree: Map<string, Buffer>): string[] {
  const urls = [...tree.keys()].map((f) => `/${f}`);
  urls.push(
    '/api/v1/services',
    '/api/v1/services/dedicated-compute/versions',
    '/terms/dedicated-compute/',
  );
  for (const f of tree.keys()) {
    const m = /^api\/v1\/services\/([^/]+)\/versions\/([^/]+)\/rules\.json$/.exec(f);
    if (m) urls.push(`/api/v1/services/${m[1]}/versions/${m[2]}/rules`);
  }
  return urls.sort();
}

describe('the cache contract over a publish', () => {
  it('never changes the bytes of a URL it served as immutable', async () => {
    const appA = createApp({ bundle: await loadBundle(before) });
    const appB = createApp({ bundle: await loadBundle(after) });
    const immutable: string[] = [];
    for (const url of urlsOf(treeA)) {
      const a = await appA.request(url);
      expect([url, a.status]).toEqual([url, 200]);
      if (!/\bimmutable\b/.test(a.headers.get('cache-control') ?? '')) continue;
      immutable.push(url);
      const b = await appB.request(url);
      expect([url, b.status]).toEqual([url, 200]);
      expect([url, Buffer.from(await b.arrayBuffer())]).toEqual([
        url,
        Buffer.from(await a.arrayBuffer()),
      ]);
      expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    }
    // Not a vacuous pass: the published PDFs are the immutable URLs, eight per version.
    expect(immutable).toEqual(
      ['2025-09-10', '2026-06-01']
        .flatMap((v) =>
          ['en', 'kk-ru', 'kk', 'ru'].map((e) => `/terms/dedicated-compute/${v}/${e}.pdf`),
        )
        .sort(),
    );
  });

  it('revalidates what the publish changed: the rules and pages of the version it replaced', async () => {
    const appB = createApp({ bundle: await loadBundle(after) });
    const changed = [...treeA.keys()].filter((f) => !treeB.get(f)?.equals(treeA.get(f) as Buffer));
    expect(changed).toContain('api/v1/services/dedicated-compute/versions/2026-06-01/rules.json');
    expect(changed).toContain('terms/dedicated-compute/2026-06-01/kk.html');
    for (const f of changed) {
      const res = await appB.request(`/${f}`);
      expect([f, res.headers.get('cache-control')]).toEqual([f, 'public, no-cache']);
    }
    const rules = JSON.parse(
      treeB.get('api/v1/services/dedicated-compute/versions/2026-06-01/rules.json')?.toString() ??
        '',
    ) as { effectiveTo: string | null };
    expect(rules.effectiveTo).toBe('2027-01-01');
  });
});

describe('what a publish adds', () => {
  it('adds the new version, its changes pages, and never a page for a draft', () => {
    const added = [...treeB.keys()].filter((f) => !treeA.has(f)).sort();
    expect(added).toEqual(
      [
        'api/v1/services/dedicated-compute/versions/2027-01-01/rules.json',
        ...['en', 'kk-ru', 'kk', 'ru'].flatMap((e) => [
          `terms/dedicated-compute/2027-01-01/${e}.html`,
          `terms/dedicated-compute/2027-01-01/${e}.pdf`,
          `terms/dedicated-compute/2027-01-01/changes/${e}.html`,
        ]),
      ].sort(),
    );
    expect([...treeA.keys()].filter((f) => f.includes('2027-01-01'))).toEqual([]);
  });

  it('tells readers of the old version that a new one applies, in their language', () => {
    const old = (e: string) =>
      treeB.get(`terms/dedicated-compute/2026-06-01/${e}.html`)?.toString();
    expect(old('kk')).toContain('Осы шарттардың жаңа нұсқасы 01.01.2027 ж. бастап қолданылады:');
    expect(old('ru')).toContain('Новая редакция этих условий применяется с 01.01.2027:');
    expect(old('en')).toContain('A new version of these terms applies from 1 January 2027:');
    expect(treeA.get('terms/dedicated-compute/2026-06-01/en.html')?.toString()).not.toContain(
      'A new version of these terms',
    );
  });

  it('says what changed in words, then clause by clause, renumbered clauses as renumbered', () => {
    const page = treeB.get('terms/dedicated-compute/2026-06-01/changes/ru.html')?.toString() ?? '';
    expect(page).toContain(
      '<th scope="row">Гарантированная доступность</th><td>99,9\u00a0%</td><td>99,95\u00a0%</td>',
    );
    expect(page).toContain('(пункт исключён)');
    expect(page).toContain('(изменён номер: 3.6. → 3.5.)');
    expect(page).toContain('<del>99,9</del><ins>99,95</ins>\u00a0%');
    const en = treeB.get('terms/dedicated-compute/2027-01-01/changes/en.html')?.toString() ?? '';
    expect(en).toContain('Compared with the version of 1 June 2026');
    expect(en).toMatch(/<td>[^<]*: 45 minutes<\/td><td>[^<]*: 30 minutes<\/td>/);
  });
});

/** Reads a feed with Debian's python3-feedparser (the interpreter with Debian's packages). */
function readFeed(
  bundle: string,
  rel: string,
): {
  bozo: boolean;
  error: string | null;
  wellFormed: boolean;
  title: string;
  updated: string;
  entries: {
    id: string;
    title: string;
    updated: string;
    links: { rel: string; href: string }[];
    summary: string;
  }[];
} {
  const script = `
import json, sys, feedparser, xml.dom.minidom
data = open(sys.argv[1], 'rb').read()
try:
    xml.dom.minidom.parseString(data); ok = True
except Exception:
    ok = False
# Served from this URL: relative links resolve against it, as a reader fetching it would.
f = feedparser.parse(data, response_headers={
  'content-location': sys.argv[2], 'content-type': 'application/atom+xml; charset=utf-8'})
print(json.dumps({
  'bozo': f.bozo, 'error': str(f.get('bozo_exception')) if f.bozo else None, 'wellFormed': ok,
  'title': f.feed.get('title'), 'updated': f.feed.get('updated'),
  'entries': [{'id': e.id, 'title': e.title, 'updated': e.updated, 'summary': e.get('summary', ''),
               'links': [{'rel': l.rel, 'href': l.href} for l in e.links]} for e in f.entries]}))
`;
  // As a reader fetching it from a host would see it: relative links resolve against its URL.
  const run = spawnSync(
    '/usr/bin/python3',
    ['-c', script, path.join(bundle, rel), `https://terms.example.kz/${rel}`],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('the Atom feeds, read by a real feed reader', () => {
  it('lists every published version newest first, with ids that never change', () => {
    const a = readFeed(before, 'terms/dedicated-compute/feed.en.atom');
    const b = readFeed(after, 'terms/dedicated-compute/feed.en.atom');
    for (const feed of [a, b]) {
      expect([feed.bozo, feed.error, feed.wellFormed]).toEqual([false, null, true]);
      expect(feed.title).toBe('Dedicated computing environment: versions of the terms');
    }
    expect(b.entries.map((e) => e.title)).toEqual([
      'Dedicated computing environment: version of 1 January 2027, in force from 1 January 2027',
      'Dedicated computing environment: version of 1 June 2026, in force from 1 June 2026',
      'Dedicated computing environment: version of 10 September 2025, in force from 10 September 2025',
    ]);
    // The entries already there keep their ids and dates; the feed's date is the newest entry's.
    expect(b.entries.slice(1).map((e) => [e.id, e.updated])).toEqual(
      a.entries.map((e) => [e.id, e.updated]),
    );
    expect(b.updated).toBe('2027-01-01T00:00:00+05:00');
    expect(a.updated).toBe('2026-06-01T00:00:00+05:00');
  });

  it('links each entry to every edition, its PDFs and what changed, and sums up the rule changes', () => {
    const feed = readFeed(after, 'terms/dedicated-compute/feed.ru.atom');
    const entry = feed.entries.find((e) => e.title.includes('01.06.2026'));
    const base = 'https://terms.example.kz/terms/dedicated-compute/2026-06-01';
    const links = entry?.links.map((l) => [l.rel, l.href]);
    expect(links).toEqual(
      ['kk', 'ru', 'en', 'kk-ru'].flatMap((e) => [
        [e === 'kk-ru' ? 'related' : 'alternate', `${base}/${e}.html`],
        ['enclosure', `${base}/${e}.pdf`],
        ['related', `${base}/changes/${e}.html`],
      ]),
    );
    expect(entry?.summary.split('\n').slice(0, 2)).toEqual([
      'Что изменилось:',
      'Гарантированная доступность: 99,9\u00a0% → 99,95\u00a0%',
    ]);
  });

  it('gives the site one feed per language over every service', () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const feed = readFeed(after, `feed.${lang}.atom`);
      expect([lang, feed.bozo, feed.wellFormed, feed.entries.length]).toEqual([
        lang,
        false,
        true,
        3,
      ]);
    }
  });
});
