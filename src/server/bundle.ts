import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One representation of a file: its bytes and the strong ETag that names them. */
export interface Representation {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** A file of the bundle, held in memory with everything a response needs. */
export interface BundleFile extends Representation {
  /** The route key, e.g. `/terms/dedicated-compute/2025-09-10/kk.pdf`. */
  key: string;
  contentType: string;
  /** A smaller gzip encoding of a text file, made once at load; absent when it would not help. */
  gzip?: Representation;
}

/** A built bundle loaded into memory: every file by route key. */
export interface Bundle {
  /** Absolute path of the folder it was read from. */
  dir: string;
  files: ReadonlyMap<string, BundleFile>;
}

const TEXT = 'charset=utf-8';
const CONTENT_TYPES: Record<string, string> = {
  '.html': `text/html; ${TEXT}`,
  '.json': `application/json; ${TEXT}`,
  '.atom': `application/atom+xml; ${TEXT}`,
  '.css': `text/css; ${TEXT}`,
  '.js': `text/javascript; ${TEXT}`,
  '.txt': `text/plain; ${TEXT}`,
  '.svg': `image/svg+xml; ${TEXT}`,
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
/** Files without an extension that the bundle is known to hold. */
const BY_NAME: Record<string, string> = { SHA256SUMS: `text/plain; ${TEXT}` };
/** Below this size gzip saves less than the header it adds. */
const GZIP_MIN_BYTES = 1024;

/**
 * Reads every file under `dir` into memory, once. Symbolic links are skipped, never followed,
 * so nothing outside the folder can be reached through one; requests are then answered by
 * exact lookup in this map and never touch the file system.
 */
export async function loadBundle(dir: string): Promise<Bundle> {
  const root = path.resolve(dir);
  const files = new Map<string, BundleFile>();
  for (const rel of await walk(root, '')) {
    const body = new Uint8Array(await readFile(path.join(root, rel)));
    const key = `/${rel.split(path.sep).join('/')}`;
    files.set(key, toBundleFile(key, body));
  }
  return { dir: root, files };
}

/** Builds the in-memory entry of one file: its type, strong ETag and gzip encoding. */
export function toBundleFile(key: string, body: Uint8Array<ArrayBuffer>): BundleFile {
  const contentType = contentTypeOf(key);
  const file: BundleFile = { key, body, etag: strongEtag(body), contentType };
  if (isCompressible(contentType) && body.length >= GZIP_MIN_BYTES) {
    const gz = new Uint8Array(gzipSync(body, { level: 9 }));
    if (gz.length < body.length) file.gzip = { body: gz, etag: strongEtag(body, 'gzip') };
  }
  return file;
}

/** The media type (with charset for text) a file is served as, from its name. */
export function contentTypeOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return (
    BY_NAME[name] ?? CONTENT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream'
  );
}

/** A strong ETag from the SHA-256 of the bytes; an encoding gets its own tag (RFC 9110 8.8.3). */
export function strongEtag(body: Uint8Array, encoding?: string): string {
  const hash = createHash('sha256').update(body).digest('base64url');
  return `"sha256-${hash}${encoding ? `-${encoding}` : ''}"`;
}

function isCompressible(contentType: string): boolean {
  return contentType.includes(TEXT);
}

async function walk(root: string, rel: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = path.join(rel, entry.name);
    // lstat, not the dirent alone: a link must never be followed, whatever it points to.
    const info = await lstat(path.join(root, child));
    if (info.isSymbolicLink()) continue;
    if (info.isDirectory()) found.push(...(await walk(root, child)));
    else if (info.isFile()) found.push(child);
  }
  return found;
}
