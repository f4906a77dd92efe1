import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type DraftSet, isImmutable } from '../bundle/cache.js';
import { bundlePath } from '../bundle/layout.js';
import { InputError } from '../diagnostics.js';
import { sha256 } from '../model/lock.js';
import type { Terms } from '../model/terms.js';
import type { PlannedDocument, PlannedFile } from './bundle-plan.js';
import { killPoint, oldFolderOf, tempFolderOf } from './bundle-recover.js';
import type { RenderPool } from './pool.js';
import { renderJob } from './render-job.js';

/** One file written into the bundle. */
export interface BuiltFile {
  /** Path relative to the bundle root, `/`-separated. */
  path: string;
  bytes: number;
  /** Time spent producing it (rendering, for documents). */
  ms: number;
  /** A document taken from the store of rendered documents instead of rendered. */
  cached?: boolean;
  /**
   * The file is served as immutable, and the bundle at `--out` had other bytes at its path:
   * caches keep those for a year. Happens only when the engine or its fonts changed the output
   * of a published version (its sources are frozen); the CLI warns.
   */
  immutableChanged?: boolean;
}

/**
 * Rendered documents kept between builds (`src/cache/documents.ts`), by everything a document
 * depends on: a document found there is not rendered again.
 */
export interface DocumentStore {
  /** Whether the document is probably there (cheap; for sizing the render pool). */
  has(doc: PlannedDocument): Promise<boolean>;
  /** The document's bytes, or undefined. */
  get(doc: PlannedDocument): Promise<Uint8Array | undefined>;
  /** Keeps a rendered document. */
  put(doc: PlannedDocument, bytes: Uint8Array): Promise<void>;
}

/** How the writer renders documents and reports progress. */
export interface WriteOptions {
  /** Renders in worker threads when given; else in this thread, one at a time. */
  pool?: RenderPool | undefined;
  /** Called after each file is written (the CLI prints a progress line). */
  onProgress?: ((file: BuiltFile) => void) | undefined;
  /**
   * Stops the build between two files (SIGINT, SIGTERM in the CLI): the temporary folder is
   * removed and the signal's reason thrown. Once the swap has begun it runs to its end.
   */
  signal?: AbortSignal | undefined;
  /** Documents found here are not rendered; documents rendered are put here. */
  documents?: DocumentStore | undefined;
}

/**
 * Writes a planned bundle into a temporary folder beside `out` — documents rendered, then
 * SHA256SUMS of every file — and renames it into place: a failed build leaves the previous
 * bundle untouched. Returns the files written, sorted by path.
 */
