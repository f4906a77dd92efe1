import { stat } from 'node:fs/promises';
import path from 'node:path';
import { inspectVersionFolder } from '../cache/folder.js';
import type { Cache } from '../cache/store.js';
import { checkTimeline, type TimelineEntry } from '../check/versions.js';
import { type Diagnostic, diagnostic, sortDiagnostics } from '../diagnostics.js';
import { displayPath, type FileBytes } from '../load/files.js';
import { loadServiceFile, serviceFolders, versionFolders } from '../load/index.js';
import { isIsoDate } from '../model/date.js';
import { SERVICE_FILE } from '../model/files.js';
import type { Service, TermsVersion } from '../model/terms.js';

/** What a version's pages render from: the version and its service as they were together. */
export interface Snapshot {
  service: Service;
  version: TermsVersion;
  /** The key of the version folder when it was taken (engine, service.yaml, every file). */
  sources: string;
}

/** One version folder as preview last read it. */
export interface VersionState {
  /** `<service>/<version>`, also its folder relative to the terms root. */
  key: string;
  service: string;
  id: string;
  /** The folder's key (`inspectVersionFolder`): the same key, the same files and results. */
  hash: string;
  /** The version, when every file of it has a valid shape. */
  version: TermsVersion | undefined;
  header: TimelineEntry | undefined;
  /** What loading and checking the folder alone found. */
  own: Diagnostic[];
  /** Everything its pages show: its own problems and those of the order of versions, sorted. */
  diagnostics: Diagnostic[];
  /** The version while it has no error, else the last time it had none (its pages go stale). */
  good: Snapshot | undefined;
}

/** One service folder as preview last read it. */
export interface ServiceState {
  id: string;
  /** The service as the renderers take it: service.yaml and every version that loads. */
  service: Service | undefined;
  /** Problems of the service itself (service.yaml, badly named folders, the order of versions outside any folder). */
  diagnostics: Diagnostic[];
  /** Those of them found reading it (the rest come from the order of its versions). */
  read: Diagnostic[];
  /** True while service.yaml has errors: its versions keep what they had, and go stale. */
  broken: boolean;
  versions: Map<string, VersionState>;
  /** service.yaml as last loaded without errors, and its bytes (part of every folder key). */
  meta?: { service: Service; bytes: Uint8Array };
}

/** What an update changed. */
export interface UpdateSummary {
  /** `<service>/<version>` of the folders whose key changed, that came or went. */
  changed: string[];
  /** Whether a whole service or the whole tree was read again. */
  full: boolean;
  ms: number;
}

/** How to open a workspace. */
export interface WorkspaceOptions {
  /** Diagnostics name files relative to this folder (default: the process's working folder). */
  cwd?: string;
  /** The persistent cache of check results and models (`terms check` and `build` share it). */
  cache?: Cache | undefined;
  /** The engine fingerprint, part of every key when a cache is used. */
  fingerprint?: string;
}

/**
 * A terms folder kept loaded and checked in memory for `terms preview`, kept current folder by
 * folder: a change inside a version folder loads and checks that folder alone
 * (`inspectVersionFolder`, the same per-folder checks as `terms check`), then the order of its
 * service's versions; a change of a service.yaml reads that service again, and one of the
 * folders of services the whole tree. Never throws for content, nor for a file caught
 * half-written or mid-replace: what it reads is what `terms check` would report at that moment.
 */
export class Workspace {
  readonly root: string;
  readonly cwd: string;
  readonly services = new Map<string, ServiceState>();
  /** Problems outside every service folder (no terms folder, no service). */
  rootDiagnostics: Diagnostic[] = [];
  private readonly cache: Cache | undefined;
  private readonly fingerprint: string;

  private constructor(root: string, options: WorkspaceOptions) {
    this.root = path.resolve(root);
    this.cwd = options.cwd ?? process.cwd();
    this.cache = options.cache;
    this.fingerprint = options.fingerprint ?? '';
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
   * folders they are in, the services whose own files changed, or the whole tree when a
   * service folder came or went.
   */
  async update(paths: readonly string[]): Promise<UpdateSummary> {
    const started = performance.now();
    const versions = new Set<string>();
    const services = new Set<string>();
    let all = false;
    for (const p of paths) {
      const rel = path.relative(this.root, path.resolve(this.root, p));
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const [service, version] = rel.split(path.sep);
      if (service === undefined || service === '') all = true;
      else if (version === undefined) all = true;
      else if (isIsoDate(version)) versions.add(`${service}/${version}`);
      // service.yaml, or a folder not named by a date; a file such as notes.txt changes nothing.
      else if (version === SERVICE_FILE || !(await isFile(path.join(this.root, rel))))
        services.add(service);
    }
    const before = this.hashes();
    if (all) await this.loadAll();
    else {
      for (const name of services) await this.loadService(name);
      const touched = new Set<string>();
      for (const key of [...versions].sort()) {
        const name = key.split('/')[0] as string;
        if (services.has(name)) continue;
        if (await this.reloadVersion(key)) touched.add(name);
      }
      for (const name of touched) this.settle(this.services.get(name) as ServiceState);
    }
    const after = this.hashes();
    const changed = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => before.get(k) !== after.get(k))
      .sort();
    return { changed, full: all || services.size > 0, ms: performance.now() - started };
  }

