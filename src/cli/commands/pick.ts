import type { Service, TermsVersion } from '../../model/terms.js';
import { findVersion, requireVersionAt } from '../../model/timeline.js';
import { UsageError } from '../io.js';

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
