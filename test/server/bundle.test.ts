import { appendFile, cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/server/bundle.js';
import { runCli } from '../helpers/cli.js';
import { TERMS } from '../helpers/terms.js';
import { DOC, MINI } from './helpers.js';

// The bundle is checked against its SHA256SUMS before anything is served: a page changed
// after the build would otherwise go out under an immutable ETag.
let base: string;
let dist: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-sums-'));
  dist = path.join(base, 'dist');
  await cp(MINI, dist, { recursive: true });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** `terms serve` over the folder: it must stop before listening, exit 1, one line, no stack. */
async function serveFails(): Promise<string> {
  const result = await runCli(['serve', '--port', '0', '--bundle', dist, '--terms', TERMS]);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr;
}

describe('a bundle that does not match its SHA256SUMS', () => {
  it('loads when every file matches', async () => {
    expect((await loadBundle(dist)).files.size).toBe(24);
  });

  it('refuses a changed page, naming it', async () => {
    await appendFile(path.join(dist, DOC.slice(1), 'kk.html'), '<script>alert(1)</script>');
    await expect(loadBundle(dist)).rejects.toThrow(
      `the bundle ${dist} does not match its SHA256SUMS: ${DOC.slice(1)}/kk.html has changed since the build`,
    );
    expect(await serveFails()).toBe(
      `terms: the bundle ${dist} does not match its SHA256SUMS: ${DOC.slice(1)}/kk.html has changed since the build\n`,
    );
  });

  it('refuses a missing file, and one SHA256SUMS does not list', async () => {
    await unlink(path.join(dist, DOC.slice(1), 'ru.pdf'));
    await writeFile(path.join(dist, 'extra.html'), '<p>not built</p>');
    expect(await serveFails()).toBe(
      `terms: the bundle ${dist} does not match its SHA256SUMS: ${DOC.slice(1)}/ru.pdf is listed but missing; extra.html is not listed\n`,
    );
  });

  it('refuses a bundle without SHA256SUMS, or with a malformed line', async () => {
    await appendFile(path.join(dist, 'SHA256SUMS'), 'not a checksum\n');
    expect(await serveFails()).toBe(
      `terms: the bundle ${dist} does not match its SHA256SUMS: SHA256SUMS:24 is not "<sha256>  <path>"\n`,
    );
    await unlink(path.join(dist, 'SHA256SUMS'));
    expect(await serveFails()).toBe(
      `terms: not a terms bundle: ${dist} has no SHA256SUMS (build it with terms build)\n`,
    );
  });

  it('names at most five problems, then counts the rest', async () => {
    for (const lang of ['kk', 'ru', 'en', 'kk-ru'])
      for (const ext of ['html', 'pdf'])
        await appendFile(path.join(dist, DOC.slice(1), `${lang}.${ext}`), 'x');
    expect(await serveFails()).toMatch(/; and 3 more\n$/);
  });
});

describe('a malformed bundle', () => {
  it('stops the start with a message when a list is not JSON, never a stack', async () => {
    // A consistent bundle (SHA256SUMS rewritten) whose services list is broken.
    const { createHash } = await import('node:crypto');
    const broken = '{"services": [';
    await writeFile(path.join(dist, 'api/v1/services.json'), broken);
    const sums = path.join(dist, 'SHA256SUMS');
    const { readFile } = await import('node:fs/promises');
    const text = (await readFile(sums, 'utf8')).replace(
      /^[0-9a-f]{64} {2}api\/v1\/services\.json$/m,
      `${createHash('sha256').update(broken).digest('hex')}  api/v1/services.json`,
    );
    await writeFile(sums, text);
    expect(await serveFails()).toMatch(
      new RegExp(
        `^terms: not a terms bundle: ${dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/api/v1/services\\.json is malformed: not JSON \\(`,
      ),
    );
  });

  it('says so when the folder is not there', async () => {
    await expect(loadBundle(path.join(base, 'none'))).rejects.toThrow(
      `no bundle at ${path.join(base, 'none')}: it is not a folder`,
    );
  });
});
