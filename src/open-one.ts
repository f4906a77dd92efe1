import { readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { engineFingerprint } from './cache/fingerprint.js';
import { type FolderResult, inspectVersionFolder } from './cache/folder.js';
import type { TreeOptions } from './cache/tree.js';
import { checkTimeline, type TimelineEntry } from './check/versions.js';
import {
  ContentError,
  type Diagnostic,
  diagnostic,
  InputError,
  sortDiagnostics,
} from './diagnostics.js';
import { displayPath, type FileBytes, fsProblem, subfolders, type TextFile } from './load/files.js';
import { readVersionHeader } from './load/header.js';
import { loadServiceFile, versionFolders } from './load/index.js';
import { LIMITS } from './load/limits.js';
import { decodeText, tooLarge } from './load/text.js';
import { SERVICE_FILE, VERSION_FILE } from './model/files.js';
import type { Service, TermsVersion } from './model/terms.js';
import { findHeader, findService, requireHeaderAt } from './model/timeline.js';
import { openTerms } from './open.js';

/** Which version a command answers for: by its id, or the one in force at a date. */
export type VersionPick = { version: string } | { at: string };

/**
 * Opens only what the answer for one version needs, whatever the number of versions: the
 * service's service.yaml, the header (effective date, status) of every version's version.yaml
 * for the timeline, and the one version asked for, fully loaded and checked (from the cache
 * when it is unchanged). Its errors, service.yaml's, the timeline's and any header that cannot
 * be read are reported as `openTerms` reports them (a ContentError); errors elsewhere in other
 * versions are not this answer's (`terms check` reports them). The service holds that version
 * in `versions` and every version in `headers`. Drafts are read in full only when the version
 * asked for is a draft (its page lists the drafts that have no errors).
 */
export async function openOne(
  root: string,
  serviceId: string,
  pick: VersionPick,
  options: TreeOptions = {},
): Promise<{ service: Service; version: TermsVersion }> {
  const read = await readTimeline(root, serviceId, options);
  if (!read) return fallback(root, serviceId, pick, options);
  const { service } = read;
  const head =
    'version' in pick ? findHeader(service, pick.version) : requireHeaderAt(service, pick.at);
  const draft = head.status === 'draft';
  const order = await settleTimeline(read, draft ? head.id : undefined, draft);
  const result = await read.inspect(head.id, true);
  const errors = [...result.diagnostics, ...order].filter((d) => d.severity === 'error');
  if (errors.length > 0 && draft)
    throw new InputError(
      'draft-has-errors',
      `version "${head.id}" of service "${service.id}" is a draft with ${errors.length} error(s): run \`terms check\``,
      'version',
    );
  const version = result.version;
  if (errors.length > 0 || !version) throw read.fail(errors);
  // The header scan and the full parse must agree; should they ever not (the file changed in
  // between), the answer is given the slow way rather than from a timeline that may be wrong.
  if (version.effectiveFrom !== head.effectiveFrom || version.status !== head.status)
    return fallback(root, serviceId, pick, options);
  service.versions = [version];
  service.headers = read.headers.map((h) => (h.id === version.id ? version : h));
  return { service, version };
}

/**
 * The versions of one service as `terms versions` lists them: from the headers of their
 * version.yaml files (drafts read in full, to withhold those with errors, only when `drafts`).
 * The service's `versions` is empty; `headers` holds every version listed.
 */
export async function openTimeline(
  root: string,
  serviceId: string,
  options: TreeOptions = {},
): Promise<Service> {
  const read = await readTimeline(root, serviceId, options);
  if (!read) return findService(await openTerms(root, options), serviceId);
  await settleTimeline(read, undefined, options.drafts === true);
  return read.service;
}

interface ReadTimeline {
  service: Service;
  headers: TimelineEntry[];
  display: (rel: string) => string;
  /** Loads and checks one version folder (through the cache when there is one). */
  inspect: (id: string, model: boolean) => Promise<FolderResult>;
  fail: (errors: Diagnostic[]) => ContentError;
}

/**
 * service.yaml and every version's header; undefined when the terms folder is missing (the
 * full loader reports that). A service.yaml with errors, or a header that cannot be read (the
 * version cannot be placed in time), fails: every answer depends on them.
 */
async function readTimeline(
  root: string,
  serviceId: string,
  options: TreeOptions,
): Promise<ReadTimeline | undefined> {
  const absRoot = path.resolve(root);
  const cwd = options.cwd ?? process.cwd();
  const display = (rel: string) => displayPath(path.join(absRoot, rel), cwd);
  if (!(await isFolder(absRoot))) return undefined;
  if (!/^[a-z][a-z0-9-]*$/.test(serviceId) || !(await isFolder(path.join(absRoot, serviceId)))) {
    const known = (await subfolders(absRoot)).join(', ') || 'none';
    throw new InputError(
      'unknown-service',
      `unknown service "${serviceId}" (known: ${known})`,
      'service',
    );
  }
  const fail = (errors: Diagnostic[]) =>
    new ContentError(
      sortDiagnostics(errors),
      `the terms in ${displayPath(absRoot, cwd)} have errors (run \`terms check\`)`,
    );
  const files: FileBytes = new Map();
  const head = await loadServiceFile(absRoot, serviceId, display, files);
  const service = head.service;
  if (!service) throw fail(head.diagnostics);
  const serviceBytes = files.get(`${serviceId}/${SERVICE_FILE}`) ?? Buffer.alloc(0);
  const { ids } = await versionFolders(absRoot, serviceId, display);
  const problems: Diagnostic[] = [];
  const headers: TimelineEntry[] = [];
  for (const id of ids) {
    const dir = `${serviceId}/${id}`;
    const file = display(`${dir}/${VERSION_FILE}`);
    const text = await readHeaderText(path.join(absRoot, dir, VERSION_FILE), file);
    if (text === undefined) {
      problems.push(
        diagnostic('missing-file', `version ${id} has no ${VERSION_FILE}`, { file: display(dir) }),
      );
      continue;
    }
    const errors = text.diagnostics.filter((d) => d.severity === 'error');
    if (text.text === undefined || errors.length > 0) {
      problems.push(...errors);
      continue;
    }
    const read = readVersionHeader(text.text, file);
    if (read.header) headers.push({ service: serviceId, id, dir, ...read.header });
    else problems.push(...read.diagnostics.filter((d) => d.severity === 'error'));
  }
  if (problems.length > 0) throw fail(problems);
  service.headers = headers;
  const fingerprint = options.cache ? await engineFingerprint() : '';
  const inspect = (id: string, model: boolean) =>
    inspectVersionFolder(absRoot, service, serviceBytes, id, {
      display,
      cache: options.cache,
      fingerprint,
      model,
    });
  return { service, headers, display, inspect, fail };
}

/**
 * Settles which versions the timeline holds and checks their order, as `openTerms` would:
 * without `drafts` the drafts are left out (a published version's answer never depends on
 * them); with them, each draft is read in full and one with an error in its folder is withheld
 * (not listed; naming it says why), except `asked`, whose order errors are returned for the
 * caller to report with its own. Any other order error fails.
 */
async function settleTimeline(
  read: ReadTimeline,
  asked: string | undefined,
  drafts: boolean,
): Promise<Diagnostic[]> {
  const inside = (id: string) => {
    const shown = read.display(`${read.service.id}/${id}`);
    return (d: Diagnostic) => d.file === shown || d.file.startsWith(`${shown}/`);
  };
  const listed = read.headers.filter((h) => drafts || h.status === 'published');
  const order = checkTimeline(listed, read.display);
  const withheld: Record<string, number> = {};
  for (const draft of listed)
    if (draft.status === 'draft' && draft.id !== asked) {
      const own = (await read.inspect(draft.id, false)).diagnostics;
      const count = [...own, ...order.filter(inside(draft.id))].filter(
        (d) => d.severity === 'error',
      ).length;
      if (count > 0) withheld[draft.id] = count;
    }
  read.headers = listed.filter((h) => !withheld[h.id]);
  read.service.headers = read.headers;
  if (Object.keys(withheld).length > 0) read.service.withheld = withheld;
  const owners = [...Object.keys(withheld), ...(asked === undefined ? [] : [asked])].map(inside);
  const errors = order.filter((d) => d.severity === 'error' && !owners.some((own) => own(d)));
  if (errors.length > 0) throw read.fail(errors);
  return asked === undefined ? [] : order.filter(inside(asked));
}

/** The answer the slow way: every version loaded and checked. */
async function fallback(
  root: string,
  serviceId: string,
  pick: VersionPick,
  options: TreeOptions,
): Promise<{ service: Service; version: TermsVersion }> {
  const service = findService(await openTerms(root, options), serviceId);
  const version =
    'version' in pick ? findHeader(service, pick.version) : requireHeaderAt(service, pick.at);
  return { service, version: version as TermsVersion };
}

/**
 * A version.yaml read as the loader reads it (size limit first, UTF-8 only, no control
 * characters, a path that is not a file named), or undefined when it is missing. Synchronous on
 * purpose: hundreds of small files read one after the other cost several times less than
 * through the thread pool.
 */
async function readHeaderText(abs: string, file: string): Promise<TextFile | undefined> {
  try {
    const info = statSync(abs);
    if (!info.isFile())
      return {
        text: undefined,
        diagnostics: [
          diagnostic(
            'file-system',
            info.isDirectory() ? 'is a folder, where a file belongs' : 'is not a regular file',
            { file },
          ),
        ],
      };
    if (info.size > LIMITS.fileBytes) return tooLarge(info.size, file);
    return decodeText(readFileSync(abs), file);
  } catch (err) {
    const problem = await fsProblem(abs, err);
    return problem === undefined
      ? undefined
      : { text: undefined, diagnostics: [diagnostic('file-system', problem, { file })] };
  }
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
