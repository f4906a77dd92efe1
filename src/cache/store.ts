import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../model/lock.js';

/** The first word of every entry: a file that does not start with it is not an entry. */
const MAGIC = 'terms-cache 1';

/** Where a cache lives and how it reports that it cannot be written. */
export interface CacheOptions {
  /** The cache folder (created on the first write). */
  dir: string;
  /** Told once, when the folder cannot be written: the command goes on without the cache. */
  warn?: (message: string) => void;
}

/**
 * A persistent, content-addressed store of bytes, like ESLint's `--cache` or TypeScript's
 * build info: `get(kind, key)` gives what `put(kind, key, …)` stored, or undefined. Keys are
 * hex digests of everything the value depends on (the caller computes them), so an entry is
 * never stale, only unused.
 *
 * Each entry is one file `<dir>/<kind>/<key[0..1]>/<key>`: a header line naming the kind, the
 * key, the payload's length and sha256, then the payload. Writes go to a temporary file that is
 * renamed into place, so a reader (in this process or another) sees a whole entry or none; a
 * reader checks the header against what it asked for and the payload against its hash, so a
 * truncated, edited or misplaced entry is ignored and written anew. Two processes may share a
 * folder: they write identical entries for identical keys.
 */
export class Cache {
  /** The cache folder. */
  readonly dir: string;
  private readonly warn: ((message: string) => void) | undefined;
  private broken = false;
  /** Entry folders known to exist: created once per process, not once per entry. */
  private readonly made = new Set<string>();

  constructor(options: CacheOptions) {
    this.dir = path.resolve(options.dir);
    this.warn = options.warn;
  }

  /** False once the folder proved unwritable: every `get` misses and every `put` is skipped. */
  get usable(): boolean {
    return !this.broken;
  }

  /** The payload stored under `kind`/`key`, or undefined when there is none or it is damaged. */
  async get(kind: string, key: string): Promise<Buffer | undefined> {
    const file = this.entryPath(kind, key);
    if (this.broken) return undefined;
    let data: Buffer;
    try {
      // Synchronous: one small file, read far faster than through the thread pool.
      data = readFileSync(file);
    } catch {
      return undefined;
    }
    return verify(data, kind, key);
  }

  /** Stores `payload` under `kind`/`key`, atomically; a folder that cannot be written turns the cache off. */
  async put(kind: string, key: string, payload: Uint8Array | string): Promise<void> {
    const file = this.entryPath(kind, key);
    if (this.broken) return;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
    const head = `${MAGIC} ${kind} ${key} ${body.byteLength} ${sha256(body)}\n`;
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const data = Buffer.concat([Buffer.from(head), body]);
    const folder = path.dirname(file);
    // Synchronous: small files, written far faster than through the thread pool.
    try {
      if (!this.made.has(folder)) mkdirSync(folder, { recursive: true });
      try {
        writeFileSync(temp, data, { flag: 'wx' });
      } catch (err) {
        // The folder was removed since it was made (the cache was cleared): make it again.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        mkdirSync(folder, { recursive: true });
        writeFileSync(temp, data, { flag: 'wx' });
      }
      this.made.add(folder);
      renameSync(temp, file);
    } catch (err) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing was written where nothing can be.
      }
      this.disable(err as NodeJS.ErrnoException);
    }
  }

  /** The file an entry is kept in. */
  entryPath(kind: string, key: string): string {
    if (!/^[a-z][a-z0-9-]*$/.test(kind) || !/^[0-9a-f]{16,}$/.test(key))
      throw new Error(`bad cache kind or key: ${kind}/${key}`);
    return path.join(this.dir, kind, key.slice(0, 2), key);
  }

  private disable(err: NodeJS.ErrnoException): void {
    if (this.broken) return;
    this.broken = true;
    this.warn?.(
      `cannot write the cache in ${this.dir} (${err.code ?? err.message}): going on without it`,
    );
  }
}

/** The payload of an entry file, when it is whole and is the entry asked for. */
function verify(data: Buffer, kind: string, key: string): Buffer | undefined {
  const end = data.indexOf(0x0a);
  if (end < 0 || end > 512) return undefined;
  const fields = data.subarray(0, end).toString('latin1').split(' ');
  // MAGIC is two words: "terms-cache", "1".
  const [word, version, entryKind, entryKey, length, hash] = fields;
  if (`${word} ${version}` !== MAGIC || fields.length !== 6) return undefined;
  if (entryKind !== kind || entryKey !== key) return undefined;
  const body = data.subarray(end + 1);
  if (String(body.byteLength) !== length || sha256(body) !== hash) return undefined;
  return body;
}
