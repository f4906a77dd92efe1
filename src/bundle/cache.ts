import { type BundleEntry, type FileKind, parseBundlePath } from './layout.js';

/** A file whose bytes can never change: kept a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Answers that move with the date (`current`, `?at=`): a minute. */
export const SHORT = 'public, max-age=60';
/** Files a later publish changes: kept, but revalidated every time (a cheap 304 by ETag). */
export const REVALIDATE = 'public, no-cache';

/** `<service>/<version>` of the drafts a bundle holds (built with --drafts): they can still change. */
export type DraftSet = ReadonlySet<string>;

type CacheRule = (entry: BundleEntry, drafts: DraftSet) => string;

const versioned: CacheRule = (entry, drafts) =>
  drafts.has(`${entry.service}/${entry.version}`) ? REVALIDATE : IMMUTABLE;

/**
 * How long each kind of file may be cached, one rule a kind. `immutable` only where the bytes
 * can never change after a later publish: the PDF agreement of a published version (its text
 * and metadata come from its frozen folder alone). Pages and rules JSON carry facts a later
 * publish changes (`effectiveTo`, the notice of the next version), so they, drafts and every
 * list, index and feed are revalidated (a strong ETag makes that a cheap 304).
 */
const CACHE: Record<FileKind, CacheRule> = {
  index: () => REVALIDATE,
  sums: () => REVALIDATE,
  schema: () => REVALIDATE,
  services: () => REVALIDATE,
  versions: () => REVALIDATE,
  rules: () => REVALIDATE,
  document: (entry, drafts) => (entry.format === 'pdf' ? versioned(entry, drafts) : REVALIDATE),
  changes: () => REVALIDATE,
  service: () => REVALIDATE,
  feed: () => REVALIDATE,
  siteFeed: () => REVALIDATE,
};

/** The `Cache-Control` of a bundle file (by its path relative to the bundle root). */
export function cacheControlOf(rel: string, drafts: DraftSet): string {
  const entry = parseBundlePath(rel);
  return entry ? CACHE[entry.kind](entry, drafts) : REVALIDATE;
}

/** True when the file is served as immutable: its bytes must never change once published. */
export function isImmutable(rel: string, drafts: DraftSet): boolean {
  return cacheControlOf(rel, drafts) === IMMUTABLE;
}
