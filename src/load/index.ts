import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, diagnostic, sortDiagnostics } from '../diagnostics.js';
import { isIsoDate } from '../model/date.js';
import type { TermsDocument } from '../model/document.js';
import { SERVICE_FILE } from '../model/files.js';
import type { Lang } from '../model/lang.js';
import type { Service, Terms } from '../model/terms.js';
import { ServiceFile } from '../model/version.js';
import { displayPath, type FileBytes, readText, subfolders } from './files.js';
import { loadVersion } from './version.js';
import { parseYaml, validateYaml, type YamlSource } from './yaml.js';

export { displayPath } from './files.js';

/** Options for reading a terms folder. */
export interface LoadOptions {
  /** Diagnostics name files relative to this folder (default: the process's working folder). */
  cwd?: string;
}

/** What loading a terms folder gives: the parts whose shape is valid, and every problem found. */
export interface LoadResult {
  terms: Terms;
  diagnostics: Diagnostic[];
  /** The raw bytes of every file read, by path relative to the terms root (for the freeze lock). */
  files: FileBytes;
  /** The parsed version.yaml of each version folder (`service/version`), for positions. */
  sources: Map<string, YamlSource>;
  /**
   * Clause texts of versions left out because their version.yaml has errors: their clause
   * trees need no parameters, so their problems are still reported in the same run.
   */
  texts: { dir: string; documents: Record<Lang, TermsDocument> }[];
  /** Turns a path relative to the terms root into the path diagnostics print. */
  display: (rel: string) => string;
}

/**
 * Reads a terms folder: every service.yaml, version.yaml and language file parsed and
 * validated against its schema. Shapes only — the checks (`checkTerms`) come after; never
 * throws for content problems, and versions whose files have errors are left out of `terms`.
 */
export async function loadTerms(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const absRoot = path.resolve(root);
  const cwd = options.cwd ?? process.cwd();
  const result: LoadResult = {
    terms: { root: absRoot, services: [] },
    diagnostics: [],
    files: new Map(),
    sources: new Map(),
    texts: [],
    display: (rel) => displayPath(path.join(absRoot, rel), cwd),
  };
  if (!(await isFolder(absRoot))) {
    result.diagnostics.push(
      diagnostic('no-terms', 'terms folder not found or not a folder', {
        file: result.display('.'),
      }),
    );
    return result;
  }
  const services = await serviceFolders(absRoot, result.display);
  result.diagnostics.push(...services.diagnostics);
  for (const name of services.names) {
    const service = await loadService(absRoot, name, result);
    if (service) result.terms.services.push(service);
  }
  result.diagnostics = sortDiagnostics(result.diagnostics);
  return result;
}

async function loadService(
  root: string,
  name: string,
  result: LoadResult,
): Promise<Service | undefined> {
  const { display, diagnostics, files } = result;
  const head = await loadServiceFile(root, name, display, files);
  diagnostics.push(...head.diagnostics);
  const service = head.service;
  if (!service) return undefined;
  const folders = await versionFolders(root, name, display);
  diagnostics.push(...folders.diagnostics);
  for (const entry of folders.ids) {
    const loaded = await loadVersion(root, name, entry, display, files);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source) result.sources.set(`${name}/${entry}`, loaded.source);
    if (loaded.version) service.versions.push(loaded.version);
    else if (loaded.documents)
      result.texts.push({ dir: `${name}/${entry}`, documents: loaded.documents });
  }
  return service;
}

/**
 * The service folders of a terms root, sorted; an entry that cannot be looked at is reported,
 * and so is a root with no service folder at all (`no-services`).
 */
export async function serviceFolders(
  absRoot: string,
  display: (rel: string) => string,
): Promise<{ names: string[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const names = await subfolders(absRoot, reportInto(diagnostics, display, ''));
  if (names.length === 0)
    diagnostics.push(
      diagnostic(
        'no-services',
        'the terms folder holds no service folder (<service>/service.yaml)',
        {
          file: display('.'),
        },
      ),
    );
  return { names, diagnostics };
}

/** Reports what went wrong with an entry of a folder (`prefix` is the folder, relative to the root). */
function reportInto(diagnostics: Diagnostic[], display: (rel: string) => string, prefix: string) {
  return (name: string, problem: string) =>
    diagnostics.push(
      diagnostic('file-system', problem, {
        file: display(name === '.' ? prefix || '.' : `${prefix}${name}`),
      }),
    );
}

/**
 * Reads `<name>/service.yaml` under the terms root: parsed, validated, its id equal to the
 * folder name. The service comes back with no versions; undefined when the file is missing
 * or invalid (the diagnostics say why).
 */
export async function loadServiceFile(
  root: string,
  name: string,
  display: (rel: string) => string,
  files: FileBytes,
): Promise<{ service: Service | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const rel = `${name}/${SERVICE_FILE}`;
  const read = await readText(root, rel, files, display(rel));
  if (read === undefined) {
    diagnostics.push(
      diagnostic('missing-file', `service folder "${name}" has no ${SERVICE_FILE}`, {
        file: display(name),
      }),
    );
    return { service: undefined, diagnostics };
  }
  diagnostics.push(...read.diagnostics);
  if (read.text === undefined) return { service: undefined, diagnostics };
  const parsed = parseYaml(read.text, display(rel));
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.source) return { service: undefined, diagnostics };
  const valid = validateYaml(parsed.source, ServiceFile);
  diagnostics.push(...valid.diagnostics);
  if (!valid.value) return { service: undefined, diagnostics };
  if (valid.value.id !== name) {
    diagnostics.push(
      diagnostic('service-id', `id "${valid.value.id}" must equal the folder name "${name}"`, {
        file: display(rel),
        at: parsed.source.pointOf(['id']),
      }),
    );
    return { service: undefined, diagnostics };
  }
  return { service: { ...valid.value, versions: [] }, diagnostics };
}

/**
 * The version folders of a service, sorted; a sub-folder not named by a date is reported, and
 * so is an entry that cannot be looked at (a dangling symbolic link, a loop, no permission).
 */
export async function versionFolders(
  root: string,
  name: string,
  display: (rel: string) => string,
): Promise<{ ids: string[]; diagnostics: Diagnostic[] }> {
  const ids: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of await subfolders(
    path.join(root, name),
    reportInto(diagnostics, display, `${name}/`),
  )) {
    if (isIsoDate(entry)) ids.push(entry);
    else
      diagnostics.push(
        diagnostic(
          'bad-version-folder',
          `version folder "${entry}" must be named by an existing date YYYY-MM-DD`,
          { file: display(`${name}/${entry}`) },
        ),
      );
  }
  return { ids, diagnostics };
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
