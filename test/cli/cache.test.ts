import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedDates, generateTerms } from '../../bench/generate.js';
import { Cache } from '../../src/cache/store.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { TERMS } from '../helpers/terms.js';
import { snapshotTree } from '../publish/helpers.js';

let base: string;
let terms: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-cli-cache-'));
  terms = path.join(base, 'terms');
  await generateTerms(TERMS, terms, 3);
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** Every entry file of a cache folder, by kind (`check/…`, `model/…`, `document/…`). */
async function entries(dir: string): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return found
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('the cache from the command line', () => {
  it('is written where --cache-dir or $TERMS_CACHE_DIR say, and not at all with --no-cache', async () => {
    const expected = await runCli(['check', '--terms', terms, '--no-cache'], { cwd: base });
    expect(expected.code).toBe(0);
    expect(expected.stderr).toMatch(
      /\n0 error\(s\), [1-9]\d* warning\(s\) in 1 service\(s\), 3 version\(s\)\n$/,
    );
    const flag = path.join(base, 'flag');
    const env = path.join(base, 'env');
    for (let run = 0; run < 2; run++) {
      expect(await runCli(['check', '--terms', terms, '--cache-dir', flag], { cwd: base })).toEqual(
        expected,
      );
      expect(
        await runCli(['check', '--terms', terms], { cwd: base, env: { TERMS_CACHE_DIR: env } }),
      ).toEqual(expected);
    }
    expect((await entries(flag)).filter((e) => e.startsWith('check'))).toHaveLength(3);
    expect(await entries(env)).toEqual(await entries(flag));
    const none = path.join(base, 'none');
    await runCli(['check', '--terms', terms, '--no-cache'], {
      cwd: base,
      env: { TERMS_CACHE_DIR: none },
    });
    expect(await entries(none)).toEqual([]);
  });

  it('lives in node_modules/.cache/terms/ of the package the command runs in', async () => {
    const project = path.join(base, 'project');
    await mkdir(path.join(project, 'sub'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}\n');
    const r = await runCli(['rules', 'dedicated-compute', '--at', '2000-01-12', '--terms', terms], {
      cwd: path.join(project, 'sub'),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).version).toBe('2000-01-10');
    expect(await entries(path.join(project, 'node_modules', '.cache', 'terms'))).toHaveLength(2);
  });

  it('goes on without a cache folder it cannot write, saying so once', async () => {
    const blocker = path.join(base, 'blocker');
    await writeFile(blocker, 'a file, not a folder\n');
    const dir = path.join(blocker, 'cache');
    const expected = await runCli(['check', '--terms', terms, '--no-cache'], { cwd: base });
    const r = await runCli(['check', '--terms', terms, '--cache-dir', dir], { cwd: base });
    expect(r.code).toBe(expected.code);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stderr).toBe(
      `terms: cannot write the cache in ${dir} (ENOTDIR): going on without it\n${expected.stderr}`,
    );
    const rules = await runCli(
      [
        'rules',
        'dedicated-compute',
        '--version',
        '2000-01-03',
        '--terms',
        terms,
        '--cache-dir',
        dir,
      ],
      { cwd: base },
    );
    expect(rules.code).toBe(0);
    expect(rules.stderr).toBe(
      `terms: cannot write the cache in ${dir} (ENOTDIR): going on without it\n`,
    );
  });

  it('is shared safely by processes running at once', async () => {
    const shared = path.join(base, 'shared');
    const expected = await spawnCli(['check', '--terms', terms, '--no-cache'], { cwd: base });
    const runs = await Promise.all(
      [0, 1, 2].map(() =>
        spawnCli(['check', '--terms', terms, '--cache-dir', shared], { cwd: base }),
      ),
    );
    for (const r of runs) expect(r).toEqual(expected);
    const list = await entries(shared);
    // Only whole entries are left (no temporary files), each one valid.
    expect(list.every((e) => !e.includes('.tmp-'))).toBe(true);
    const cache = new Cache({ dir: shared });
    for (const e of list) {
      const [kind, , key] = e.split(path.sep) as [string, string, string];
      expect(await cache.get(kind, key)).toBeInstanceOf(Buffer);
    }
    expect(
      await spawnCli(['check', '--terms', terms, '--cache-dir', shared], { cwd: base }),
    ).toEqual(expected);
  });
});

