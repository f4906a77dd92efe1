import type { Dirent } from 'node:fs';
import { lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { LIMITS } from './limits.js';
import { type DecodeOptions, decodeText, GENERATED_FILE_BYTES, tooLarge } from './text.js';

/** The raw bytes of every file read, by path relative to the terms root (`/`-separated). */
export type FileBytes = Map<string, Buffer>;

/** A source file read and decoded: its text (none when it cannot be used) and its problems. */
export interface TextFile {
  text: string | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Reads a text file under the terms root and keeps its bytes in `files` (the freeze lock
 * hashes them); undefined when it does not exist. A path that is there but cannot be read as a
 * file (a dangling or looping symbolic link, a folder, a pipe, no permission), a file over the
 * size limit or not UTF-8 gives no text and a diagnostic naming `file` (the displayed path).
 * Bytes a caller put in `files` beforehand are taken as they are (the cache hashes a folder's
 * bytes first: what is loaded must be them).
 */
export async function readText(
  root: string,
  rel: string,
  files: FileBytes,
  file: string,
  options: DecodeOptions = {},
): Promise<TextFile | undefined> {
  const max = options.generated ? GENERATED_FILE_BYTES : LIMITS.fileBytes;
  const known = files.get(rel);
  if (known)
    return known.length > max
      ? tooLarge(known.length, file, max)
      : decodeText(known, file, options);
  const abs = path.join(root, rel);
  const refuse = (message: string): TextFile => ({
    text: undefined,
    diagnostics: [diagnostic('file-system', message, { file })],
  });
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
  } catch (err) {
    const problem = await fsProblem(abs, err);
    return problem === undefined ? undefined : refuse(problem);
  }
  if (!info.isFile())
    return refuse(
      info.isDirectory() ? 'is a folder, where a file belongs' : 'is not a regular file',
    );
  // Never read more than the limit allows: a 50 MB file costs one stat, not 50 MB of memory.
  if (info.size > max) return tooLarge(info.size, file, max);
  let bytes: Buffer;
  try {
    const handle = await open(abs, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    return refuse((await fsProblem(abs, err)) ?? 'disappeared while being read');
  }
  files.set(rel, bytes);
  return decodeText(bytes, file, options);
}

/**
 * What went wrong reaching a path, in words; undefined when there is simply nothing there
 * (ENOENT on a path that is not a symbolic link).
 */
export async function fsProblem(abs: string, err: unknown): Promise<string | undefined> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const link = await lstat(abs).then(
      (s) => s.isSymbolicLink(),
      () => false,
    );
    if (!link) return undefined;
    const target = await readlink(abs).catch(() => '?');
    return `is a symbolic link to "${target}", which does not exist`;
  }
  if (code === 'ELOOP') return 'is a symbolic link that leads back to itself (a loop)';
  if (code === 'EISDIR') return 'is a folder, where a file belongs';
  if (code === 'ENOTDIR') return 'is inside a path that is a file, not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'ENAMETOOLONG') return 'has a name too long for the file system';
  throw err;
}

/**
 * The sub-folders of a folder (hidden ones skipped), sorted by name. An entry that cannot be
 * looked at (a dangling symbolic link, a loop, no permission) is skipped and passed to
 * `onProblem` with what went wrong, as is the folder itself (name `.`) when it cannot be listed.
 */
export async function subfolders(
  dir: string,
  onProblem: (name: string, problem: string) => void = () => {},
): Promise<string[]> {
  const found: string[] = [];
  let entries: Dirent[];
  try {
    // The entry types come with the listing; only a symbolic link needs a stat to follow it
    // (one stat per entry is most of the cost of listing hundreds of version folders).
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch (err) {
    onProblem('.', (await fsProblem(dir, err)) ?? 'disappeared while being listed');
    return found;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isSymbolicLink()) {
      if (entry.isDirectory()) found.push(entry.name);
      continue;
    }
    const abs = path.join(dir, entry.name);
    try {
      if ((await stat(abs)).isDirectory()) found.push(entry.name);
    } catch (err) {
      const problem = await fsProblem(abs, err);
      if (problem) onProblem(entry.name, problem);
    }
  }
  return found;
}

/** A path as diagnostics print it: relative to `cwd` when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel)
    ? rel.split(path.sep).join('/')
    : abs;
}
