/** What checking a request path gives: the route key to look up, or why the path is refused. */
export type PathCheck =
  | { ok: true; key: string; segments: string[] }
  | { ok: false; reason: string };

// Bytes that have no business in a path of the bundle, raw or percent-encoded: an encoded
// slash or backslash would smuggle a separator past segment checks; NUL truncates C strings.
const ENCODED_SEPARATOR = /%(2f|5c|00)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Turns the path of a request target (as the client sent it, before any URL normalization)
 * into the key a bundle file is stored under, or refuses it: backslashes, encoded slashes,
 * backslashes or NUL, control characters, `.`/`..` segments in any spelling (`%2e%2e`,
 * `.%2E`…) and anything that is not valid percent-encoded UTF-8 (`%c0%ae`, `%zz`).
 */
export function toRouteKey(rawPath: string): PathCheck {
  if (!rawPath.startsWith('/')) return refuse('the path must start with "/"');
  if (rawPath.includes('\\')) return refuse('the path contains a backslash');
  if (ENCODED_SEPARATOR.test(rawPath))
    return refuse('the path contains an encoded slash, backslash or NUL');
  if (CONTROL.test(rawPath)) return refuse('the path contains a control character');
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse('the path is not valid percent-encoded UTF-8');
    }
    if (segment === '.' || segment === '..') return refuse('the path contains a dot segment');
    if (segment.includes('/') || segment.includes('\\') || CONTROL.test(segment))
      return refuse('the path contains an encoded separator or control character');
    segments.push(segment);
  }
  return { ok: true, key: `/${segments.join('/')}`, segments };
}

/**
 * The path of a request target without its query or fragment, unnormalized. Accepts the
 * origin form (`/a/b?x`) and the absolute form (`http://host/a/b`).
 */
export function targetPath(target: string): string {
  let rest = target;
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (authority) rest = rest.slice(authority[0].length) || '/';
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function refuse(reason: string): PathCheck {
  return { ok: false, reason };
}
