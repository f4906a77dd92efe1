import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { fieldPath } from '../model/field-path.js';
import { LOCK_FILE, VERSION_FILE } from '../model/files.js';
import { LOCKED_FILES, Lock, sha256 } from '../model/lock.js';
import type { CheckContext } from './context.js';

/**
 * Published versions are frozen: each has a `lock.json` (written by `terms publish`) and every
 * file still has the sha256 it was published with. A folder holding a lock is checked whatever
 * its status says, so turning a published version back into a draft cannot unfreeze it.
 */
export function checkLocks(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const dirs = new Set<string>();
  for (const rel of ctx.files.keys()) {
    const parts = rel.split('/');
    if (parts.length === 3 && parts[2] === LOCK_FILE) dirs.add(`${parts[0]}/${parts[1]}`);
  }
  for (const service of ctx.terms.services)
    for (const version of service.versions) {
      if (version.status !== 'published' || dirs.has(version.dir)) continue;
      out.push(
        diagnostic('missing-lock', 'published version has no lock.json: run terms publish', {
          file: ctx.display(`${version.dir}/${VERSION_FILE}`),
          at: ctx.sources.get(version.dir)?.pointOf(['status']),
        }),
      );
    }
  for (const dir of [...dirs].sort()) out.push(...checkLock(ctx, dir));
  return out;
}

/**
 * The lock of a version folder when it is valid and every file it freezes still has its hash:
 * what checks of the rendered text start from (a changed source is `frozen-modified` already).
 */
export function intactLock(ctx: CheckContext, dir: string): Lock | undefined {
  const read = readLock(ctx, dir);
  if (typeof read === 'string') return undefined;
  return LOCKED_FILES.every((name) => {
    const bytes = ctx.files.get(`${dir}/${name}`);
    return bytes !== undefined && sha256(bytes) === read.files[name];
  })
    ? read
    : undefined;
}

/** The parsed lock of a version folder, or what is wrong with it. */
function readLock(ctx: CheckContext, dir: string): Lock | string {
  const bytes = ctx.files.get(`${dir}/${LOCK_FILE}`);
  if (bytes === undefined) return 'lock.json is missing';
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return `lock.json is not JSON: ${(err as Error).message}`;
  }
  const parsed = Lock.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `lock.json: ${fieldPath(issue?.path ?? []) || '(top level)'}: ${issue?.message}`;
  }
  const lock = parsed.data;
  const [service, version] = dir.split('/');
  if (lock.service !== service || lock.version !== version)
    return `lock.json freezes ${lock.service}/${lock.version}, but it is in the folder ${service}/${version}`;
  const names = Object.keys(lock.files).sort();
  if (names.join('\n') !== LOCKED_FILES.join('\n'))
    return `lock.json lists ${names.join(', ')}; a lock lists ${LOCKED_FILES.join(', ')}`;
  return lock;
}

function checkLock(ctx: CheckContext, dir: string): Diagnostic[] {
  const lock = readLock(ctx, dir);
  if (typeof lock === 'string')
    return [diagnostic('bad-lock', lock, { file: ctx.display(`${dir}/${LOCK_FILE}`) })];
  const out: Diagnostic[] = [];
  for (const name of LOCKED_FILES) {
    const expected = lock.files[name] as string;
    const bytes = ctx.files.get(`${dir}/${name}`);
    if (bytes === undefined) {
      out.push(
        diagnostic(
          'frozen-modified',
          `published file ${name} was removed since it was frozen (sha256 expected ${expected})`,
          { file: ctx.display(dir) },
        ),
      );
      continue;
    }
    const actual = sha256(bytes);
    if (actual !== expected)
      out.push(
        diagnostic(
          'frozen-modified',
          `published file changed since it was frozen (sha256 ${actual} expected ${expected}): publish a new version instead`,
          { file: ctx.display(`${dir}/${name}`) },
        ),
      );
  }
  return out;
}
