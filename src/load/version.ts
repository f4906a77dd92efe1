import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import type { TermsDocument } from '../model/document.js';
import { LOCK_FILE, languageFile, VERSION_FILE, VERSION_FOLDER_FILES } from '../model/files.js';
import { LANGS, type Lang } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';
import { VersionFile } from '../model/version.js';
import { type FileBytes, readText } from './files.js';
import { parseTermsMarkdown } from './markdown.js';
import { parseYaml, validateYaml, type YamlSource } from './yaml.js';

/** What reading one version folder gives; `version` only when every file has a valid shape. */
export interface LoadedVersion {
  version?: TermsVersion;
  /** The parsed version.yaml, for diagnostics that point into it. */
  source?: YamlSource;
  /** The three clause texts, when they parse (also when version.yaml does not). */
  documents?: Record<Lang, TermsDocument>;
  diagnostics: Diagnostic[];
}

/**
 * Reads `<service>/<id>/` under the terms root: version.yaml parsed and validated against its
 * schema, each language file parsed into its clause tree. Shapes only: how the parts agree
 * with each other is for the checks.
 */
export async function loadVersion(
  root: string,
  serviceId: string,
  id: string,
  display: (rel: string) => string,
  files: FileBytes,
): Promise<LoadedVersion> {
  const dir = `${serviceId}/${id}`;
  const diagnostics: Diagnostic[] = [];
  const metaRel = `${dir}/${VERSION_FILE}`;
  const metaRead = await readText(root, metaRel, files, display(metaRel));
  let meta: VersionFile | undefined;
  let source: YamlSource | undefined;
  if (metaRead === undefined) {
    diagnostics.push(
      diagnostic('missing-file', `version ${id} has no ${VERSION_FILE}`, { file: display(dir) }),
    );
  } else {
    diagnostics.push(...metaRead.diagnostics);
  }
  if (metaRead?.text !== undefined) {
    const parsed = parseYaml(metaRead.text, display(metaRel));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.source) {
      const valid = validateYaml(parsed.source, VersionFile);
      diagnostics.push(...valid.diagnostics);
      meta = valid.value;
      source = parsed.source;
    }
  }
  const documents: Partial<Record<Lang, TermsDocument>> = {};
  for (const lang of LANGS) {
    const rel = `${dir}/${languageFile(lang)}`;
    const read = await readText(root, rel, files, display(rel));
    if (read === undefined) {
      diagnostics.push(
        diagnostic('missing-file', `version ${id} has no ${languageFile(lang)}`, {
          file: display(dir),
        }),
      );
      continue;
    }
    diagnostics.push(...read.diagnostics);
    if (read.text === undefined) continue;
    const parsed = parseTermsMarkdown(read.text, display(rel), lang);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.document) documents[lang] = parsed.document;
  }
  for (const entry of (await readdir(path.join(root, dir)).catch(() => [])).sort())
    if (!VERSION_FOLDER_FILES.has(entry) && !entry.startsWith('.'))
      diagnostics.push(
        diagnostic('unknown-file', `"${entry}" is not part of a terms version and is ignored`, {
          file: display(`${dir}/${entry}`),
        }),
      );
  const lockRel = `${dir}/${LOCK_FILE}`;
  const lock = await readText(root, lockRel, files, display(lockRel), { generated: true });
  if (lock) diagnostics.push(...lock.diagnostics);
  if (LANGS.some((l) => !documents[l])) return { diagnostics, ...(source ? { source } : {}) };
  const texts = documents as Record<Lang, TermsDocument>;
  if (!meta || !source) return { diagnostics, documents: texts, ...(source ? { source } : {}) };
  const version: TermsVersion = {
    service: serviceId,
    id,
    effectiveFrom: meta.effectiveFrom,
    status: meta.status,
    parameters: meta.parameters,
    documents: texts,
    dir,
  };
  return { version, source, documents: texts, diagnostics };
}