describe('terms build with the cache', () => {
  it('renders only what changed when a version is published, and writes the same bytes as a build without the cache', async () => {
    const work = path.join(base, 'build');
    const tree = path.join(work, 'terms');
    await cp(terms, tree, { recursive: true });
    const cacheDir = path.join(work, 'cache');
    const build = (out: string, ...flags: string[]) =>
      spawnCli(
        [
          'build',
          '--terms',
          'terms',
          '--out',
          out,
          ...(flags.includes('--workers') ? [] : ['--workers', '0']),
          ...flags,
        ],
        { cwd: work },
      );
    const first = await build('dist', '--cache-dir', cacheDir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/; 0 of 32 documents from the cache\n$/);

    // Publish a fourth version: a tree of four generated versions has the same first three.
    const next = path.join(work, 'next');
    await generateTerms(TERMS, next, 4);
    const added = generatedDates(4)[3] as string;
    await cp(
      path.join(next, 'dedicated-compute', added),
      path.join(tree, 'dedicated-compute', added),
      {
        recursive: true,
      },
    );
    const second = await build('dist', '--cache-dir', cacheDir);
    expect(second.code).toBe(0);
    const rendered = second.stderr
      .split('\n')
      .filter((l) => /^built terms\/[^/ ]+\/\d{4}-\d\d-\d\d\/.* \(\d+(\.\d)? KB, \d+ ms\)$/.test(l))
      .map((l) => l.split(' ')[1])
      .sort();
    // The new version's documents (PDFs, pages, changes pages) and the pages of the version it
    // replaces (their notice and navigation name it); nothing else, and no PDF of an older version.
    const dir = 'terms/dedicated-compute';
    const previous = generatedDates(4)[2] as string;
    const editions = ['en', 'kk', 'kk-ru', 'ru'];
    expect(rendered).toEqual(
      [
        ...editions.flatMap((e) => [
          `${dir}/${added}/${e}.pdf`,
          `${dir}/${added}/${e}.html`,
          `${dir}/${added}/changes/${e}.html`,
        ]),
        ...editions.map((e) => `${dir}/${previous}/${e}.html`),
      ].sort(),
    );
    expect(second.stderr).toMatch(/; 28 of 44 documents from the cache\n$/);

    const plain = await build('plain', '--no-cache');
    expect(plain.code).toBe(0);
    expect(await snapshotTree(path.join(work, 'dist'))).toEqual(
      await snapshotTree(path.join(work, 'plain')),
    );

    // Damaged document entries are rendered again, to the same bytes, and stored anew.
    for (const e of (await entries(cacheDir)).filter((e) => e.startsWith('document'))) {
      const file = path.join(cacheDir, e);
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    }
    const third = await build('dist', '--cache-dir', cacheDir);
    expect(third.stderr).toMatch(/; 0 of 44 documents from the cache\n$/);
    expect(await snapshotTree(path.join(work, 'dist'))).toEqual(
      await snapshotTree(path.join(work, 'plain')),
    );

    // Rendered in worker threads: what they render is stored as well.
    await rm(path.join(cacheDir, 'document'), { recursive: true });
    const fourth = await build('dist', '--cache-dir', cacheDir, '--workers', '2');
    expect(fourth.stderr).toMatch(/with 2 render worker\(s\); 0 of 44 documents from the cache\n$/);
    const fifth = await build('dist', '--cache-dir', cacheDir, '--workers', '2');
    expect(fifth.stderr).toMatch(
      /with no render worker\(s\); 44 of 44 documents from the cache\n$/,
    );
    expect(await snapshotTree(path.join(work, 'dist'))).toEqual(
      await snapshotTree(path.join(work, 'plain')),
    );
  }, 300_000); // six builds, one of them in worker threads
});
