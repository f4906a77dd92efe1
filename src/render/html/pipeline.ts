import type { ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { LINK_PROTOCOLS } from '../../model/links.js';
import { unknownNodeError } from '../resolve.js';
import type { ContentRoot } from './content.js';
import { HANDLERS, UnhandledNode, unknownHandler } from './handlers.js';

const attributes = defaultSchema.attributes ?? {};
const protocols = defaultSchema.protocols ?? {};

/**
 * GitHub's schema, widened only by what our own handlers generate: clause ids kept as written
 * (no `user-content-` prefix, so `#3-1`-style links and anchors match), the classes and
 * `data-param` of generated markup, `lang` cells; links only with `LINK_PROTOCOLS`.
 */
export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...attributes,
    span: [...(attributes.span ?? []), 'dataParam', ['className', 'clause-number']],
    div: [
      ...(attributes.div ?? []),
      ['className', 'clause-2', 'clause-3', 'row', 'section-row', 'cell'],
    ],
    table: [...(attributes.table ?? []), 'dataParam'],
    ul: [...(attributes.ul ?? []), 'dataParam'],
  },
  // The same schemes `check` allows, and nothing else (GitHub's schema also has irc: and xmpp:).
  protocols: { ...protocols, href: [...LINK_PROTOCOLS] },
};

// remark-rehype without allowDangerousHtml: raw HTML cannot even become a `raw` node.
const processor = unified()
  .use(remarkRehype, { handlers: HANDLERS, unknownHandler })
  .use(rehypeSanitize, SANITIZE_SCHEMA);

/**
 * Turns content mdast into sanitized hast children, ready to place in the page. `file` is the
 * language file the tree comes from (or the files, for a bilingual tree), named when a node
 * has no handler.
 */
export function toSafeHast(tree: ContentRoot, file: string): ElementContent[] {
  let out: HastRoot;
  try {
    out = processor.runSync(tree as Root) as HastRoot;
  } catch (err) {
    if (err instanceof UnhandledNode) throw unknownNodeError('HTML', err.node, file);
    throw err;
  }
  return out.children.filter((c): c is ElementContent => c.type !== 'doctype');
}
