import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_DIR_ENV } from '../render/pdf/fonts.js';

/** The folder of the running engine's code: `lib/` when compiled, `src/` under tsx or vitest. */
const CODE_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The package root, where templates/, locales/ and the lock files are. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Bump to drop every entry written by an older layout of the cache. */
const FORMAT = 'terms-engine cache format 1';

let memo: Promise<string> | undefined;

/**
 * A digest of everything besides the terms that a cached output depends on: the running code
 * (every module of `lib/`, or of `src/` when run from the sources), `templates/`, `locales/`,
 * the installed package versions with their integrity hashes (`node_modules/.package-lock.json`,
 * else the lock file, else package.json: the fonts come from a package, so this covers them),
 * the files of `$TERMS_PDF_FONT_DIR` when it is set, and the Node.js version and its ICU and
 * Unicode data (dates and numbers are formatted with Intl). Computed once per process.
 */
export function engineFingerprint(): Promise<string> {
  memo ??= computeFingerprint();
  return memo;
}

async function computeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, bytes: Uint8Array | string) => {
    hash.update(`${label}\0${bytes.length}\0`);
    hash.update(bytes);
  };
  add('format', FORMAT);
  add('node', `${process.version} icu ${process.versions.icu} unicode ${process.versions.unicode}`);
  for (const [label, dir] of [
    ['code', CODE_DIR],
    ['templates', path.join(PACKAGE_DIR, 'templates')],
    ['locales', path.join(PACKAGE_DIR, 'locales')],
  ] as const)
    for (const rel of await filesUnder(dir))
      add(`${label}/${rel}`, readFileSync(path.join(dir, rel)));
  const lock = [
    path.join(PACKAGE_DIR, 'node_modules', '.package-lock.json'),
    path.join(PACKAGE_DIR, 'package-lock.json'),
    path.join(PACKAGE_DIR, 'package.json'),
  ].find((f) => existsSync(f));
  if (lock) add(`packages/${path.basename(lock)}`, await readFile(lock));
  // Fonts from another folder ($TERMS_PDF_FONT_DIR) decide the PDFs and the glyph check too.
  const fontDir = process.env[FONT_DIR_ENV];
  if (fontDir)
    for (const rel of await filesUnder(path.resolve(fontDir)))
      add(`fonts/${rel}`, readFileSync(path.join(path.resolve(fontDir), rel)));
  return hash.digest('hex');
}

/** Every file under `dir` (declaration files and source maps left out: they change no output), sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !/\.d\.ts$|\.map$/.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
