import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService, findVersion } from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { renderText } from '../../src/render/text/index.js';
import { ROOT, TERMS } from '../helpers/terms.js';

// The engine reads its labels from the package's own locales/ folder. To edit one honestly,
// this test runs the real compiled engine from a temporary copy of the package (bin/, lib/,
// locales/, templates/, package.json; node_modules linked) and edits the copy's locale file.

const run = promisify(execFile);
let base: string;
let engine: string;
let terms: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-engine-copy-'));
  engine = path.join(base, 'engine');
  for (const part of ['bin', 'lib', 'locales', 'templates', 'package.json'])
    await cp(path.join(ROOT, part), path.join(engine, part), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(engine, 'node_modules'), 'dir');
  terms = path.join(base, 'terms');
  await cp(TERMS, terms, { recursive: true });
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** `terms <args>` of the engine copy, in the folder holding the terms copy. */
async function termsCopy(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(engine, 'bin', 'terms.js'), ...args], {
      cwd: base,
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    return { code: 0, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stderr: e.stderr ?? '' };
  }
}

/** Sets one string of the engine copy's locale file; returns a function restoring the file. */
async function setLabel(lang: string, key: string, value: string): Promise<() => Promise<void>> {
  const file = path.join(engine, 'locales', lang, 'translation.json');
  const before = await readFile(file, 'utf8');
  const json = JSON.parse(before);
  const parts = key.split('.');
  const last = parts.pop() as string;
  const holder = parts.reduce((o, p) => o[p], json);
  if (typeof holder[last] !== 'string') throw new Error(`no string ${lang} ${key}`);
  holder[last] = value;
  await writeFile(file, JSON.stringify(json, null, 2));
  return () => writeFile(file, before);
}

/** The line number (1-based) of the first line starting with `start` in an edition's text. */
async function lineOf(lang: 'kk' | 'en', start: string, parallel?: 'ru'): Promise<number> {
  const { terms: loaded } = await inspectTerms(TERMS);
  const service = findService(loaded, 'dedicated-compute');
  const text = renderText(service, findVersion(service, '2025-09-10'), lang, { parallel });
  const at = text.split('\n').findIndex((l) => l.startsWith(start));
  if (at < 0) throw new Error(`no line starting with ${start}`);
  return at + 1;
}

const failure = (edition: string, line: number, clause: string, now: string) =>
  `terms/dedicated-compute/2025-09-10/lock.json:1:1: error: the ${edition} text of dedicated-compute 2025-09-10 no longer reads as it was published: line ${line} (clause ${clause}) differs; it now reads ${JSON.stringify(now)}; keep the published wording (see "Published means frozen" in the README) (frozen-render-changed)`;

describe('a locale string a frozen version prints', () => {
  it('passes check with the locales as shipped', async () => {
    const r = await termsCopy('check');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 error(s), 6 warning(s) in 1 service(s), 1 version(s)');
  });

  it('fails check naming the version, the editions and the line when edited; passes when reverted', async () => {
    const restore = await setLabel('kk', 'bounds.above', '{{value}}-ден жоғары');
    const edited = await termsCopy('check');
    expect(edited.code).toBe(1);
    const errors = edited.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toEqual([
      failure('kk', await lineOf('kk', '99,9%-дан жоғары'), '5.8', '99,9%-ден жоғары | 0%'),
      failure(
        'kk-ru',
        await lineOf('kk', '99,9%-дан жоғары', 'ru'),
        '5.8',
        '99,9%-ден жоғары | 0%',
      ),
    ]);
    await restore();
    expect((await termsCopy('check')).code).toBe(0);
  });

  it('fails check for the one edition that prints an edited English label', async () => {
    const restore = await setLabel('en', 'parties.customer', 'Client');
    const edited = await termsCopy('check');
    await restore();
    expect(edited.code).toBe(1);
    expect(edited.stderr.split('\n').filter((l) => l.includes(': error: '))).toEqual([
      failure('en', await lineOf('en', '• Data – '), '4.1', '• Data – Client'),
    ]);
  });

  it('leaves check passing for a label only the page chrome prints, not the agreement text', async () => {
    const restore = await setLabel('kk', 'actions.downloadPdf', 'PDF-ті жүктеу');
    const r = await termsCopy('check');
    await restore();
    expect(r.code).toBe(0);
  });
});

describe('terms publish --freeze on a version 1 lock', () => {
  it('adds the rendered text and says so, the lock then as publish writes it', async () => {
    const lockFile = path.join(terms, 'dedicated-compute', '2025-09-10', 'lock.json');
    const committed = await readFile(lockFile, 'utf8');
    const { service, version, files } = JSON.parse(committed);
    await writeFile(lockFile, JSON.stringify({ lockVersion: 1, service, version, files }));
    const r = await termsCopy('publish', 'dedicated-compute', '2025-09-10', '--freeze');
    expect(r).toEqual({
      code: 0,
      stderr:
        'added the rendered text of dedicated-compute 2025-09-10 to terms/dedicated-compute/2025-09-10/lock.json\n',
    });
    expect(await readFile(lockFile, 'utf8')).toBe(committed);
  });
});
