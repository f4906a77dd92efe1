import path from 'node:path';
import { defaultCacheDir } from '../cache/location.js';
import { Cache } from '../cache/store.js';
import { type Parsed, stringOption } from './args.js';
import type { Io } from './io.js';

/** The options of the commands that use the cache. */
export const CACHE_OPTIONS = {
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

/**
 * The cache a command uses: `--cache-dir DIR`, else `$TERMS_CACHE_DIR`, else
 * `node_modules/.cache/terms/` of the package the command runs in; none with `--no-cache` (or
 * outside any package). A folder that cannot be written is said once on stderr and the command
 * goes on without it.
 */
export function openCache(io: Io, parsed: Parsed): Cache | undefined {
  if (parsed.values['no-cache'] === true) return undefined;
  const given = stringOption(parsed, 'cache-dir') ?? io.env.TERMS_CACHE_DIR;
  const dir = given ? path.resolve(io.cwd, given) : defaultCacheDir(io.cwd);
  if (dir === undefined) return undefined;
  return new Cache({ dir, warn: (message) => io.stderr.write(`terms: ${message}\n`) });
}
