/**
 * The URL schemes a terms document may link to, in every output: the web, e-mail and phone.
 * Anything else (javascript:, data:, relative paths) is refused by `check` and never printed
 * as a link; `[](#clause-id)` cross-references are not URLs and are handled apart.
 */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto', 'tel'] as const;

const SAFE = new RegExp(
  `^(${LINK_PROTOCOLS.map((p) => (p.startsWith('http') ? `${p}://` : `${p}:`)).join('|')})`,
  'i',
);

/** True when a link target uses one of `LINK_PROTOCOLS` (`https://…`, `mailto:…`, `tel:…`). */
export function isSafeUrl(url: string): boolean {
  return SAFE.test(url);
}
