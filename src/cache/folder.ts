import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkFrozenRender } from '../check/frozen-render.js';
import { checkText, checkVersion } from '../check/index.js';
import { checkLocks } from '../check/lock.js';
import type { Diagnostic, Point } from '../diagnostics.js';
import type { FileBytes } from '../load/files.js';
import { LIMITS } from '../load/limits.js';
import { GENERATED_FILE_BYTES } from '../load/text.js';
import { loadVersion } from '../load/version.js';
import type { YamlSource } from '../load/yaml.js';
import { flattenClauses } from '../model/document.js';
import { LOCK_FILE, SOURCE_FILES } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { Service, TermsVersion } from '../model/terms.js';
import type { Status } from '../model/version.js';
import type { Cache } from './store.js';

/** What loading and checking one version folder gives. */
export interface FolderResult {
  /** `<service>/<version>`, relative to the terms root. */
  dir: string;
  /** Whether every file of the version has a valid shape (the version is part of the model). */
  loaded: boolean;
  /** The header of a loaded version, with the point of its effective date. */
  header: { effectiveFrom: string; status: Status; at: Point } | undefined;
  /** Every diagnostic of the folder's own checks, files named through the caller's `display`. */
  diagnostics: Diagnostic[];
  /** The loaded version, when asked for and `loaded`. */
  version?: TermsVersion | undefined;
  /** Digest of everything the folder's results depend on: the key of its cache entries. */
  key: string;
}

/** How to inspect a folder. */
export interface FolderOptions {
  /** Turns a path relative to the terms root into the path diagnostics print. */
  display: (rel: string) => string;
  /** Where results are kept between runs; none: computed every time. */
  cache?: Cache | undefined;
  /** The engine fingerprint (`engineFingerprint()`); part of every key. */
  fingerprint: string;
  /** Also give the loaded model (read from the cache when it is there). */
  model?: boolean;
}

/** A cached check result: what `FolderResult` holds besides the model, with paths relative to the root. */
interface CheckEntry {
  loaded: boolean;
  header: FolderResult['header'] | null;
  diagnostics: Diagnostic[];
}

const identity = (rel: string) => rel;

/**
 * Loads one version folder and runs every check that looks at that folder alone (`checkVersion`,
 * or `checkText` when version.yaml is invalid, the freeze lock and the frozen rendered text): exactly the diagnostics
 * `checkTerms` gives for it. With a cache, the result is kept under a key made of the engine
 * fingerprint, service.yaml's bytes, the folder's name, the names of its files and the bytes of
 * those it reads: the same key means the same result, and any change to any of them a new key.
 * Results are only stored when the bytes loaded are the bytes hashed (a file edited meanwhile
 * is not cached under the wrong key).
 */
export async function inspectVersionFolder(
  root: string,
  service: Service,
  serviceBytes: Uint8Array,
  id: string,
  options: FolderOptions,
): Promise<FolderResult> {
  const dir = `${service.id}/${id}`;
  const snapshot = await readFolder(root, dir);
  const key = folderKey(options.fingerprint, serviceBytes, dir, snapshot);
  const { cache, display } = options;
  if (cache) {
    const hit = await fromCache(cache, key, options.model === true);
    if (hit) return finish(dir, key, hit.entry, hit.version, display);
  }
  // The loader reads the bytes that were hashed, not the disk again.
  const files: FileBytes = new Map(
    [...snapshot.bytes].map(([name, bytes]) => [`${dir}/${name}`, bytes] as const),
  );
  const loaded = await loadVersion(root, service.id, id, identity, files);
  const sources = new Map<string, YamlSource>();
  if (loaded.source) sources.set(dir, loaded.source);
  const versions = loaded.version ? [loaded.version] : [];
  const ctx = {
    terms: { root, services: [{ ...service, versions }] },
    files,
    sources,
    display: identity,
  };
  const diagnostics = [...loaded.diagnostics];
  if (loaded.version) diagnostics.push(...checkVersion(ctx, loaded.version));
  else if (loaded.documents) diagnostics.push(...checkText({ documents: loaded.documents }));
  diagnostics.push(...checkLocks(ctx), ...checkFrozenRender(ctx));
  const version = loaded.version;
  const entry: CheckEntry = {
    loaded: version !== undefined,
    header: version
      ? {
          effectiveFrom: version.effectiveFrom,
          status: version.status,
          at: loaded.source?.pointOf(['effectiveFrom']) ?? { line: 1, column: 1 },
        }
      : null,
    diagnostics,
  };
  if (cache && snapshot.complete && unchanged(root, dir, snapshot, files)) {
    await cache.put('check', key, JSON.stringify(entry));
    // The model only when a caller uses models (a build, a render): `terms check` never reads
    // them, and writing one per version would cost a cold check more than it saves it.
    if (version && options.model) await cache.put('model', key, JSON.stringify(version));
  }
  return finish(dir, key, entry, options.model ? version : undefined, display);
}

