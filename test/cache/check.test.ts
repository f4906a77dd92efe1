import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../src/cache/store.js';
import { checkTree } from '../../src/cache/tree.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { isIsoDate } from '../../src/model/date.js';
import { inspectTerms } from '../../src/open.js';
import { fixture, TERMS, tempCopy } from '../helpers/terms.js';

const base = await mkdtemp(path.join(os.tmpdir(), 'terms-cache-check-'));
afterAll(() => rm(base, { recursive: true, force: true }));

const FIXTURES = await readdir(fixture('terms'));
const lines = (list: Parameters<typeof formatDiagnostic>[0][]) => list.map(formatDiagnostic);

/** Every entry file under a cache folder. */
async function entries(dir: string): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** What `terms check` reports of a tree the way it always did: load everything, check everything. */
async function reference(root: string, cwd: string) {
  const { terms, diagnostics } = await inspectTerms(root, { cwd });
  return {
    diagnostics: lines(diagnostics),
    services: terms.services.length,
    versions: terms.services.reduce((n, s) => n + s.versions.length, 0),
  };
}

async function checked(root: string, cwd: string, cache?: Cache) {
  const r = await checkTree(root, { cwd, cache });
  return { diagnostics: lines(r.diagnostics), services: r.services, versions: r.versions };
}

describe('checkTree', () => {
  it.each([...FIXTURES, '(the real terms)'])(
    'reports what loading and checking everything reports, without, with a cold and with a warm cache: %s',
    async (name) => {
      const root = name === '(the real terms)' ? TERMS : fixture('terms', name);
      const cwd = path.dirname(root);
      const expected = await reference(root, cwd);
      const cache = new Cache({ dir: path.join(base, `fixture-${name}`) });
      expect(await checked(root, cwd)).toEqual(expected);
      expect(await checked(root, cwd, cache)).toEqual(expected);
      // One check entry per version folder (a sub-folder of a service named by a date).
      const folders = (await readdir(root, { recursive: true })).filter((p) => {
        const parts = p.split(path.sep);
        return parts.length === 2 && isIsoDate(parts[1] as string);
      });
      const stored = await entries(cache.dir);
      expect(stored.filter((f) => f.includes(`${path.sep}check${path.sep}`)).length).toBe(
        folders.length,
      );
      expect(await checked(root, cwd, cache)).toEqual(expected);
      // Paths are the caller's: the same cache serves a run from another folder.
      expect(await checked(root, root)).toEqual(await reference(root, root));
      expect(await checked(root, root, cache)).toEqual(await reference(root, root));
    },
  );

  it('never hides a change to the sources: an edited published file is still frozen-modified', async () => {
    const { dir, cleanup } = await tempCopy();
    try {
      const cache = new Cache({ dir: path.join(base, 'frozen') });
      const cwd = path.dirname(dir);
      expect(
        (await checked(dir, cwd, cache)).diagnostics.filter((l) => l.includes('error')),
      ).toEqual([]);
      const kk = path.join(dir, 'dedicated-compute', '2025-09-10', 'kk.md');
      await appendFile(kk, '\nҚосымша сөйлем.\n');
      const after = await checked(dir, cwd, cache);
      expect(after).toEqual(await reference(dir, cwd));
      expect(after.diagnostics.filter((l) => l.includes('(frozen-modified)'))).toHaveLength(1);
      // A file added to the folder is a new key too: its warning appears, cache or not.
      await writeFile(path.join(dir, 'dedicated-compute', '2025-09-10', 'notes.txt'), 'x');
      const more = await checked(dir, cwd, cache);
      expect(more).toEqual(await reference(dir, cwd));
      expect(more.diagnostics.some((l) => l.includes('(unknown-file)'))).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it('ignores corrupted entries (truncated, edited, swapped) and writes them anew', async () => {
    const root = fixture('terms', 'good');
    const cwd = path.dirname(root);
    const cache = new Cache({ dir: path.join(base, 'corrupt') });
    const expected = await reference(root, cwd);
    expect(await checked(root, cwd, cache)).toEqual(expected);
    const files = (await entries(cache.dir)).sort();
    expect(files.length).toBe(3);
    const original = new Map(
      await Promise.all(files.map(async (f) => [f, await readFile(f)] as const)),
    );
    const [a, b, c] = files as [string, string, string];
    await writeFile(a, (original.get(a) as Buffer).subarray(0, 40));
    const edited = Buffer.from(original.get(b) as Buffer);
    edited[edited.length - 2] = (edited[edited.length - 2] as number) ^ 1;
    await writeFile(b, edited);
    await writeFile(c, original.get(a) as Buffer);
    expect(await checked(root, cwd, cache)).toEqual(expected);
    for (const f of files) expect(await readFile(f)).toEqual(original.get(f));
  });

  it('keeps entries apart by engine fingerprint and by service.yaml', async () => {
    const { dir, cleanup } = await tempCopy(fixture('terms', 'good'));
    try {
      const cwd = path.dirname(dir);
      const cache = new Cache({ dir: path.join(base, 'keys') });
      await checked(dir, cwd, cache);
      const first = new Set(await entries(cache.dir));
      await checked(dir, cwd, cache);
      expect(new Set(await entries(cache.dir))).toEqual(first);
      const yaml = path.join(dir, 'mini', 'service.yaml');
      await writeFile(yaml, `${await readFile(yaml, 'utf8')}# a comment changes the bytes\n`);
      await checked(dir, cwd, cache);
      const second = await entries(cache.dir);
      expect(second.length).toBe(first.size * 2);
    } finally {
      await cleanup();
    }
  });
});
