import type { Service, TermsVersion } from '../../model/terms.js';
import { openOne } from '../../open-one.js';
import { type Parsed, stringOption, termsDir } from '../args.js';
import { openCache } from '../cache.js';
import { type Io, UsageError } from '../io.js';

/**
 * Opens `--terms` for the service named by the first argument and the version of `--version V`
 * or in force at `--at D` (exactly one of them): only that version is loaded and checked, the
 * others are read as far as their version.yaml header (`openOne`).
 */
export async function openVersion(
  io: Io,
  parsed: Parsed,
  usage: string,
): Promise<{ service: Service; version: TermsVersion }> {
  const version = stringOption(parsed, 'version');
  const at = stringOption(parsed, 'at');
  if ((version === undefined) === (at === undefined))
    throw new UsageError(`give exactly one of --version V or --at YYYY-MM-DD\nusage: ${usage}`);
  return openOne(
    termsDir(io, parsed),
    parsed.positionals[0] as string,
    version !== undefined ? { version } : { at: at as string },
    { cwd: io.cwd, cache: openCache(io, parsed) },
  );
}
