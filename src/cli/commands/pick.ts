import type { Service, TermsVersion } from '../../model/terms.js';
import { findService, findVersion, requireVersionAt } from '../../model/timeline.js';
import { openTerms } from '../../open.js';
import { type Parsed, stringOption, termsDir } from '../args.js';
import { type Io, UsageError } from '../io.js';

/** The version named by `--version V` or in force at `--at D` (exactly one of them). */
export function pickVersion(
  service: Service,
  version: string | undefined,
  at: string | undefined,
  usage: string,
): TermsVersion {
  if ((version === undefined) === (at === undefined))
    throw new UsageError(`give exactly one of --version V or --at YYYY-MM-DD\nusage: ${usage}`);
  return version !== undefined
    ? findVersion(service, version)
    : requireVersionAt(service, at as string);
}

/** Opens `--terms`, finds the service named by the first argument and the version of `--version`/`--at`. */
export async function openVersion(
  io: Io,
  parsed: Parsed,
  usage: string,
): Promise<{ service: Service; version: TermsVersion }> {
  const terms = await openTerms(termsDir(io, parsed), { cwd: io.cwd });
  const service = findService(terms, parsed.positionals[0] as string);
  const version = pickVersion(
    service,
    stringOption(parsed, 'version'),
    stringOption(parsed, 'at'),
    usage,
  );
  return { service, version };
}
