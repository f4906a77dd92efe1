import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { tempCopy } from '../helpers/terms.js';
import { snapshotTree } from '../publish/helpers.js';

let dir: string;
let cwd: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempCopy());
  cwd = path.dirname(dir);
});
afterAll(() => cleanup());

const DOCUMENTS = ['kk', 'ru', 'en', 'kk-ru'].flatMap((l) => [`${l}.html`, `${l}.pdf`]);

// The compiled bin, as a separate process: real render worker threads.
describe('terms build', () => {
  it('prints a progress line per file, renders in workers, and writes the bundle', async () => {
    const r = await spawnCli(['build', '--out', 'site', '--workers', '2', '--terms', dir], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    const built = lines.filter((l) => l.startsWith('built ')).map((l) => l.replace(/ \(.*\)$/, ''));
    expect(built.sort()).toEqual(
      [
        'schema/rules.v1.json',
        'api/v1/services.json',
        'api/v1/services/dedicated-compute/versions.json',
        'api/v1/services/dedicated-compute/versions/2025-09-10/rules.json',
        'index.html',
        'SHA256SUMS',
        ...['kk', 'ru', 'en'].map((l) => `feed.${l}.atom`),
        'terms/dedicated-compute/index.html',
        ...['kk', 'ru', 'en'].map((l) => `terms/dedicated-compute/feed.${l}.atom`),
        ...DOCUMENTS.map((d) => `terms/dedicated-compute/2025-09-10/${d}`),
      ]
        .map((f) => `built ${f}`)
        .sort(),
    );
    expect(lines.find((l) => l.includes('/kk.pdf'))).toMatch(
      /^built terms\/dedicated-compute\/2025-09-10\/kk\.pdf \(\d+ KB, \d+ ms\)$/,
    );
    expect(lines[lines.length - 1]).toMatch(
      /^wrote 21 files \(\d+ KB\) to site in \d+ ms with 2 render worker\(s\)$/,
    );
    expect((await snapshotTree(path.join(cwd, 'site'))).size).toBe(21);
  });

  it('is silent with --quiet and gives the same bytes without workers', async () => {
    const before = await snapshotTree(path.join(cwd, 'site'));
    const r = await spawnCli(
      ['build', '--out', 'site', '--quiet', '--workers', '0', '--terms', dir],
      {
        cwd,
      },
    );
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await snapshotTree(path.join(cwd, 'site'))).toEqual(before);
    expect((await readdir(cwd)).filter((n) => n.startsWith('site.'))).toEqual([]);
  });

  it('warns, even with --quiet, when a file served as immutable gets other bytes than the bundle it replaces', async () => {
    // The bundle at --out as if an earlier engine had printed the kk PDF and page otherwise:
    // its SHA256SUMS is what the build compares with.
    const sums = path.join(cwd, 'site', 'SHA256SUMS');
    const text = await readFile(sums, 'utf8');
    const other = '0'.repeat(64);
    await writeFile(
      sums,
      text.replace(
        /^[0-9a-f]{64}(?= {2}terms\/dedicated-compute\/2025-09-10\/kk\.(pdf|html)$)/gm,
        other,
      ),
    );
    const r = await spawnCli(
      ['build', '--out', 'site', '--quiet', '--workers', '0', '--terms', dir],
      { cwd },
    );
    expect(r.code).toBe(0);
    // The PDF of a published version is immutable; its page is revalidated, so it may change.
    expect(r.stderr).toBe(
      'terms: warning: terms/dedicated-compute/2025-09-10/kk.pdf is served as immutable, and this build changed its bytes (did the engine or its fonts change?): caches keep the old ones for a year\n',
    );
    expect(await readFile(sums, 'utf8')).toBe(text);
  });

  it('refuses to write into a path that is not a folder: exit 1, nothing written', async () => {
    await writeFile(path.join(cwd, 'notes.txt'), 'mine\n');
    const before = await snapshotTree(cwd);
    const r = await spawnCli(['build', '--out', 'notes.txt', '--terms', dir], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `terms: --out ${path.join(cwd, 'notes.txt')} exists and is not a folder\n`,
    );
    expect(await snapshotTree(cwd)).toEqual(before);
  });
});
