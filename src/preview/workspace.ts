import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, sortDiagnostics } from '../diagnostics.js';
import { displayPath, type FileBytes, readText } from '../load/files.js';
import { type LoadResult, loadTerms } from '../load/index.js';
import { type LoadedVersion, loadVersion } from '../load/version.js';
import { isIsoDate } from '../model/date.js';
import { LOCK_FILE, SERVICE_FILE, SOURCE_FILES } from '../model/files.js';
import type { Service, TermsVersion } from '../model/terms.js';
import {
  checkOneVersion,
  checkVersionsOrder,
  folderHash,
  type ServiceMeta,
} from './check-version.js';
import { type KeyedStore, memoryStore } from './store.js';

/** What a version's pages render from: the version and its service as they were together. */
export interface Snapshot {
  service: Service;
  version: TermsVersion;
  /** The sha256 of the version's folder and of its service.yaml when it was taken. */
  sources: string;
}

/** One version folder as preview last read it. */
export interface VersionState {
  /** `<service>/<version>`, also its folder relative to the terms root. */
  key: string;
  service: string;
  id: string;
  /** The sha256 of the folder (`folderHash`), or `unread` when it could not be read. */
  hash: string;
  files: FileBytes;
  loaded: LoadedVersion;
  /** What loading and checking it alone found. */
  own: Diagnostic[];
  /** Everything its pages show: its own problems, those of the order of versions, sorted. */
  diagnostics: Diagnostic[];
  /** The version while it has no error, else the last time it had none (its pages go stale). */
  good: Snapshot | undefined;
  /** Why the folder could not be read the last time (a file replaced mid-read); kept until it can. */
  failure?: string | undefined;
}

/** One service folder as preview last read it. */
export interface ServiceState {
  id: string;
  /** service.yaml as last loaded without errors. */
  meta: ServiceMeta | undefined;
  /** The service as the renderers take it: its meta and every version whose files loaded. */
  service: Service | undefined;
  /** The sha256 of its service.yaml. */
  fingerprint: string;
  /** Problems of the service itself (service.yaml, badly named folders). */
  diagnostics: Diagnostic[];
  /** True while service.yaml has errors: its versions keep what they had, and go stale. */
  broken: boolean;
  versions: Map<string, VersionState>;
}

/** What an update changed. */
export interface UpdateSummary {
  /** Counts every update that changed anything; pages key on what they show, not on this. */
  generation: number;
  /** `<service>/<version>` of the folders read again whose files changed, added or removed. */
  changed: string[];
  /** Whether the whole tree was loaded again (a service.yaml or a service folder changed). */
  full: boolean;
  ms: number;
}

/** How to open a workspace. */
export interface WorkspaceOptions {
  /** Diagnostics name files relative to this folder (default: the process's working folder). */
  cwd?: string;
  /** Check results by content (default: in memory); the seam for the persistent cache. */
  checks?: KeyedStore<Diagnostic[]>;
}

/**
 * A terms folder kept loaded and checked in memory for `terms preview`, and kept current file
 * by file: a change inside a version folder loads and checks that folder alone (then the order
 * of its service's versions); only a change of a service.yaml or of the folders of services
 * loads the whole tree again, reusing the checks of every folder whose files are the same.
 * Never throws for content, nor for a file caught half-written or mid-replace.
 */
export class Workspace {
  readonly root: string;
  readonly cwd: string;
  readonly services = new Map<string, ServiceState>();
  /** Problems outside every service folder (the terms folder missing). */
  rootDiagnostics: Diagnostic[] = [];
  generation = 0;
  private readonly checks: KeyedStore<Diagnostic[]>;

  private constructor(root: string, options: WorkspaceOptions) {
    this.root = path.resolve(root);
    this.cwd = options.cwd ?? process.cwd();
    this.checks = options.checks ?? memoryStore(4096);
  }

  /** Loads and checks a terms folder. */
  static async open(root: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const workspace = new Workspace(root, options);
    await workspace.loadAll();
    return workspace;
  }

  /** Turns a path relative to the terms root into the path diagnostics print. */
  display = (rel: string): string => displayPath(path.join(this.root, rel), this.cwd);

  /** The state of `<service>/<version>`, if known. */
  version(key: string): VersionState | undefined {
    const [service, id] = key.split('/');
    return this.services.get(service ?? '')?.versions.get(id ?? '');
  }

  /** What a version's pages show: its problems and, while service.yaml is broken, the service's. */
  problemsOf(state: VersionState): Diagnostic[] {
    const service = this.services.get(state.service);
    return service?.broken
      ? sortDiagnostics([...service.diagnostics, ...state.diagnostics])
      : state.diagnostics;
  }

