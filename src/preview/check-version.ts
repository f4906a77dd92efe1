import { createHash } from 'node:crypto';
import { checkTerms } from '../check/index.js';
import { checkVersionOrder } from '../check/versions.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FileBytes } from '../load/files.js';
import type { LoadedVersion } from '../load/version.js';
import type { YamlSource } from '../load/yaml.js';
import type { Service } from '../model/terms.js';

/** A service as its service.yaml gives it, without its versions. */
export type ServiceMeta = Omit<Service, 'versions' | 'withheld'>;

/**
 * The sha256 of a version folder as preview keys it: the bytes of every file the loader read
 * and the names of every entry (an unknown file is a warning), so the same folder gives the same
 * key and any change to it another.
 */
export function folderHash(files: FileBytes, entries: readonly string[]): string {
  const hash = createHash('sha256');
  for (const [rel, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`${rel}\0${bytes.length}\0`).update(bytes);
  hash.update(`\0entries\0${entries.join('\0')}`);
  return hash.digest('hex');
}

/**
 * Every check of `checkTerms` that looks at one version alone (clause trees, placeholders,
 * tiers, literals, its dates, its lock and frozen text), run on that version by itself: what
 * `terms check` reports inside its folder, but for what only the order of versions decides
 * (`checkVersionsOrder`). Both run `checkTerms`' own checks, never a copy of them; a test
 * compares the two halves with `inspectTerms` on whole trees.
 */
export function checkOneVersion(
  root: string,
  service: ServiceMeta,
  loaded: LoadedVersion,
  dir: string,
  files: FileBytes,
  display: (rel: string) => string,
): Diagnostic[] {
  const alone: Service = { ...service, versions: loaded.version ? [loaded.version] : [] };
  return checkTerms({
    terms: { root, services: [alone] },
    files,
    sources: new Map(loaded.source ? [[dir, loaded.source]] : []),
    display,
    texts: !loaded.version && loaded.documents ? [{ dir, documents: loaded.documents }] : [],
  });
}

/** What only the whole list of a service's versions decides: their order in time. */
export function checkVersionsOrder(
  root: string,
  service: Service,
  sources: Map<string, YamlSource>,
  display: (rel: string) => string,
): Diagnostic[] {
  return checkVersionOrder(
    { terms: { root, services: [service] }, files: new Map(), sources, display },
    service,
  );
}
