import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the cache lives by default: `node_modules/.cache/terms/` of the nearest folder at or
 * above `cwd` holding a package.json (where babel, eslint and others keep theirs); undefined
 * outside any package.
 */
export function defaultCacheDir(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')))
      return path.join(dir, 'node_modules', '.cache', 'terms');
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
