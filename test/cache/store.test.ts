import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src/cache/store.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-cache-'));
});
afterEach(() => rm(base, { recursive: true, force: true }));

const KEY = 'a1'.repeat(32);
const OTHER = 'b2'.repeat(32);

describe('Cache', () => {
  it('gives back what was put, under its kind and key only', async () => {
    const cache = new Cache({ dir: path.join(base, 'c') });
    expect(await cache.get('check', KEY)).toBeUndefined();
    await cache.put('check', KEY, '{"ok":true}');
    expect((await cache.get('check', KEY))?.toString()).toBe('{"ok":true}');
    expect(await cache.get('model', KEY)).toBeUndefined();
    expect(await cache.get('check', OTHER)).toBeUndefined();
    // Nothing but the entry is left in its folder: the temporary file was renamed.
    expect(await readdir(path.dirname(cache.entryPath('check', KEY)))).toEqual([KEY]);
  });

  it('ignores an entry that is truncated, edited, or moved under another key', async () => {
    const cache = new Cache({ dir: base });
    const file = cache.entryPath('document', KEY);
    await cache.put('document', KEY, Buffer.from('%PDF-1.7 the whole document'));
    const whole = await readFile(file);

    await writeFile(file, whole.subarray(0, whole.length - 3));
    expect(await cache.get('document', KEY)).toBeUndefined();

    await writeFile(
      file,
      Buffer.from(whole.toString('latin1').replace('whole', 'WHOLE'), 'latin1'),
    );
    expect(await cache.get('document', KEY)).toBeUndefined();

    await writeFile(file, Buffer.alloc(0));
    expect(await cache.get('document', KEY)).toBeUndefined();

    // A whole, valid entry of another key (another fingerprint, say) copied over this one.
    await cache.put('document', OTHER, 'another');
    await writeFile(file, await readFile(cache.entryPath('document', OTHER)));
    expect(await cache.get('document', KEY)).toBeUndefined();

    // Written anew, it is used again.
    await cache.put('document', KEY, Buffer.from('%PDF-1.7 the whole document'));
    expect((await cache.get('document', KEY))?.toString()).toBe('%PDF-1.7 the whole document');
  });

  it('goes on without a folder it cannot write, and says so once', async () => {
    const blocker = path.join(base, 'file');
    await writeFile(blocker, 'not a folder');
    const said: string[] = [];
    const cache = new Cache({ dir: path.join(blocker, 'cache'), warn: (m) => said.push(m) });
    await cache.put('check', KEY, 'x');
    await cache.put('check', OTHER, 'y');
    expect(await cache.get('check', KEY)).toBeUndefined();
    expect(cache.usable).toBe(false);
    expect(said).toEqual([
      `cannot write the cache in ${path.join(blocker, 'cache')} (ENOTDIR): going on without it`,
    ]);
  });

  it('refuses kinds and keys that are not plain names', async () => {
    const cache = new Cache({ dir: base });
    await expect(cache.get('../x', KEY)).rejects.toThrow('bad cache kind or key');
    await expect(cache.put('check', '../../etc', 'x')).rejects.toThrow('bad cache kind or key');
  });
});
