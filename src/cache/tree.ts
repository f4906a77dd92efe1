import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkTimeline, type TimelineEntry } from '../check/versions.js';
import { type Diagnostic, diagnostic, sortDiagnostics } from '../diagnostics.js';
import { displayPath, type FileBytes } from '../load/files.js';
import { loadServiceFile, serviceFolders, versionFolders } from '../load/index.js';
import { SERVICE_FILE } from '../model/files.js';
import type { Terms } from '../model/terms.js';
import { type OpenOptions, usableTerms } from '../open.js';
import { engineFingerprint } from './fingerprint.js';
import { inspectVersionFolder } from './folder.js';
import type { Cache } from './store.js';

/** Options of the cached whole-tree readers. */
export interface TreeOptions extends OpenOptions {
  /** Keeps per-version results between runs; none: every version is loaded and checked. */
  cache?: Cache | undefined;
}

/** What checking a whole tree gives: every diagnostic, and what was read. */
export interface TreeCheck {
  diagnostics: Diagnostic[];
  services: number;
  /** Versions whose files all have a valid shape. */
  versions: number;
}

/**
 * `terms check` with a cache: the same diagnostics as `inspectTerms`, but a version whose folder,
 * service.yaml and engine are unchanged since a run that kept its results is not parsed again:
 * its diagnostics and header come from the cache, and the order of versions is checked from the
 * headers. Never throws for content problems.
 */
export async function checkTree(root: string, options: TreeOptions = {}): Promise<TreeCheck> {
  const walked = await walkTree(root, options, false);
  const versions = walked.terms.services.reduce((n, s) => n + s.versions.length, 0);
  return {
    diagnostics: walked.diagnostics,
    services: walked.terms.services.length,
    versions: versions + walked.headerOnly,
  };
}

/**
 * `openTerms` with a cache: the model of every version (parsed from the cache when its folder
 * is unchanged), checked the same way, drafts with errors withheld. Also gives the key of each
 * version folder (`<service>/<version>` → key): a cache of rendered documents keys on it.
 */
export async function openTree(
  root: string,
  options: TreeOptions = {},
): Promise<{ terms: Terms; keys: Map<string, string> }> {
  const walked = await walkTree(root, options, true);
  return { terms: usableTerms(walked, root, options), keys: walked.keys };
}

interface Walked {
  terms: Terms;
  diagnostics: Diagnostic[];
  display: (rel: string) => string;
  keys: Map<string, string>;
  /** Loaded versions counted without their model (checkTree does not need it). */
  headerOnly: number;
}

/** Folders inspected at once: enough to keep the disk busy, few enough to bound memory. */
const CONCURRENCY = 8;

async function walkTree(root: string, options: TreeOptions, model: boolean): Promise<Walked> {
  const absRoot = path.resolve(root);
  const cwd = options.cwd ?? process.cwd();
  const display = (rel: string) => displayPath(path.join(absRoot, rel), cwd);
  const walked: Walked = {
    terms: { root: absRoot, services: [] },
    diagnostics: [],
    display,
    keys: new Map(),
    headerOnly: 0,
  };
  if (!(await isFolder(absRoot))) {
    walked.diagnostics.push(
      diagnostic('no-terms', 'terms folder not found or not a folder', { file: display('.') }),
    );
    return walked;
  }
  const cache = options.cache;
  const fingerprint = cache ? await engineFingerprint() : '';
  const services = await serviceFolders(absRoot, display);
  walked.diagnostics.push(...services.diagnostics);
  for (const name of services.names) {
    const files: FileBytes = new Map();
    const head = await loadServiceFile(absRoot, name, display, files);
    walked.diagnostics.push(...head.diagnostics);
    const service = head.service;
    if (!service) continue;
    const serviceBytes = files.get(`${name}/${SERVICE_FILE}`) ?? Buffer.alloc(0);
    const folders = await versionFolders(absRoot, name, display);
    walked.diagnostics.push(...folders.diagnostics);
    const results = await mapLimit(folders.ids, CONCURRENCY, (id) =>
      inspectVersionFolder(absRoot, service, serviceBytes, id, {
        display,
        cache,
        fingerprint,
        model,
      }),
    );
    const entries: TimelineEntry[] = [];
    for (const r of results) {
      walked.diagnostics.push(...r.diagnostics);
      walked.keys.set(r.dir, r.key);
      if (!r.header) continue;
      entries.push({ service: name, id: r.dir.slice(name.length + 1), dir: r.dir, ...r.header });
      if (r.version) service.versions.push(r.version);
      else walked.headerOnly++;
    }
    walked.diagnostics.push(...checkTimeline(entries, display));
    walked.terms.services.push(service);
  }
  walked.diagnostics = sortDiagnostics(walked.diagnostics);
  return walked;
}

/** `Promise.all(items.map(fn))` with at most `limit` calls under way; results in order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