  private hashes(): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of this.services.values())
      for (const v of s.versions.values()) out.set(v.key, `${s.broken}:${v.hash}`);
    return out;
  }

  /** Reads the whole tree (at start, and when a service folder comes or goes). */
  private async loadAll(): Promise<void> {
    if (!(await isFolder(this.root))) {
      this.services.clear();
      this.rootDiagnostics = [
        diagnostic('no-terms', 'terms folder not found or not a folder', {
          file: this.display('.'),
        }),
      ];
      return;
    }
    const found = await serviceFolders(this.root, this.display);
    this.rootDiagnostics = found.diagnostics;
    for (const name of [...this.services.keys()])
      if (!found.names.includes(name)) this.services.delete(name);
    for (const name of found.names) await this.loadService(name);
  }

  /** Reads a service again: its service.yaml and every version folder. */
  private async loadService(name: string): Promise<void> {
    const previous = this.services.get(name);
    if (!(await isFolder(path.join(this.root, name)))) {
      this.services.delete(name);
      return;
    }
    const files: FileBytes = new Map();
    const head = await loadServiceFile(this.root, name, this.display, files);
    if (!head.service) {
      // service.yaml is missing or wrong: what was shown stays, marked stale, with why.
      this.services.set(name, {
        ...(previous ?? { id: name, service: undefined, versions: new Map() }),
        diagnostics: head.diagnostics,
        read: head.diagnostics,
        broken: true,
      });
      return;
    }
    const meta = {
      service: head.service,
      bytes: files.get(`${name}/${SERVICE_FILE}`) ?? Buffer.alloc(0),
    };
    const folders = await versionFolders(this.root, name, this.display);
    const state: ServiceState = {
      id: name,
      service: undefined,
      diagnostics: [],
      read: [...head.diagnostics, ...folders.diagnostics],
      broken: false,
      versions: new Map(),
      meta,
    };
    for (const id of folders.ids) {
      const inspected = await this.inspect(state, id, previous?.versions.get(id));
      if (inspected) state.versions.set(id, inspected);
    }
    this.services.set(name, state);
    this.settle(state);
  }

  /** Reads one version folder again; true when it changed, came or went. */
  private async reloadVersion(key: string): Promise<boolean> {
    const [name, id] = key.split('/') as [string, string];
    const service = this.services.get(name);
    // A version of a service preview does not know (yet), or whose service.yaml is broken.
    if (!service?.meta || service.broken) {
      await this.loadService(name);
      return false;
    }
    const previous = service.versions.get(id);
    if (!(await isFolder(path.join(this.root, key)))) return service.versions.delete(id);
    const next = await this.inspect(service, id, previous);
    if (!next)
      return (await isFolder(path.join(this.root, key))) ? false : service.versions.delete(id);
    service.versions.set(id, next);
    return next.hash !== previous?.hash;
  }

  /**
   * Loads and checks one version folder (from the persistent cache when its key is there);
   * undefined when the folder went away while it was read (an editor's delete and re-create):
   * the watcher reports the next step, and what was shown stays until then.
   */
  private async inspect(
    service: ServiceState,
    id: string,
    previous: VersionState | undefined,
  ): Promise<VersionState | undefined> {
    const meta = service.meta as NonNullable<ServiceState['meta']>;
    let r: Awaited<ReturnType<typeof inspectVersionFolder>>;
    try {
      r = await inspectVersionFolder(this.root, meta.service, meta.bytes, id, {
        display: this.display,
        cache: this.cache,
        fingerprint: this.fingerprint,
        model: true,
      });
    } catch {
      return previous;
    }
    return {
      key: r.dir,
      service: service.id,
      id,
      hash: r.key,
      version: r.version,
      header: r.header && { service: service.id, id, dir: r.dir, ...r.header },
      own: r.diagnostics,
      diagnostics: r.diagnostics,
      good: previous?.good,
    };
  }

  /**
   * After versions of a service changed: the service as renderers take it, the order of its
   * versions checked, and each version's snapshot (kept from before while it has errors).
   */
  private settle(state: ServiceState): void {
    const meta = state.meta as NonNullable<ServiceState['meta']>;
    const all = [...state.versions.values()];
    const versions = all.flatMap((v) => (v.version ? [v.version] : []));
    const service: Service = { ...meta.service, versions };
    state.service = service;
    const order = checkTimeline(
      all.flatMap((v) => (v.header ? [v.header] : [])),
      this.display,
    );
    const mine = (v: VersionState) => (d: Diagnostic) => isInside(d.file, this.display(v.key));
    for (const v of all) {
      const extra = order.filter(mine(v));
      v.diagnostics = extra.length > 0 ? sortDiagnostics([...v.own, ...extra]) : v.own;
      if (v.version && !v.diagnostics.some((d) => d.severity === 'error'))
        v.good = { service, version: v.version, sources: v.hash };
    }
    const outside = order.filter((d) => !all.some((v) => mine(v)(d)));
    state.diagnostics = sortDiagnostics([...state.read, ...outside]);
  }
}

function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}/`);
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
