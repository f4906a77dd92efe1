import { type PathParams, parseBundlePath, ROUTES } from '../bundle/layout.js';
import type { Bundle, BundleFile, Coding, Representation } from './bundle.js';
import { type FileHeaders, fileHeaders, type PolicyContext } from './headers.js';
import { type Answer, secured } from './respond.js';

/** One encoding of a resource with its answers, built once at start. */
export interface Variant {
  coding: Coding | undefined;
  etag: string;
  body: Uint8Array;
  /** The 200 answer (HEAD writes the same headers and no body). */
  ok: Answer;
  /** The 304 answer to a matching `If-None-Match`. */
  notModified: Answer;
  /**
   * Byte ranges are served from the identity bytes only: a range of compressed bytes is of
   * no use to a PDF viewer, and nginx too drops ranges when it compresses.
   */
  ranges: boolean;
}

/** What the server answers at one URL: a file of the bundle with its headers, in every encoding. */
export interface Resource {
  file: BundleFile;
  /**
   * The headers every answer about it carries besides type, length, ETag and encoding —
   * cache, per-file (CSP, download name), Vary and security — as name/value pairs: the hot
   * path writes them, `terms nginx-conf` turns them into `add_header` lines.
   */
  headers: readonly (readonly [string, string])[];
  identity: Variant;
  gzip?: Variant;
  br?: Variant;
}

/** The answers to a file with these headers, in each encoding it has. */
export function toResource(file: BundleFile, policy: FileHeaders): Resource {
  const compressed = file.gzip !== undefined || file.br !== undefined;
  const flat = secured({
    'Cache-Control': policy.cacheControl,
    ...(compressed ? { Vary: 'Accept-Encoding' } : {}),
    ...policy.extra,
  });
  const headers: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) headers.push([flat[i] as string, flat[i + 1] as string]);
  const variant = (rep: Representation, coding?: Coding): Variant => ({
    coding,
    etag: rep.etag,
    body: rep.body,
    ranges: coding === undefined,
    ok: {
      status: 200,
      headers: [
        'Content-Type',
        file.contentType,
        'Content-Length',
        String(rep.body.length),
        'ETag',
        rep.etag,
        ...(coding ? ['Content-Encoding', coding] : ['Accept-Ranges', 'bytes']),
        ...flat,
      ],
      body: rep.body,
    },
    notModified: { status: 304, headers: ['ETag', rep.etag, ...flat] },
  });
  const resource: Resource = { file, headers, identity: variant(file) };
  if (file.gzip) resource.gzip = variant(file.gzip, 'gzip');
  if (file.br) resource.br = variant(file.br, 'br');
  return resource;
}

/**
 * Every URL the bundle answers at, with its resource: each file at its own path, and at the
 * extensionless routes of its kind (`ROUTES`), sharing one resource so both answer alike.
 * Headers come from the policy table (`fileHeaders`), decided once per file here.
 */
export function bundleResources(bundle: Bundle, ctx: PolicyContext): Map<string, Resource> {
  const served = new Map<string, Resource>();
  for (const file of bundle.files.values()) {
    const resource = toResource(file, fileHeaders(file, ctx));
    served.set(file.key, resource);
    const entry = parseBundlePath(file.key.slice(1));
    if (!entry) continue;
    for (const { route, kind } of ROUTES) {
      const url = kind === entry.kind ? routePath(route, entry) : undefined;
      if (url !== undefined) served.set(url, resource);
    }
  }
  return served;
}

/** A route pattern (`/api/v1/services/:service/versions`) filled in, or undefined when a parameter is missing. */
export function routePath(route: string, entry: PathParams): string | undefined {
  let missing = false;
  const url = route.replace(/:([a-z]+)/g, (_, name: string) => {
    const value = entry[name as keyof PathParams];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : url;
}
