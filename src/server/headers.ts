import { type BundleEntry, type FileKind, parseBundlePath } from '../bundle/layout.js';
import { isLang } from '../model/lang.js';
import type { BundleFile } from './bundle.js';
import type { ServiceEntry } from './catalog.js';
import { pagePolicy, STRICT_POLICY } from './csp.js';
import { attachment, safeFileName } from './disposition.js';
import { IMMUTABLE, REVALIDATE } from './respond.js';

/** The headers a bundle file is served with, besides its type, length and ETag. */
export interface FileHeaders {
  cacheControl: string;
  extra: Record<string, string>;
}

/** What the header policy needs to know of the bundle. */
export interface PolicyContext {
  catalog: ReadonlyMap<string, ServiceEntry>;
  /** `<service>/<version>` of the drafts in the bundle (built with --drafts): they can change. */
  drafts: ReadonlySet<string>;
}

type CacheRule = (entry: BundleEntry, ctx: PolicyContext) => string;

const versioned: CacheRule = (entry, ctx) =>
  ctx.drafts.has(`${entry.service}/${entry.version}`) ? REVALIDATE : IMMUTABLE;

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
  document: (entry, ctx) => (entry.format === 'pdf' ? versioned(entry, ctx) : REVALIDATE),
  changes: () => REVALIDATE,
  service: () => REVALIDATE,
  feed: () => REVALIDATE,
  siteFeed: () => REVALIDATE,
};

/** Headers every response carries; pages get their own policy, everything else the strict one. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The headers of one bundle file, decided once at start from its kind: cache lifetime, the
 * CSP of a page (its own inline style by hash), the download name of a PDF agreement.
 */
export function fileHeaders(file: BundleFile, ctx: PolicyContext): FileHeaders {
  const entry = parseBundlePath(file.key.slice(1));
  const cacheControl = entry ? CACHE[entry.kind](entry, ctx) : REVALIDATE;
  if (file.contentType.startsWith('text/html'))
    return {
      cacheControl,
      extra: {
        'Content-Security-Policy': pagePolicy(new TextDecoder().decode(file.body)),
        'X-Frame-Options': 'DENY',
      },
    };
  if (entry?.kind === 'document' && entry.format === 'pdf')
    return { cacheControl, extra: pdfDisposition(entry, ctx) };
  return { cacheControl, extra: {} };
}

/** The strict policy for answers that are not pages (JSON, PDFs, errors). */
export { STRICT_POLICY };

function pdfDisposition(entry: BundleEntry, ctx: PolicyContext): Record<string, string> {
  const { service: id = '', version = '', edition = '' } = entry;
  const service = ctx.catalog.get(id);
  if (!service) return {};
  const names = edition.split('-').map((l) => (isLang(l) ? service.names[l] : id));
  return {
    'Content-Disposition': attachment(
      `${id}-${version}-${edition}.pdf`,
      safeFileName(`${[...new Set(names)].join(' — ')} ${version}.pdf`),
    ),
  };
}
