import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/model/lock.js';
import { inspectTerms } from '../../src/open.js';
import { tempCopy } from '../helpers/terms.js';
import { replaceInFile } from './helpers.js';

const VERSION = 'dedicated-compute/2025-09-10';
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempCopy());
});
afterEach(() => cleanup());

/** Errors of the terms copy as `file:line:col code`, paths relative to the copy. */
async function errors(): Promise<string[]> {
  const { diagnostics } = await inspectTerms(dir, { cwd: dir });
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
}

describe('the freeze lock of published versions', () => {
  it('matches the committed published version', async () => {
    expect(await errors()).toEqual([]);
    const lock = JSON.parse(await readFile(path.join(dir, VERSION, 'lock.json'), 'utf8'));
    for (const name of ['version.yaml', 'kk.md', 'ru.md', 'en.md'])
      expect(lock.files[name]).toBe(sha256(await readFile(path.join(dir, VERSION, name))));
  });

  it('reports frozen-modified at a published file changed by one character', async () => {
    const file = path.join(dir, VERSION, 'ru.md');
    const before = await readFile(file);
    await replaceInFile(file, 'Исполнитель', 'Исполнитeль'); // a Latin e
    const { diagnostics } = await inspectTerms(dir, { cwd: dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        file: `${VERSION}/ru.md`,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'frozen-modified',
        message: `published file changed since it was frozen (sha256 ${sha256(await readFile(file))} expected ${sha256(before)}): publish a new version instead`,
      },
    ]);
  });

  it('reports frozen-modified when a published version is turned back into a draft', async () => {
    await replaceInFile(
      path.join(dir, VERSION, 'version.yaml'),
      'status: published',
      'status: draft',
    );
    expect(await errors()).toEqual([`${VERSION}/version.yaml:1:1 frozen-modified`]);
  });

  it('reports missing-lock at the status of a published version without lock.json', async () => {
    await rm(path.join(dir, VERSION, 'lock.json'));
    const { diagnostics } = await inspectTerms(dir, { cwd: dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        file: `${VERSION}/version.yaml`,
        line: 5,
        column: 9,
        severity: 'error',
        code: 'missing-lock',
        message: 'published version has no lock.json: run terms publish',
      },
    ]);
  });

  it('reports a lock that is not JSON, or that belongs to another version', async () => {
    const lockFile = path.join(dir, VERSION, 'lock.json');
    const good = await readFile(lockFile, 'utf8');
    await writeFile(lockFile, '{ "lockVersion": 1,');
    expect(await errors()).toEqual([`${VERSION}/lock.json:1:1 bad-lock`]);
    await writeFile(lockFile, good.replace('"2025-09-10"', '"2025-09-11"'));
    const { diagnostics } = await inspectTerms(dir, { cwd: dir });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'lock.json freezes dedicated-compute/2025-09-11, but it is in the folder dedicated-compute/2025-09-10',
    ]);
  });
});