  /**
   * Every diagnostic of the tree, as `terms check` would list them: a service whose
   * service.yaml is broken has only that (its versions keep their last state for their pages).
   */
  allDiagnostics(): Diagnostic[] {
    const all = [...this.rootDiagnostics];
    for (const s of this.services.values()) {
      all.push(...s.diagnostics);
      if (!s.broken) for (const v of s.versions.values()) all.push(...v.diagnostics);
    }
    return sortDiagnostics(all);
  }

  /**
   * Takes in changed paths (absolute, or relative to the terms root): reads again the version
   * folders they are in, or the whole tree when one is a service.yaml or a service's folder.
   */
  async update(paths: readonly string[]): Promise<UpdateSummary> {
    const started = performance.now();
    const versions = new Set<string>();
    let full = false;
    for (const p of paths) {
      const rel = path.relative(this.root, path.resolve(this.root, p));
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const [service, version] = rel.split(path.sep);
      if (service === undefined || service === '' || version === undefined) full = true;
      else if (isIsoDate(version)) versions.add(`${service}/${version}`);
      // A service-level file other than service.yaml (notes.txt) changes nothing loaded.
      else if (version === SERVICE_FILE || !(await isFile(path.join(this.root, rel)))) full = true;
    }
    const before = this.hashes();
    if (full) await this.loadAll();
    else {
      const touched = new Set<string>();
      for (const key of [...versions].sort())
        if (await this.reloadVersion(key)) touched.add(key.split('/')[0] as string);
      for (const id of touched) this.settle(this.services.get(id) as ServiceState);
    }
    const after = this.hashes();
    const changed = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => before.get(k) !== after.get(k))
      .sort();
    if (changed.length > 0 || full) this.generation++;
    return { generation: this.generation, changed, full, ms: performance.now() - started };
  }

  private hashes(): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of this.services.values())
      for (const v of s.versions.values()) out.set(v.key, `${s.fingerprint}:${v.hash}`);
    return out;
  }

  /** Loads the whole tree (at start, and when a service.yaml or a service folder changes). */
  private async loadAll(): Promise<void> {
    const result = await loadTerms(this.root, { cwd: this.cwd });
    const inside = (dir: string) => (d: Diagnostic) => isInside(d.file, this.display(dir));
    const loaded = new Map(result.terms.services.map((s) => [s.id, s]));
    const names = await foldersOf(this.root);
    const seen = new Set<string>();
    for (const name of names) {
      seen.add(name);
      const previous = this.services.get(name);
      const own = result.diagnostics.filter(inside(name));
      const fingerprint = sha256(result.files.get(`${name}/${SERVICE_FILE}`) ?? '');
      const service = loaded.get(name);
      if (!service) {
        // service.yaml is missing or wrong: what was shown stays, marked stale, with why.
        this.services.set(name, {
          ...(previous ?? { id: name, meta: undefined, service: undefined, versions: new Map() }),
          fingerprint,
          diagnostics: own,
          broken: true,
        });
        continue;
      }
      const { versions: _, withheld: __, ...meta } = service;
      const state: ServiceState = {
        id: name,
        meta,
        service: undefined,
        fingerprint,
        diagnostics: [],
        broken: false,
        versions: new Map(),
      };
      for (const id of (await foldersOf(path.join(this.root, name))).filter(isIsoDate)) {
        const dir = `${name}/${id}`;
        const version = service.versions.find((v) => v.id === id);
        const texts = result.texts.find((t) => t.dir === dir)?.documents;
        const source = result.sources.get(dir);
        const documents = version?.documents ?? texts;
        const files = filesUnder(result, dir);
        const entries = await entriesOf(path.join(this.root, dir));
        const loadedVersion: LoadedVersion = {
          ...(version ? { version } : {}),
          ...(source ? { source } : {}),
          ...(documents ? { documents } : {}),
          diagnostics: result.diagnostics.filter(inside(dir)),
        };
        const hash = entries ? folderHash(files, entries) : 'unread';
        state.versions.set(
          id,
          this.checked(state, dir, hash, files, loadedVersion, previous?.versions.get(id)),
        );
      }
      const versionDirs = [...state.versions.keys()].map((id) => this.display(`${name}/${id}`));
      state.diagnostics = own.filter((d) => !versionDirs.some((dir) => isInside(d.file, dir)));
      this.services.set(name, state);
      this.settle(state);
    }
    for (const name of [...this.services.keys()]) if (!seen.has(name)) this.services.delete(name);
    this.rootDiagnostics = result.diagnostics.filter(
      (d) => !names.some((name) => isInside(d.file, this.display(name))),
    );
  }

  /** Reads one version folder again; true when its files changed (or it came or went). */
  private async reloadVersion(key: string): Promise<boolean> {
    const [name, id] = key.split('/') as [string, string];
    const service = this.services.get(name);
    // A version of a service preview does not know (yet): its service.yaml decides, load all.
    if (!service?.meta) {
      if (await isFolder(path.join(this.root, name))) await this.loadAll();
      return false;
    }
    const folder = path.join(this.root, key);
    const previous = service.versions.get(id);
    if (!(await isFolder(folder))) return service.versions.delete(id);
    try {
      const entries = await entriesOf(folder);
      if (!entries) return service.versions.delete(id);
      if (previous && previous.hash === folderHash(await readSources(this.root, key), entries)) {
        previous.failure = undefined;
        return false;
      }
      const files: FileBytes = new Map();
      const loaded = await loadVersion(this.root, name, id, this.display, files);
      const hash = folderHash(files, (await entriesOf(folder)) ?? entries);
      service.versions.set(id, this.checked(service, key, hash, files, loaded, previous));
      return true;
    } catch (err) {
      // Caught between an editor's delete and re-create, or a folder going away: the watcher
      // reports the next step, and what was shown stays until then.
      if (!(await isFolder(folder))) return service.versions.delete(id);
      if (previous) previous.failure = (err as Error).message;
      return false;
    }
  }

  /** A version's state with its own checks, reused when its files and service.yaml are the same. */
  private checked(
    service: ServiceState,
    dir: string,
    hash: string,
    files: FileBytes,
    loaded: LoadedVersion,
    previous: VersionState | undefined,
  ): VersionState {
    const [name, id] = dir.split('/') as [string, string];
    const key = `${service.fingerprint}:${hash}`;
    let own = this.checks.get(key);
    if (!own) {
      const meta = service.meta as ServiceMeta;
      own = sortDiagnostics([
        ...loaded.diagnostics,
        ...checkOneVersion(this.root, meta, loaded, dir, files, this.display),
      ]);
      if (hash !== 'unread') this.checks.set(key, own);
    }
    return {
      key: dir,
      service: name,
      id,
      hash,
      files,
      loaded,
      own,
      diagnostics: own,
      good: previous?.good,
    };
  }

  /**
   * After versions of a service changed: the service as renderers take it, the order of its
   * versions checked, and each version's snapshot (kept from before while it has errors).
   */
  private settle(state: ServiceState): void {
    const meta = state.meta as ServiceMeta;
    const versions = [...state.versions.values()]
      .flatMap((v) => (v.loaded.version ? [v.loaded.version] : []))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const service: Service = { ...meta, versions };
    state.service = service;
    const sources = new Map<string, NonNullable<LoadedVersion['source']>>();
    for (const v of state.versions.values())
      if (v.loaded.source) sources.set(v.key, v.loaded.source);
    const order = checkVersionsOrder(this.root, service, sources, this.display);
    for (const v of state.versions.values()) {
      const dir = this.display(v.key);
      const mine = order.filter((d) => isInside(d.file, dir));
      v.diagnostics = mine.length > 0 ? sortDiagnostics([...v.own, ...mine]) : v.own;
      const version = v.loaded.version;
      if (version && !v.diagnostics.some((d) => d.severity === 'error'))
        v.good = { service, version, sources: `${state.fingerprint}:${v.hash}` };
    }
  }
}

function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}/`);
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filesUnder(result: LoadResult, dir: string): FileBytes {
  const files: FileBytes = new Map();
  for (const [rel, bytes] of result.files) if (rel.startsWith(`${dir}/`)) files.set(rel, bytes);
  return files;
}

/** The files the loader reads in a version folder, as it keys them, for a cheap "did it change". */
async function readSources(root: string, dir: string): Promise<FileBytes> {
  const files: FileBytes = new Map();
  for (const name of [...SOURCE_FILES, LOCK_FILE]) await readText(root, `${dir}/${name}`, files);
  return files;
}

/** The names in a folder as the loader sees them (hidden ones left out), or undefined if gone. */
async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw err;
  }
}

/** The sub-folders of a folder (hidden ones left out), sorted; none when it is gone. */
async function foldersOf(dir: string): Promise<string[]> {
  const names = (await entriesOf(dir)) ?? [];
  const out: string[] = [];
  for (const name of names) if (await isFolder(path.join(dir, name))) out.push(name);
  return out;
}

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