/** The names in a version folder (hidden ones left out) and the bytes of the files it loads. */
interface Snapshot {
  names: string[];
  bytes: Map<string, Buffer>;
  /**
   * False when a file could not be taken as it is (over its size limit, not a regular file,
   * unreadable, or the folder unlistable): the loader reads and reports it, and nothing of the
   * folder is stored, since its bytes are not in the key.
   */
  complete: boolean;
}

const READ = new Set([...SOURCE_FILES, LOCK_FILE]);

/**
 * Reads a folder's snapshot. Synchronous on purpose: a handful of small files, and hundreds of
 * folders read one after the other cost several times less than through the thread pool. Never
 * reads more than a file's size limit, and never throws for what is on the disk.
 */
async function readFolder(root: string, dir: string): Promise<Snapshot> {
  const snapshot: Snapshot = { names: [], bytes: new Map(), complete: true };
  try {
    snapshot.names = namesIn(root, dir);
  } catch {
    snapshot.complete = false;
    return snapshot;
  }
  for (const name of snapshot.names) {
    if (!READ.has(name)) continue;
    const abs = path.join(root, dir, name);
    try {
      const info = statSync(abs);
      const max = name === LOCK_FILE ? GENERATED_FILE_BYTES : LIMITS.fileBytes;
      if (info.isFile() && info.size <= max) snapshot.bytes.set(name, readFileSync(abs));
      else snapshot.complete = false;
    } catch {
      snapshot.complete = false;
    }
  }
  return snapshot;
}

/** The names in a version folder, hidden ones left out, sorted. */
function namesIn(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .filter((n) => !n.startsWith('.'))
    .sort();
}

function folderKey(
  fingerprint: string,
  serviceBytes: Uint8Array,
  dir: string,
  snapshot: Snapshot,
): string {
  const hash = createHash('sha256');
  const add = (bytes: Uint8Array | string) => {
    hash.update(`${bytes.length}\0`);
    hash.update(bytes);
  };
  add('version folder');
  add(fingerprint);
  add(serviceBytes);
  add(dir);
  for (const name of snapshot.names) {
    add(name);
    add(snapshot.bytes.get(name) ?? '-');
  }
  return hash.digest('hex');
}

/**
 * True when the loader read exactly the bytes hashed (a file missing when the folder was read
 * may have appeared since) and the folder still lists the same names.
 */
function unchanged(root: string, dir: string, snapshot: Snapshot, files: FileBytes): boolean {
  for (const name of READ) {
    const mine = snapshot.bytes.get(name);
    const theirs = files.get(`${dir}/${name}`);
    if ((mine === undefined) !== (theirs === undefined)) return false;
    if (mine && theirs && !mine.equals(theirs)) return false;
  }
  try {
    return namesIn(root, dir).join('\n') === snapshot.names.join('\n');
  } catch {
    return false;
  }
}

async function fromCache(
  cache: Cache,
  key: string,
  model: boolean,
): Promise<{ entry: CheckEntry; version: TermsVersion | undefined } | undefined> {
  const entry = parseJson<CheckEntry>(await cache.get('check', key));
  if (!entry || !Array.isArray(entry.diagnostics)) return undefined;
  if (!model || !entry.loaded) return { entry, version: undefined };
  const version = parseJson<TermsVersion>(await cache.get('model', key));
  return version ? { entry, version } : undefined;
}

/** JSON of an entry; undefined when there is no entry (its own hash already vouches for it). */
function parseJson<T>(bytes: Buffer | undefined): T | undefined {
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The result with files named for the caller: diagnostics and the model's source paths. */
function finish(
  dir: string,
  key: string,
  entry: CheckEntry,
  version: TermsVersion | undefined,
  display: (rel: string) => string,
): FolderResult {
  const diagnostics = entry.diagnostics.map((d) => ({ ...d, file: display(d.file) }));
  const header = entry.header ?? undefined;
  if (version === undefined) return { dir, key, loaded: entry.loaded, header, diagnostics };
  return {
    dir,
    key,
    loaded: entry.loaded,
    header,
    diagnostics,
    version: relocate(version, display),
  };
}

/** Names a model's source files (each document's, each clause's) through `display`, in place. */
function relocate(version: TermsVersion, display: (rel: string) => string): TermsVersion {
  for (const lang of LANGS) {
    const doc = version.documents[lang];
    const shown = display(doc.file);
    for (const clause of flattenClauses(doc.sections))
      clause.source = {
        ...clause.source,
        file: clause.source.file === doc.file ? shown : display(clause.source.file),
      };
    doc.file = shown;
  }
  return version;
}
