import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { InputError } from '../diagnostics.js';
import { verifySums } from './sums.js';

/** One representation of a file: its bytes and the strong ETag that names them. */
export interface Representation {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** A content coding the server precompresses text into. */
export type Coding = 'br' | 'gzip';

/** A file of the bundle, held in memory with everything a response needs. */
export interface BundleFile extends Representation {
  /** The route key, e.g. `/terms/dedicated-compute/2025-09-10/kk.pdf`. */
  key: string;
  contentType: string;
  /** Hex SHA-256 of the bytes, as SHA256SUMS lists it. */
  sha256: string;
  /** A smaller gzip encoding of a text file, made once at load; absent when it would not help. */
  gzip?: Representation;
  /** The same for brotli. */
  br?: Representation;
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
/** Below this size compression saves less than the header it adds. */
const COMPRESS_MIN_BYTES = 1024;
/**
 * Brotli quality 5: measured here on the 44 KB bilingual page, 10.1 KB in about 1.3 ms, where
 * quality 11 gives 9.0 KB in about 150 ms — a hundred times the start-up time for 11 % fewer
 * bytes, and start-up grows with every published version.
 */
const BROTLI_QUALITY = 5;

/**
 * Reads every file under `dir` into memory, once, and checks it against the bundle's
 * SHA256SUMS (a changed, missing or unlisted file is an `InputError`). Symbolic links are
 * skipped, never followed, so nothing outside the folder can be reached through one;
 * requests are then answered by exact lookup in this map and never touch the file system.
 */
export async function loadBundle(dir: string): Promise<Bundle> {
  const root = path.resolve(dir);
  const files = new Map<string, BundleFile>();
  let rels: string[];
  try {
    rels = await walk(root, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    throw new InputError('bad-bundle', `no bundle at ${root}: it is not a folder`);
  }
  for (const rel of rels) {
    const body = new Uint8Array(await readFile(path.join(root, rel)));
    const key = `/${rel.split(path.sep).join('/')}`;
    files.set(key, toBundleFile(key, body));
  }
  const bundle = { dir: root, files };
  verifySums(bundle);
  return bundle;
}

/** Builds the in-memory entry of one file: its type, digest, strong ETag and compressed encodings. */
export function toBundleFile(key: string, body: Uint8Array<ArrayBuffer>): BundleFile {
  const contentType = contentTypeOf(key);
  const digest = createHash('sha256').update(body).digest();
  const file: BundleFile = {
    key,
    body,
    etag: etagOf(digest),
    contentType,
    sha256: digest.toString('hex'),
  };
  if (isCompressible(contentType) && body.length >= COMPRESS_MIN_BYTES) {
    const gz = new Uint8Array(gzipSync(body, { level: 9 }));
    if (gz.length < body.length) file.gzip = { body: gz, etag: etagOf(digest, 'gzip') };
    const br = new Uint8Array(
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          // A window just large enough for the file: the same bytes out, less memory taken.
          [constants.BROTLI_PARAM_LGWIN]: Math.max(
            constants.BROTLI_MIN_WINDOW_BITS,
            Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.ceil(Math.log2(body.length + 1))),
          ),
        },
      }),
    );
    if (br.length < body.length) file.br = { body: br, etag: etagOf(digest, 'br') };
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
  return etagOf(createHash('sha256').update(body).digest(), encoding);
}

function etagOf(digest: Buffer, encoding?: string): string {
  return `"sha256-${digest.toString('base64url')}${encoding ? `-${encoding}` : ''}"`;
}

/** True for the text types the server precompresses (gzip and brotli, files of 1 KB and more). */
export function isCompressible(contentType: string): boolean {
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