export async function writeBundle(
  terms: Terms,
  plan: readonly PlannedFile[],
  out: string,
  options: WriteOptions = {},
): Promise<BuiltFile[]> {
  // Unique per build, so two builds never share (or delete) each other's folders.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = tempFolderOf(out, tag);
  await writable(() => mkdir(path.dirname(out), { recursive: true }), path.dirname(out));
  await writable(() => mkdir(temp), temp);
  const files: BuiltFile[] = [];
  const sums = new Map<string, string>();
  const { signal } = options;
  const before = await previousSums(out);
  const drafts: DraftSet = new Set(
    terms.services.flatMap((s) =>
      s.versions.filter((v) => v.status === 'draft').map((v) => `${s.id}/${v.id}`),
    ),
  );
  /** Folders of the temp bundle made so far: one mkdir per folder, not per file. */
  const made = new Set<string>();
  const emit = async (rel: string, data: string | Uint8Array, ms = 0, cached = false) => {
    signal?.throwIfAborted();
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const file = path.join(temp, ...rel.split('/'));
    if (!made.has(path.dirname(file))) await mkdir(path.dirname(file), { recursive: true });
    made.add(path.dirname(file));
    await writable(() => writeFile(file, bytes, { flag: 'wx' }), file);
    const sum = sha256(bytes);
    sums.set(rel, sum);
    const built: BuiltFile = { path: rel, bytes: bytes.byteLength, ms: Math.round(ms) };
    if (cached) built.cached = true;
    const old = before.get(rel);
    if (old !== undefined && old !== sum && isImmutable(rel, drafts)) built.immutableChanged = true;
    files.push(built);
    options.onProgress?.(built);
  };
  const { pool, documents } = options;
  /** Emits a stored document; false when the store does not have it. */
  const reuse = async (doc: PlannedDocument) => {
    const start = performance.now();
    const bytes = await documents?.get(doc);
    if (bytes) await emit(doc.path, bytes, performance.now() - start, true);
    return bytes !== undefined;
  };
  const rendered = async (doc: PlannedDocument, bytes: Uint8Array, ms: number) => {
    await documents?.put(doc, bytes);
    await emit(doc.path, bytes, ms);
  };
  try {
    const jobs: PlannedDocument[] = [];
    for (const file of plan)
      if ('job' in file) jobs.push(file);
      else await emit(file.path, file.data);
    if (pool) {
      // Every job settles before the temp folder is removed, so no late write recreates it.
      const results = await Promise.allSettled(
        jobs.map(async (doc) => {
          if (await reuse(doc)) return;
          // Abandoned on abort: closing the pool (in buildBundle) stops what is still queued.
          const done = await abortable(pool.render(doc.job), signal);
          await rendered(doc, done.bytes, done.ms);
        }),
      );
      const rejected = results.find((r) => r.status === 'rejected');
      if (rejected) throw rejected.reason;
    } else {
      // One at a time: rendering blocks this thread anyway, and each time measured is its own.
      for (const doc of jobs) {
        if (await reuse(doc)) continue;
        const start = performance.now();
        const bytes = await renderJob(terms, doc.job);
        await rendered(doc, bytes, performance.now() - start);
      }
    }
    // Last, and not listed in itself: the checksum of every other file, in `sha256sum` format.
    const list = [...sums.keys()].sort();
    const sumsText = list.map((rel) => `${sums.get(rel)}  ${rel}\n`).join('');
    const sumsPath = bundlePath('sums');
    const sumsAbs = path.join(temp, sumsPath);
    await writable(() => writeFile(sumsAbs, sumsText, { flag: 'wx' }), sumsAbs);
    const sumsFile = { path: sumsPath, bytes: Buffer.byteLength(sumsText), ms: 0 };
    files.push(sumsFile);
    options.onProgress?.(sumsFile);
    signal?.throwIfAborted();
    killPoint('before-swap');
    await writable(() => swapInto(temp, out, tag), out);
  } catch (err) {
    // Best effort: on a read-only or vanished file system the temp folder may not be removable.
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Replaces `out` with `temp`: the old bundle is renamed aside, the new one renamed in, the old
 * one removed. A process killed between the two renames leaves no `out` but a complete
 * `<out>.old-*`, which the next build moves back (`recoverLeftovers`); killed later, it leaves
 * an `.old-*` to remove.
 */
async function swapInto(temp: string, out: string, tag: string): Promise<void> {
  if (!existsSync(out)) {
    await rename(temp, out);
    return;
  }
  const old = oldFolderOf(out, tag);
  await rename(out, old);
  killPoint('between-renames');
  try {
    await rename(temp, out);
  } catch (err) {
    await rename(old, out);
    throw err;
  }
  killPoint('before-remove-old');
  await rm(old, { recursive: true, force: true });
}

/**
 * The checksums of the bundle at `out` by path (its SHA256SUMS), or none: what was served
 * before, to compare the files served as immutable with.
 */
async function previousSums(out: string): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  const text = await readFile(path.join(out, bundlePath('sums')), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) sums.set(m[2] as string, m[1] as string);
  }
  return sums;
}

/** A promise that rejects with the signal's reason as soon as it is aborted. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

const WRITE_PROBLEMS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'a folder on the way does not exist',
  ENOTDIR: 'a path on the way is a file, not a folder',
  EEXIST: 'something is already there',
  EISDIR: 'a folder is where a file belongs',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
};

/** Runs a write; a file-system error becomes a one-line InputError naming the path. */
async function writable<T>(write: () => Promise<T>, target: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw writeError(err, target);
  }
}

/** A file-system error of a write as a one-line InputError naming the path; others unchanged. */
export function writeError(err: unknown, target: string): unknown {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const reason = WRITE_PROBLEMS[code];
  if (!reason) return err;
  const where = (err as NodeJS.ErrnoException).path ?? target;
  return new InputError(
    'write-failed',
    `cannot write the bundle: ${where}: ${reason} (${code})`,
    'out',
  );
}
