import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkTerms } from '../check/index.js';
import { checkParity, checkStructure } from '../check/structure.js';
import { ContentError, type Diagnostic, diagnostic, sortDiagnostics } from '../diagnostics.js';
import { isIsoDate } from '../model/date.js';
import type { TermsDocument } from '../model/document.js';
import { LANGS, type Lang } from '../model/lang.js';
import type { Service, Terms, TermsVersion } from '../model/terms.js';
import { ServiceFile, VersionFile } from '../model/version.js';
import { parseTermsMarkdown } from './markdown.js';
import { parseYaml, validateYaml, type YamlSource } from './yaml.js';

/** Files a version folder holds besides the language files. */
export const VERSION_FILE = 'version.yaml';
/** The lock of content hashes written when a version is published. */
export const LOCK_FILE = 'lock.json';

/** Options for reading a terms folder. */
export interface LoadOptions {
  /** Diagnostics name files relative to this folder (default: the process's working folder). */
  cwd?: string;
}

/** What loading a terms folder gives: the valid parts of the model and every problem found. */
export interface LoadResult {
  terms: Terms;
  diagnostics: Diagnostic[];
  /** The raw bytes of every file read, by path relative to the terms root (for the freeze lock). */
  files: Map<string, Buffer>;
}

/**
 * Reads and checks a terms folder. Never throws for content problems: they come back as
 * diagnostics, and versions with errors are left out of `terms`.
 */
export async function loadTerms(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const absRoot = path.resolve(root);
  const cwd = options.cwd ?? process.cwd();
  const display = (rel: string) => displayPath(path.join(absRoot, rel), cwd);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, Buffer>();
  const terms: Terms = { root: absRoot, services: [] };
  const sources = new Map<string, YamlSource>();

  let entries: string[];
  try {
    if (!(await stat(absRoot)).isDirectory()) throw new Error('not a folder');
    entries = (await readdir(absRoot)).sort();
  } catch {
    diagnostics.push(
      diagnostic('no-terms', 'terms folder not found or not a folder', { file: display('.') }),
    );
    return { terms, diagnostics, files };
  }

  for (const name of entries) {
    const dir = path.join(absRoot, name);
    if (name.startsWith('.') || !(await stat(dir)).isDirectory()) continue;
    const service = await loadService(absRoot, name, display, diagnostics, files, sources);
    if (service) terms.services.push(service);
  }
  diagnostics.push(...checkTerms({ terms, files, sources, display }));
  return { terms, diagnostics: sortDiagnostics(diagnostics), files };
}

/** Options for opening a terms folder for use. */
export interface OpenOptions extends LoadOptions {
  /**
   * Whether drafts must be usable too (e.g. `terms build --drafts`). When false (the default),
   * a draft with errors is withheld instead of blocking the published versions.
   */
  drafts?: boolean;
}

/**
 * Loads a terms folder for use; throws a ContentError listing every error if there is one.
 * Errors inside a draft's folder withhold that draft (see `Service.withheld`) unless `drafts` is set.
 */
export async function openTerms(root: string, options: OpenOptions = {}): Promise<Terms> {
  const result = await loadTerms(root, options);
  const cwd = options.cwd ?? process.cwd();
  let errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!options.drafts) {
    for (const service of result.terms.services) {
      for (const draft of service.versions.filter((v) => v.status === 'draft')) {
        const dir = displayPath(path.join(result.terms.root, draft.dir), cwd);
        const inside = (d: Diagnostic) => d.file === dir || d.file.startsWith(`${dir}/`);
        const own = errors.filter(inside);
        if (own.length === 0) continue;
        errors = errors.filter((d) => !inside(d));
        service.withheld = { ...service.withheld, [draft.id]: own.length };
      }
      service.versions = service.versions.filter((v) => !service.withheld?.[v.id]);
    }
  }
  if (errors.length > 0)
    throw new ContentError(
      errors,
      `the terms in ${displayPath(path.resolve(root), cwd)} have errors (run \`terms check\`)`,
    );
  return result.terms;
}

