import { cacheControlOf } from '../bundle/cache.js';
import { type BundleEntry, parseBundlePath } from '../bundle/layout.js';
import { isLang } from '../model/lang.js';
import type { BundleFile } from './bundle.js';
import type { ServiceEntry } from './catalog.js';
import { pagePolicy, STRICT_POLICY } from './csp.js';
import { attachment, safeFileName } from './disposition.js';

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
  const cacheControl = cacheControlOf(file.key.slice(1), ctx.drafts);
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
