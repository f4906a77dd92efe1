import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, InputError } from '../diagnostics.js';
import { isIsoDate } from '../model/date.js';
import { languageFile, VERSION_FILE } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import type { TermsVersion } from '../model/terms.js';
import { assertDate, effectiveBeforeDated, findService, findVersion } from '../model/timeline.js';
import { inspectTerms } from '../open.js';
import { tempPathBeside } from './atomic.js';
import { errorsIn } from './problems.js';
import { redateHeaderComment, setTopLevelScalars } from './yaml-edit.js';

/** Options of `newVersion`. */
export interface NewVersionOptions {
  /** The date the new version takes effect; must be after every existing version's. */
  effective: string;
  /** The version to copy (default: the one that takes effect last, drafts included). */
  from?: string;
  /** The version date, which names the folder (default: `effective`); at most `effective`. */
  date?: string;
  /** Diagnostics name files relative to this folder. */
  cwd?: string;
}

/** What `newVersion` created. */
export interface NewVersionResult {
  service: string;
  version: string;
  from: string;
  effectiveFrom: string;
  /** Absolute path of the new version folder. */
  dir: string;
}

/**
 * Starts a draft: copies version.yaml (with `status: draft` and the new `effectiveFrom`, every
 * other byte kept) and the language files of an existing version into a new version folder.
 * The lock is never copied. The folder appears in one rename, so it is complete or absent.
 */
export async function newVersion(
  root: string,
  serviceId: string,
  options: NewVersionOptions,
): Promise<NewVersionResult> {
  const cwd = options.cwd ?? process.cwd();
  assertDate(options.effective, 'effective');
  const id = options.date ?? options.effective;
  assertDate(id, 'date');
  const outOfOrder = effectiveBeforeDated(id, options.effective, '--effective');
  if (outOfOrder) throw new InputError('version-order', outOfOrder, 'date');
  const loaded = await inspectTerms(root, { cwd });
  const missing = loaded.diagnostics.find((d) => d.code === 'no-terms');
  if (missing) throw new InputError('no-terms', `${missing.file}: ${missing.message}`, 'terms');
  const service = findService(loaded.terms, serviceId);
  const serviceDir = path.join(loaded.terms.root, serviceId);

  // Version folders that failed to load still count: their effective date is at least their name.
  const folders = (await readdir(serviceDir)).filter(isIsoDate).sort();
  const latest = latestOf(service.versions, folders);
  if (latest && options.effective <= latest.effectiveFrom)
    throw new InputError(
      'version-order',
      `--effective ${options.effective} is not after the latest version (${latest.label}): a new version must take effect after every existing one`,
      'effective',
    );
  const lastFolder = folders[folders.length - 1];
  if (lastFolder !== undefined && id <= lastFolder)
    throw new InputError(
      'version-order',
      `the version date ${id} is not after the latest version date ${lastFolder}`,
      'date',
    );

  const fromId = options.from ?? latest?.id;
  if (fromId === undefined)
    throw new InputError(
      'unknown-version',
      `service "${serviceId}" has no version to copy`,
      'from',
    );
  const errors = errorsIn(loaded, serviceId, fromId, cwd);
  const source = service.versions.find((v) => v.id === fromId);
  if (!source && errors.length > 0)
    throw new ContentError(errors, `cannot copy ${serviceId} ${fromId}: it does not load`);
  const from = source ?? findVersion(service, fromId);

  const target = path.join(serviceDir, id);
  if (await exists(target))
    throw new InputError('version-exists', `${path.relative(cwd, target)} already exists`, 'date');

  const rel = (name: string) => `${from.dir}/${name}`;
  // The header comment names the new version, not the one it was copied from.
  const yaml = redateHeaderComment(
    setTopLevelScalars((loaded.files.get(rel(VERSION_FILE)) as Buffer).toString('utf8'), {
      effectiveFrom: options.effective,
      status: 'draft',
    }),
    from.id,
    id,
  );
  const temp = tempPathBeside(target);
  try {
    await mkdir(temp);
    await writeFile(path.join(temp, VERSION_FILE), yaml);
    for (const lang of LANGS)
      await writeFile(
        path.join(temp, languageFile(lang)),
        loaded.files.get(rel(languageFile(lang))) as Buffer,
      );
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    if (
      (err as NodeJS.ErrnoException).code === 'ENOTEMPTY' ||
      (err as NodeJS.ErrnoException).code === 'EEXIST'
    )
      throw new InputError(
        'version-exists',
        `${path.relative(cwd, target)} already exists`,
        'date',
      );
    throw err;
  }
  return {
    service: serviceId,
    version: id,
    from: from.id,
    effectiveFrom: options.effective,
    dir: target,
  };
}

function latestOf(
  versions: readonly TermsVersion[],
  folders: readonly string[],
): { id: string; effectiveFrom: string; label: string } | undefined {
  let best: { id: string; effectiveFrom: string; label: string } | undefined;
  for (const v of versions)
    if (!best || v.effectiveFrom > best.effectiveFrom)
      best = {
        id: v.id,
        effectiveFrom: v.effectiveFrom,
        label: `${v.id}, ${v.status}, effective from ${v.effectiveFrom}`,
      };
  for (const f of folders)
    if (!versions.some((v) => v.id === f) && (!best || f > best.effectiveFrom))
      best = { id: f, effectiveFrom: f, label: `${f}, which does not load` };
  return best;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