async function loadService(
  root: string,
  name: string,
  display: (rel: string) => string,
  diagnostics: Diagnostic[],
  files: Map<string, Buffer>,
  sources: Map<string, YamlSource>,
): Promise<Service | undefined> {
  const rel = `${name}/service.yaml`;
  const text = await readText(root, rel, files);
  if (text === undefined) {
    diagnostics.push(
      diagnostic('missing-file', `service folder "${name}" has no service.yaml`, {
        file: display(name),
      }),
    );
    return undefined;
  }
  const parsed = parseYaml(text, display(rel));
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.source) return undefined;
  const valid = validateYaml(parsed.source, ServiceFile);
  diagnostics.push(...valid.diagnostics);
  if (!valid.value) return undefined;
  if (valid.value.id !== name) {
    diagnostics.push(
      diagnostic('service-id', `id "${valid.value.id}" must equal the folder name "${name}"`, {
        file: display(rel),
        at: parsed.source.pointOf(['id']),
      }),
    );
    return undefined;
  }
  const service: Service = { ...valid.value, versions: [] };
  for (const entry of (await readdir(path.join(root, name))).sort()) {
    const full = path.join(root, name, entry);
    if (entry.startsWith('.') || !(await stat(full)).isDirectory()) continue;
    if (!isIsoDate(entry)) {
      diagnostics.push(
        diagnostic(
          'bad-version-folder',
          `version folder "${entry}" must be named by an existing date YYYY-MM-DD`,
          { file: display(`${name}/${entry}`) },
        ),
      );
      continue;
    }
    const version = await loadVersion(root, service, entry, display, diagnostics, files, sources);
    if (version) service.versions.push(version);
  }
  return service;
}

async function loadVersion(
  root: string,
  service: Service,
  id: string,
  display: (rel: string) => string,
  diagnostics: Diagnostic[],
  files: Map<string, Buffer>,
  sources: Map<string, YamlSource>,
): Promise<TermsVersion | undefined> {
  const dir = `${service.id}/${id}`;
  const metaRel = `${dir}/${VERSION_FILE}`;
  const metaText = await readText(root, metaRel, files);
  let meta: VersionFile | undefined;
  let metaSource: YamlSource | undefined;
  if (metaText === undefined) {
    diagnostics.push(
      diagnostic('missing-file', `version ${id} has no ${VERSION_FILE}`, { file: display(dir) }),
    );
  } else {
    const parsed = parseYaml(metaText, display(metaRel));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.source) {
      const valid = validateYaml(parsed.source, VersionFile);
      diagnostics.push(...valid.diagnostics);
      meta = valid.value;
      metaSource = parsed.source;
      if (meta && meta.effectiveFrom < id)
        diagnostics.push(
          diagnostic(
            'version-order',
            `effectiveFrom ${meta.effectiveFrom} is before the version date ${id}: a version cannot take effect before it is dated`,
            { file: display(metaRel), at: parsed.source.pointOf(['effectiveFrom']) },
          ),
        );
    }
  }
  const documents: Partial<Record<Lang, TermsDocument>> = {};
  for (const lang of LANGS) {
    const rel = `${dir}/${lang}.md`;
    const text = await readText(root, rel, files);
    if (text === undefined) {
      diagnostics.push(
        diagnostic('missing-file', `version ${id} has no ${lang}.md`, { file: display(dir) }),
      );
      continue;
    }
    const parsed = parseTermsMarkdown(text, display(rel), lang);
    diagnostics.push(...parsed.diagnostics);
    documents[lang] = parsed.document;
  }
  const known = new Set([VERSION_FILE, LOCK_FILE, ...LANGS.map((l) => `${l}.md`)]);
  for (const entry of (await readdir(path.join(root, dir))).sort())
    if (!known.has(entry) && !entry.startsWith('.'))
      diagnostics.push(
        diagnostic('unknown-file', `"${entry}" is not part of a terms version and is ignored`, {
          file: display(`${dir}/${entry}`),
        }),
      );
  await readText(root, `${dir}/${LOCK_FILE}`, files);
  if (LANGS.some((l) => !documents[l])) return undefined;
  if (!meta || !metaSource) {
    // The version is left out, but its clause text needs no parameters: check it now, so one
    // run reports the text's problems together with those of version.yaml.
    const text = { documents: documents as Record<Lang, TermsDocument> };
    diagnostics.push(...checkStructure(text), ...checkParity(text));
    return undefined;
  }
  sources.set(dir, metaSource);
  return {
    service: service.id,
    id,
    effectiveFrom: meta.effectiveFrom,
    status: meta.status,
    parameters: meta.parameters,
    documents: documents as Record<Lang, TermsDocument>,
    dir,
  };
}

async function readText(
  root: string,
  rel: string,
  files: Map<string, Buffer>,
): Promise<string | undefined> {
  try {
    const bytes = await readFile(path.join(root, rel));
    files.set(rel, bytes);
    return bytes.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** A path as diagnostics print it: relative to `cwd` when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel)
    ? rel.split(path.sep).join('/')
    : abs;
}
