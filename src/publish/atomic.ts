import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A name beside `target` that the loader skips (it starts with a dot) and no other process picks. */
export function tempPathBeside(target: string, tag = 'tmp'): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** A file written to its final name in one rename, so readers see the old bytes or the new, never half. */
export interface StagedFile {
  target: string;
  temp: string;
}

/** Writes `data` to a temporary file beside `target`; `commitFiles` renames it into place. */
export async function stageFile(target: string, data: string | Uint8Array): Promise<StagedFile> {
  const temp = tempPathBeside(target);
  try {
    await writeFile(temp, data, { flag: 'wx' });
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { target, temp };
}

/**
 * Renames staged files into place in order. If a rename fails, the files already renamed are
 * restored to their previous bytes (or removed when they did not exist) and every temp file is
 * removed, so the folder is left as it was.
 */
export async function commitFiles(
  staged: readonly StagedFile[],
  previous: ReadonlyMap<string, Uint8Array | undefined>,
): Promise<void> {
  const done: StagedFile[] = [];
  try {
    for (const file of staged) {
      await rename(file.temp, file.target);
      done.push(file);
    }
  } catch (err) {
    for (const file of done.reverse()) {
      const before = previous.get(file.target);
      if (before === undefined) await rm(file.target, { force: true });
      else await writeFile(file.target, before);
    }
    await discardFiles(staged);
    throw err;
  }
}

/** Removes staged files that were not committed. */
export async function discardFiles(staged: readonly StagedFile[]): Promise<void> {
  await Promise.all(staged.map((f) => rm(f.temp, { force: true })));
}

/** Writes one file atomically (temp file beside it, then rename). */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const staged = await stageFile(target, data);
  try {
    await rename(staged.temp, target);
  } catch (err) {
    await discardFiles([staged]);
    throw err;
  }
}
