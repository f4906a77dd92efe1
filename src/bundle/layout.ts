import path from 'node:path';
import { LANGS, type Lang } from '../model/lang.js';

/**
 * The bundle's layout: every kind of file, the one path pattern it lives at, and the HTTP
 * routes that answer with it. The builder writes by it, the server and the nginx server block
 * parse by it; nothing else spells a bundle path.
 */
export const LAYOUT = {
  index: 'index.html',
  sums: 'SHA256SUMS',
  schema: 'schema/rules.v1.json',
  services: 'api/v1/services.json',
  versions: 'api/v1/services/:service/versions.json',
  rules: 'api/v1/services/:service/versions/:version/rules.json',
  document: 'terms/:service/:version/:edition.:format',
  /** What changed against the previous published version, per edition. */
  changes: 'terms/:service/:version/changes/:edition.html',
  /** A service's versions, newest first. */
  service: 'terms/:service/index.html',
  /** Atom feed of a service's published versions, per language. */
  feed: 'terms/:service/feed.:lang.atom',
  /** Atom feed of every service's published versions, per language. */
  siteFeed: 'feed.:lang.atom',
} as const;

/** A kind of bundle file. */
export type FileKind = keyof typeof LAYOUT;

/** What a path of a kind is made of. */
export interface PathParams {
  service?: string;
  version?: string;
  /** `kk`, `ru`, `en` or a bilingual pair `kk-ru`. */
  edition?: string;
  format?: 'html' | 'pdf';
  lang?: string;
}

/** A bundle path read back: its kind and parameters. */
export interface BundleEntry extends PathParams {
  kind: FileKind;
}

/** What each parameter may hold: ids, ISO dates, editions and formats, never a separator or a dot segment. */
const PARAMS: Record<keyof PathParams, string> = {
  service: '[a-z][a-z0-9-]*',
  version: '\\d{4}-\\d{2}-\\d{2}',
  edition: '[a-z]{2}(?:-[a-z]{2})?',
  format: 'html|pdf',
  lang: '[a-z]{2}',
};

/** The path of a file of a kind: `bundlePath('rules', { service, version })`. */
export function bundlePath(kind: FileKind, params: PathParams = {}): string {
  return LAYOUT[kind].replace(/:([a-z]+)/g, (_, name: keyof PathParams) => {
    const value = params[name];
    if (value === undefined) throw new Error(`bundle path ${LAYOUT[kind]} needs ${name}`);
    return value;
  });
}

const MATCHERS: [FileKind, RegExp][] = (Object.keys(LAYOUT) as FileKind[]).map((kind) => [
  kind,
  new RegExp(
    `^${LAYOUT[kind]
      .replace(/[.]/g, '\\.')
      .replace(/:([a-z]+)/g, (_, name: keyof PathParams) => `(?<${name}>${PARAMS[name]})`)}$`,
  ),
]);

/** The kind and parameters of a path relative to the bundle root, or undefined for any other file. */
export function parseBundlePath(rel: string): BundleEntry | undefined {
  for (const [kind, matcher] of MATCHERS) {
    const m = matcher.exec(rel);
    if (m) return { kind, ...(m.groups as PathParams) };
  }
  return undefined;
}

/**
 * The HTTP routes without a file extension, and the kind of file each serves; every bundle file
 * is also served at its own path (`/` + bundle path).
 */
export const ROUTES: readonly { route: string; kind: FileKind }[] = [
  { route: '/', kind: 'index' },
  { route: '/api/v1/services', kind: 'services' },
  { route: '/api/v1/services/:service/versions', kind: 'versions' },
  { route: '/api/v1/services/:service/versions/:version/rules', kind: 'rules' },
  { route: '/terms/:service/', kind: 'service' },
];

/** An edition of a version's documents: one language, or two side by side. */
export interface Edition {
  lang: Lang;
  parallel?: Lang;
  /** The file name stem: `kk`, `kk-ru`. */
  key: string;
}

/** The bilingual editions the bundle publishes for every version (left language first). */
export const BILINGUAL_EDITIONS: readonly (readonly [Lang, Lang])[] = [['kk', 'ru']];

/** The editions of every version: each language alone, then the bilingual pairs. */
export const EDITIONS: readonly Edition[] = [
  ...LANGS.map((lang) => ({ lang, key: lang })),
  ...BILINGUAL_EDITIONS.map(([lang, parallel]) => ({ lang, parallel, key: `${lang}-${parallel}` })),
];

/** The key of an edition: `kk`, `kk-ru`. */
export function editionKey(lang: Lang, parallel?: Lang): string {
  return parallel ? `${lang}-${parallel}` : lang;
}

const DOCUMENT_FILE = new RegExp(`^(?<edition>${PARAMS.edition})\\.(?<format>${PARAMS.format})$`);

/** The edition and format a document's file name (`kk-ru.pdf`) gives, or undefined. */
export function parseDocumentFile(
  name: string,
): { edition: string; format: 'html' | 'pdf' } | undefined {
  const groups = DOCUMENT_FILE.exec(name)?.groups;
  return groups
    ? { edition: groups.edition as string, format: groups.format as 'html' | 'pdf' }
    : undefined;
}

/** The file of a document in its version folder: `kk.html`, `kk-ru.pdf`. */
export function documentFile(lang: Lang, parallel: Lang | undefined, ext: 'html' | 'pdf'): string {
  return `${editionKey(lang, parallel)}.${ext}`;
}

/**
 * A link from one bundle file to another, relative so the bundle works from any host path:
 * `./ru.html` beside it (a bare name could read as a scheme), `../2025-09-10/kk.html`,
 * `../../../index.html`, `terms/<service>/<version>/kk.html`.
 */
export function relativeLink(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.includes('/') ? rel : `./${rel}`;
}
