import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../diagnostics.js';
import type { Terms } from '../model/terms.js';
import { planBundle } from './bundle-plan.js';
import { recoverLeftovers } from './bundle-recover.js';
import { checkTarget } from './bundle-target.js';
import { type BuiltFile, type DocumentStore, writeBundle, writeError } from './bundle-writer.js';
import { RenderPool } from './pool.js';
import { acquireLock } from './process-lock.js';

export type { BuiltFile, DocumentStore } from './bundle-writer.js';

/** Options of `buildBundle`. */
export interface BuildOptions {
  /** Put draft versions in the bundle too (never without this). */
  drafts?: boolean;
  /** The moment of the build: marks the version in force on each service's page (see `PlanOptions`). */
  now?: Date;
  /** The date that marks the version in force instead of `now`, `YYYY-MM-DD`. */
  today?: string;
  /** Called after each file is written (the CLI prints a progress line). */
  onProgress?: (file: BuiltFile) => void;
  /**
   * Render workers: 0 renders in this thread. Default: see `defaultWorkers`. Without a compiled
   * worker script (running from TypeScript sources) rendering stays in this thread.
   */
  workers?: number;
  /** The worker script (default: render-worker.js beside this module). */
  workerScript?: URL;
  /** Stops the build (see `WriteOptions.signal`): the temporary folder is removed. */
  signal?: AbortSignal;
  /**
   * Rendered documents kept between builds: only documents whose inputs changed are rendered
   * (the bundle is the same bytes either way).
   */
  documents?: DocumentStore | undefined;
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
  /** Documents in the bundle (rendered or taken from the store). */
  documents: number;
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
  if (terms.services.length === 0)
    throw new InputError(
      'no-services',
      `the terms in ${terms.root} hold no service: refusing to replace ${out} with an empty bundle`,
    );
  await checkTarget(out, terms.root).catch((err) => {
    throw writeError(err, out);
  });
  // One build at a time into one --out; what killed builds left is put right under the lock.
  await mkdir(path.dirname(out), { recursive: true }).catch(() => {});
  const lock = await acquireLock(`${out}.lock`, 'terms build').catch((err) => {
    if ((err as NodeJS.ErrnoException).code) throw writeError(err, `${out}.lock`);
    throw err;
  });
  try {
    await recoverLeftovers(out);
    return await buildLocked(terms, out, options);
  } finally {
    await lock.release();
  }
}

async function buildLocked(terms: Terms, out: string, options: BuildOptions): Promise<BuildResult> {
  const plan = planBundle(terms, {
    drafts: options.drafts ?? false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  const store = options.documents;
  const documents = plan.filter((f) => 'job' in f).length;
  // Workers are sized for the documents to render, not for those the store already has. A page
  // renders in about a tenth of a PDF's time and a full build has a page per PDF, so the default
  // counts each PDF to render with its page: pages alone (what an incremental build renders
  // again) stay in this thread rather than pay for workers that start with every version.
  let toRender = 0;
  let pdfs = 0;
  for (const file of plan)
    if ('job' in file && !(await store?.has(file))) {
      toRender++;
      if (file.job.format === 'pdf') pdfs++;
    }
  const script = options.workerScript ?? WORKER_SCRIPT;
  const wanted = options.workers ?? defaultWorkers(2 * pdfs);
  const size = existsSync(fileURLToPath(script)) ? Math.max(0, Math.min(wanted, toRender)) : 0;
  const pool = size > 0 ? new RenderPool(script, size, terms) : undefined;
  try {
    const files = await writeBundle(terms, plan, out, {
      pool,
      onProgress: options.onProgress,
      signal: options.signal,
      documents: store,
    });
    return {
      outDir: out,
      files,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      workers: size,
      documents,
    };
  } finally {
    await pool?.close();
  }
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
