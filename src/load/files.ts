import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The raw bytes of every file read, by path relative to the terms root (`/`-separated). */
export type FileBytes = Map<string, Buffer>;

/**
 * Reads a text file under the terms root and keeps its bytes in `files` (the freeze lock
 * hashes them); undefined when it does not exist. Bytes a caller put in `files` beforehand are
 * taken as they are (the cache hashes a folder's bytes first: what is loaded must be them).
 */
export async function readText(
  root: string,
  rel: string,
  files: FileBytes,
): Promise<string | undefined> {
  const known = files.get(rel);
  if (known) return known.toString('utf8');
  try {
    const bytes = await readFile(path.join(root, rel));
    files.set(rel, bytes);
    return bytes.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The sub-folders of a folder (hidden ones skipped), sorted by name. */
export async function subfolders(dir: string): Promise<string[]> {
  const found: string[] = [];
  // The entry types come with the listing; only a symbolic link needs a stat to follow it
  // (one stat per entry is most of the cost of listing hundreds of version folders).
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const folder = entry.isSymbolicLink()
      ? (await stat(path.join(dir, entry.name))).isDirectory()
      : entry.isDirectory();
    if (folder) found.push(entry.name);
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
