import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePath } from '../bundle/layout.js';
import { sha256 } from '../model/lock.js';
import type { Terms } from '../model/terms.js';
import type { PlannedDocument, PlannedFile } from './bundle-plan.js';
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
  const temp = `${out}.tmp-${tag}`;
  await mkdir(path.dirname(out), { recursive: true });
  await mkdir(temp);
  const files: BuiltFile[] = [];
  const sums = new Map<string, string>();
  /** Folders of the temp bundle made so far: one mkdir per folder, not per file. */
  const made = new Set<string>();
  const emit = async (rel: string, data: string | Uint8Array, ms = 0, cached = false) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const file = path.join(temp, ...rel.split('/'));
    if (!made.has(path.dirname(file))) await mkdir(path.dirname(file), { recursive: true });
    made.add(path.dirname(file));
    await writeFile(file, bytes, { flag: 'wx' });
    sums.set(rel, sha256(bytes));
    const built: BuiltFile = { path: rel, bytes: bytes.byteLength, ms: Math.round(ms) };
    if (cached) built.cached = true;
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
          const done = await pool.render(doc.job);
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
    await writeFile(path.join(temp, sumsPath), sumsText, { flag: 'wx' });
    const sumsFile = { path: sumsPath, bytes: Buffer.byteLength(sumsText), ms: 0 };
    files.push(sumsFile);
    options.onProgress?.(sumsFile);
    await swapInto(temp, out, tag);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Replaces `out` with `temp`: the old bundle is renamed aside, the new one renamed in, the old one removed. */
async function swapInto(temp: string, out: string, tag: string): Promise<void> {
  if (!existsSync(out)) {
    await rename(temp, out);
    return;
  }
  const old = `${out}.old-${tag}`;
  await rename(out, old);
  try {
    await rename(temp, out);
  } catch (err) {
    await rename(old, out);
    throw err;
  }
  await rm(old, { recursive: true, force: true });
}
