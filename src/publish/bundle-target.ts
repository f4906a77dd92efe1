import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { bundlePath } from '../bundle/layout.js';
import { InputError } from '../diagnostics.js';

/**
 * Refuses an output folder the build must not replace: anything that is not a folder, a folder
 * inside (or holding) the terms sources, or a non-empty folder without SHA256SUMS — so
 * `--out /` or `--out src` can never be wiped.
 */
export async function checkTarget(out: string, termsRoot: string): Promise<void> {
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (inside(out, termsRoot) || inside(termsRoot, out))
    throw new InputError(
      'bad-out',
      `--out ${out} overlaps the terms folder ${termsRoot}: write the bundle somewhere else`,
      'out',
    );
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR')
      throw new InputError(
        'bad-out',
        `--out ${out} is inside ${await fileAbove(out)}, which is not a folder`,
        'out',
      );
    throw err;
  }
  if (info.isSymbolicLink())
    throw new InputError(
      'bad-out',
      `--out ${out} is a symbolic link: give the folder itself`,
      'out',
    );
  if (!info.isDirectory())
    throw new InputError('bad-out', `--out ${out} exists and is not a folder`, 'out');
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(bundlePath('sums')))
    throw new InputError(
      'bad-out',
      `--out ${out} is a folder that is not empty and holds no ${bundlePath('sums')}, so it is not a previous bundle: refusing to replace it`,
      'out',
    );
}

/** The nearest existing path above `out` (the one that is a file, when lstat says ENOTDIR). */
async function fileAbove(out: string): Promise<string> {
  let dir = path.dirname(out);
  for (let up = path.dirname(dir); up !== dir; dir = up, up = path.dirname(dir)) {
    try {
      await lstat(dir);
      return dir;
    } catch {
      // Not there (or not reachable through a file): look further up.
    }
  }
  return dir;
}
