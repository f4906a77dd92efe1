import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../model/lock.js';
import type { Terms } from '../model/terms.js';
import { renderIndexHtml } from '../render/html/index.js';
import { stringifyRules, toRules } from '../rules/rules.js';
import { rulesJsonSchema } from '../rules/schema.js';
import {
  BUNDLE_PATHS,
  EDITIONS,
  servicesJson,
  stringifyJson,
  versionsJson,
} from './bundle-files.js';
import { checkTarget } from './bundle-target.js';
import { RenderPool } from './pool.js';
import { type RenderJob, renderJob } from './render-job.js';

/** One file written into the bundle. */
export interface BuiltFile {
  /** Path relative to the bundle root, `/`-separated. */
  path: string;
  bytes: number;
  /** Time spent producing it (rendering, for documents). */
  ms: number;
}

/** Options of `buildBundle`. */
export interface BuildOptions {
  /** Put draft versions in the bundle too (never without this). */
  drafts?: boolean;
  /** Called after each file is written (the CLI prints a progress line). */
  onProgress?: (file: BuiltFile) => void;
  /**
   * Render workers: 0 renders in this thread. Default: see `defaultWorkers`. Without a compiled
   * worker script (running from TypeScript sources) rendering stays in this thread.
   */
  workers?: number;
  /** The worker script (default: render-worker.js beside this module). */
  workerScript?: URL;
}

/** What a build wrote. */
export interface BuildResult {
  /** Absolute path of the bundle. */
  outDir: string;
  files: BuiltFile[];
  /** Total size of the bundle in bytes. */
  bytes: number;
  /** Render workers used (0: in-process). */
  workers: number;
}

const WORKER_SCRIPT = new URL('./render-worker.js', import.meta.url);

/**
 * Writes the static bundle of DESIGN.md: documents in every language and format, the bilingual
 * editions, rules JSON per version, the services and versions indexes, the rules JSON Schema,
 * `index.html` and `SHA256SUMS`. It is built in a temporary folder beside `outDir` and renamed
 * into place: a failed build leaves the previous bundle untouched. Same terms, same bytes.
 */
export async function buildBundle(
  terms: Terms,
  outDir: string,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const out = path.resolve(outDir);
  await checkTarget(out, terms.root);
  const drafts = options.drafts ?? false;
  // Unique per build, so two builds never share (or delete) each other's folders.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = `${out}.tmp-${tag}`;
  await mkdir(path.dirname(out), { recursive: true });
  await mkdir(temp);
  const files: BuiltFile[] = [];
  const sums = new Map<string, string>();
  const emit = async (rel: string, data: string | Uint8Array, ms = 0) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const file = path.join(temp, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
    sums.set(rel, sha256(bytes));
    const built = { path: rel, bytes: bytes.byteLength, ms: Math.round(ms) };
    files.push(built);
    options.onProgress?.(built);
  };

  const jobs = documentJobs(terms, drafts);
  const script = options.workerScript ?? WORKER_SCRIPT;
  const wanted = options.workers ?? defaultWorkers(jobs.length);
  const size = existsSync(fileURLToPath(script)) ? Math.max(0, Math.min(wanted, jobs.length)) : 0;
  const pool = size > 0 ? new RenderPool(script, size, terms) : undefined;
  try {
    await emit(BUNDLE_PATHS.schema, stringifyJson(rulesJsonSchema()));
    await emit(BUNDLE_PATHS.services, servicesJson(terms, drafts));
    for (const service of terms.services) {
      await emit(BUNDLE_PATHS.versions(service.id), versionsJson(service, drafts));
      for (const version of service.versions)
        if (drafts || version.status === 'published')
          await emit(
            BUNDLE_PATHS.rules(service.id, version.id),
            stringifyRules(toRules(service, version)),
          );
    }
    await emit(BUNDLE_PATHS.index, renderIndexHtml(terms, { drafts }));
    if (pool) {
      // Every job settles before the temp folder is removed, so no late write recreates it.
      const results = await Promise.allSettled(
        jobs.map(async ({ rel, job }) => {
          const done = await pool.render(job);
          await emit(rel, done.bytes, done.ms);
        }),
      );
      const rejected = results.find((r) => r.status === 'rejected');
      if (rejected) throw rejected.reason;
    } else {
      // One at a time: rendering blocks this thread anyway, and each time measured is its own.
      for (const { rel, job } of jobs) {
        const start = performance.now();
        const bytes = await renderJob(terms, job);
        await emit(rel, bytes, performance.now() - start);
      }
    }
    // Last, and not listed in itself: the checksum of every other file, in `sha256sum` format.
    const list = [...sums.keys()].sort();
    const sumsText = list.map((rel) => `${sums.get(rel)}  ${rel}\n`).join('');
    await writeFile(path.join(temp, BUNDLE_PATHS.sums), sumsText, { flag: 'wx' });
    const sumsFile = { path: BUNDLE_PATHS.sums, bytes: Buffer.byteLength(sumsText), ms: 0 };
    files.push(sumsFile);
    options.onProgress?.(sumsFile);
    await swapInto(temp, out, tag);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  } finally {
    await pool?.close();
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    outDir: out,
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    workers: size,
  };
}

/**
 * Documents per worker below which a worker costs more than it saves. `npm run bench` on 2 CPUs:
 * 80 documents (10 versions) gain nothing from 2 workers and cost 180 MB more; 400 documents
 * (50 versions) build 1.4× faster with them.
 */
const DOCUMENTS_PER_WORKER = 48;

/**
 * How many render workers pay off. A worker costs about a second of CPU before its first
 * document (loading the renderers and fonts, warming up) while a warm render takes about 0.1 s,
 * and workers compete with this thread on a small machine, so a worker pays off from about 48
 * documents (six versions); one worker alone only moves the work off an idle thread: below two
 * workers, render in this thread.
 * Measured in `npm run bench`; see the report of the build command.
 */
export function defaultWorkers(documents: number): number {
  const n = Math.min(os.availableParallelism(), Math.floor(documents / DOCUMENTS_PER_WORKER));
  return n >= 2 ? n : 0;
}

/** Every document of the bundle, as a render job and its path. */
function documentJobs(terms: Terms, drafts: boolean): { rel: string; job: RenderJob }[] {
  const jobs: { rel: string; job: RenderJob }[] = [];
  for (const service of terms.services)
    for (const version of service.versions) {
      if (!drafts && version.status !== 'published') continue;
      // PDFs first: they take longest, so the pool starts on them while HTML fills the gaps.
      for (const format of ['pdf', 'html'] as const)
        for (const e of EDITIONS) {
          const file = `${e.key}.${format}`;
          const job: RenderJob = {
            format,
            service: service.id,
            version: version.id,
            lang: e.lang,
            drafts,
          };
          if (e.parallel) job.parallel = e.parallel;
          jobs.push({ rel: BUNDLE_PATHS.document(service.id, version.id, file), job });
        }
    }
  return jobs;
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
