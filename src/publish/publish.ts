import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderedTextHashes } from '../check/frozen-render.js';
import { InputError } from '../diagnostics.js';
import { LOCK_FILE, languageFile, VERSION_FILE } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import { Lock, lockOf, stringifyLock } from '../model/lock.js';
import { findService, findVersion } from '../model/timeline.js';
import { inspectTerms } from '../open.js';
import { commitFiles, discardFiles, type StagedFile, stageFile } from './atomic.js';
import { uncommittedChanges } from './git-status.js';
import { refuseErrors } from './problems.js';
import { acquireLock } from './process-lock.js';
import { setTopLevelScalars } from './yaml-edit.js';

/** Options of `publishVersion`. */
export interface PublishOptions {
  /** Diagnostics name files relative to this folder. */
  cwd?: string;
  /**
   * Only write the lock of a version that is already `published`: a whole lock when it has no
   * lock.json (published before locks existed, or a publish that was interrupted), or the
   * rendered-text hashes added to a version 1 lock whose file hashes all still match.
   */
  freeze?: boolean;
}

/** What `publishVersion` did. */
export interface PublishResult {
  service: string;
  version: string;
  /** Absolute path of the lock written. */
  lockFile: string;
  /** True when version.yaml went from draft to published (false with `freeze`). */
  statusChanged: boolean;
  /** True when an existing version 1 lock got the rendered-text hashes (with `freeze`). */
  upgraded: boolean;
}

/**
 * Publishes a draft: checks it (any error in the version refuses, nothing is written), sets
 * `status: published` in version.yaml keeping its comments and layout, and writes lock.json
 * with the sha256 of every file. Both files are replaced atomically; if either write fails,
 * neither changes.
 */
export async function publishVersion(
  root: string,
  serviceId: string,
  versionId: string,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const cwd = options.cwd ?? process.cwd();
  // One publish per service at a time: a second one would read the first one's files half
  // written (a lock beside a draft: a false frozen-modified).
  const serviceDir = path.join(path.resolve(root), serviceId);
  const lock = existsSync(serviceDir)
    ? await acquireLock(path.join(serviceDir, PUBLISH_LOCK), 'terms publish')
    : undefined;
  try {
    return await publishLocked(root, serviceId, versionId, options, cwd);
  } finally {
    await lock?.release();
  }
}

/** The lock file of `terms publish` in a service folder (hidden: the loader skips it). */
const PUBLISH_LOCK = '.publish.lock';

async function publishLocked(
  root: string,
  serviceId: string,
  versionId: string,
  options: PublishOptions,
  cwd: string,
): Promise<PublishResult> {
  const loaded = await inspectTerms(root, { cwd });
  const service = findService(loaded.terms, serviceId);
  // Freezing is what cures a missing lock, so that one error does not stand in its way.
  const refuse = () =>
    refuseErrors(
      loaded,
      serviceId,
      versionId,
      cwd,
      'publish',
      options.freeze ? ['missing-lock'] : [],
    );
  // A version that does not load is shown with its errors, not called unknown.
  if (!service.versions.some((v) => v.id === versionId)) refuse();
  const version = findVersion(service, versionId);
  const dir = path.join(loaded.terms.root, version.dir);
  const rel = (name: string) => `${version.dir}/${name}`;
  const locked = loaded.files.has(rel(LOCK_FILE));

  if (options.freeze) {
    if (version.status !== 'published')
      throw new InputError(
        'not-published',
        `${serviceId} ${versionId} is a draft: --freeze only locks a version that is already published; run terms publish without --freeze`,
        'version',
      );
    if (locked && lockVersionOf(loaded.files.get(rel(LOCK_FILE)) as Buffer) !== 1)
      throw new InputError(
        'already-frozen',
        `${serviceId} ${versionId} is already frozen (${rel(LOCK_FILE)} exists)`,
        'version',
      );
    // Freezing takes the files as they are: edits to a published version that git has not
    // recorded (or a committed lock deleted) must not become its frozen text.
    const changed = await uncommittedChanges(dir);
    if (changed && changed.length > 0)
      throw new InputError(
        'uncommitted-changes',
        `${serviceId} ${versionId} has uncommitted changes in git (${changed.join(', ')}): a published version is frozen as committed; restore or commit them first`,
        'version',
      );
  } else if (version.status === 'published') {
    throw new InputError(
      'already-published',
      `${serviceId} ${versionId} is already published${locked ? '' : ` but has no ${LOCK_FILE}: run terms publish --freeze ${serviceId} ${versionId}`}`,
      'version',
    );
  } else {
    const earlier = service.versions.filter(
      (v) => v !== version && v.status === 'draft' && v.effectiveFrom <= version.effectiveFrom,
    );
    if (earlier.length > 0)
      throw new InputError(
        'earlier-draft',
        `cannot publish ${serviceId} ${versionId} (effective ${version.effectiveFrom}): draft ${earlier.map((v) => `${v.id} (effective ${v.effectiveFrom})`).join(', ')} takes effect no later; publish or remove it first`,
        'version',
      );
  }

  refuse();
  const bytes = new Map<string, Uint8Array | string>();
  for (const lang of LANGS)
    bytes.set(languageFile(lang), loaded.files.get(rel(languageFile(lang))) as Buffer);
  const yamlBefore = loaded.files.get(rel(VERSION_FILE)) as Buffer;
  const yamlAfter = options.freeze
    ? yamlBefore
    : Buffer.from(setTopLevelScalars(yamlBefore.toString('utf8'), { status: 'published' }));
  bytes.set(VERSION_FILE, yamlAfter);
  const rendered = renderedTextHashes(service, version);
  // A version 1 lock only gains the rendered text: its file hashes, which `refuse` has just
  // found all matching (or it would have thrown frozen-modified), are kept as they are.
  const old =
    options.freeze && locked ? parseLock(loaded.files.get(rel(LOCK_FILE)) as Buffer) : undefined;
  const lock = stringifyLock(
    old ? { ...old, lockVersion: 2, rendered } : lockOf(serviceId, versionId, bytes, rendered),
  );

  const lockFile = path.join(dir, LOCK_FILE);
  const yamlFile = path.join(dir, VERSION_FILE);
  const staged: StagedFile[] = [];
  try {
    staged.push(await stageFile(lockFile, lock));
    if (!options.freeze) staged.push(await stageFile(yamlFile, yamlAfter));
  } catch (err) {
    await discardFiles(staged);
    throw err;
  }
  // The lock goes in first: a lock beside a draft fails `terms check`, a published version
  // without a lock would too, and the rollback in commitFiles restores both.
  await commitFiles(
    staged,
    new Map([
      [lockFile, undefined],
      [yamlFile, await readFile(yamlFile)],
    ]),
  );
  return {
    service: serviceId,
    version: versionId,
    lockFile,
    statusChanged: !options.freeze,
    upgraded: old !== undefined,
  };
}

/** The lockVersion a lock file declares (undefined when it is not a lock at all). */
function lockVersionOf(bytes: Buffer): unknown {
  try {
    return (JSON.parse(bytes.toString('utf8')) as { lockVersion?: unknown }).lockVersion;
  } catch {
    return undefined;
  }
}

function parseLock(bytes: Buffer): Lock {
  return Lock.parse(JSON.parse(bytes.toString('utf8')));
}
