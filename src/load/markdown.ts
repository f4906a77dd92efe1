import type { Heading, PhrasingContent, Root, RootContent, Text } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { type Code, type Diagnostic, diagnostic, type Point, pointOf } from '../diagnostics.js';
import type { Clause, TermsDocument } from '../model/document.js';
import type { Lang } from '../model/lang.js';
import { DocumentLabels } from '../model/version.js';
import { type InlineContext, inlineContext, parseInline } from './inline.js';
import { checkTreeLimits, scanMarkdown } from './markdown-limits.js';
import { parseYaml, validateYaml } from './yaml.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

const ID_SUFFIX = /\s*\{#([^{}]*)\}\s*$/;
const ID = /^[a-z][a-z0-9-]*$/;

/** Block nodes a clause body may hold; anything else is reported, never silently dropped. */
const BLOCKS = new Set([
  'paragraph',
  'list',
  'table',
  'blockquote',
  'parameterBlock',
  'thematicBreak',
]);

/**
 * Parses one language file into its clause tree, collecting every problem on the way. No
 * document when the raw text is past a limit that makes parsing too costly to attempt.
 */
export function parseTermsMarkdown(
  text: string,
  file: string,
  lang: Lang,
): { document: TermsDocument | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const document: TermsDocument = {
    lang,
    file,
    title: [],
    preamble: [],
    sections: [],
    labels: { restoreTimes: {} },
  };
  // What would make parsing itself too costly is checked on the raw text first.
  const scan = scanMarkdown(text, file);
  diagnostics.push(...scan.diagnostics);
  if (!scan.parse) return { document: undefined, diagnostics };
  const ctx = inlineContext(text, file, diagnostics);
  const tree = parser.parse(text) as Root;
  diagnostics.push(...checkTreeLimits(tree, file));
  const at = pointOf;
  const report = (code: Code, message: string, point: Point) =>
    diagnostics.push(diagnostic(code, message, { file, at: point }));

  const open: Clause[] = []; // open[d-1] is the innermost open clause at depth d
  let titleSeen = false;

  for (const node of tree.children) {
    if (node.type === 'yaml') {
      const start = { line: (node.position?.start.line ?? 1) + 1, column: 1 };
      const parsed = parseYaml(node.value, file, start);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.source) {
        const valid = validateYaml(parsed.source, DocumentLabels);
        diagnostics.push(...valid.diagnostics);
        if (valid.value) document.labels = valid.value;
      }
      continue;
    }
    if (node.type === 'heading') {
      if (node.depth === 1) {
        if (titleSeen || document.sections.length > 0)
          report(
            'heading-title',
            'the title (`# …`) must come once, before every section',
            at(node),
          );
        titleSeen = true;
        document.title = parseInline(node.children, ctx);
        continue;
      }
      if (node.depth > 4) {
        report(
          'heading-depth',
          `heading level ${node.depth} is not used: ## section, ### clause, #### sub-clause`,
          at(node),
        );
        continue;
      }
      const clause = clauseFromHeading(node, ctx, report, at);
      const depth = node.depth - 1;
      if (depth > 1 && !open[depth - 2]) {
        report(
          'heading-depth',
          `a ${'#'.repeat(node.depth)} clause needs a ${'#'.repeat(node.depth - 1)} parent before it`,
          at(node),
        );
        continue;
      }
      const siblings = depth === 1 ? document.sections : (open[depth - 2] as Clause).children;
      const parentNumber = depth === 1 ? [] : (open[depth - 2] as Clause).number;
      clause.number = [...parentNumber, siblings.length + 1];
      siblings.push(clause);
      open.length = depth - 1;
      open.push(clause);
      continue;
    }
    const target = open[open.length - 1];
    const blocks = target ? target.body : document.preamble;
    if (node.type === 'html') {
      report('raw-html', 'raw HTML is not allowed in terms; write Markdown', at(node));
      continue;
    }
    if (node.type === 'paragraph' && isAlonePlaceholder(node.children)) {
      const path = placeholderPath(node.children);
      blocks.push({ type: 'parameterBlock', path, position: node.position });
      continue;
    }
    if (!BLOCKS.has(node.type)) {
      report('unsupported-node', `${describe(node.type)} is not supported in terms`, at(node));
      continue;
    }
    blocks.push(parseBlock(node, ctx));
  }
  if (!titleSeen)
    report('heading-title', 'the document has no title (`# …` line)', { line: 1, column: 1 });
  return { document, diagnostics };
}

function clauseFromHeading(
  node: Heading,
  ctx: InlineContext,
  report: (code: Code, message: string, point: Point) => void,
  at: (n: Heading) => Point,
): Clause {
  const children = [...node.children];
  const last = children[children.length - 1];
  let id = '';
  if (last?.type === 'text' && ID_SUFFIX.test(last.value)) {
    const match = ID_SUFFIX.exec(last.value) as RegExpExecArray;
    id = (match[1] ?? '').trim();
    const rest = last.value.slice(0, match.index);
    if (rest) children[children.length - 1] = { ...last, value: rest } satisfies Text;
    else children.pop();
    if (!ID.test(id))
      report(
        'bad-id',
        `clause id "${id}" must be lower-case letters, digits and hyphens, starting with a letter`,
        at(node),
      );
  } else {
    report(
      'missing-id',
      'a section or clause heading must end with its id, e.g. `### {#ordering}`',
      at(node),
    );
  }
  return {
    id,
    depth: node.depth - 1,
    number: [],
    title: parseInline(children as PhrasingContent[], ctx),
    body: [],
    children: [],
    source: { file: ctx.file, ...at(node) },
  };
}

function isAlonePlaceholder(children: PhrasingContent[]): boolean {
  return (
    children.length === 1 &&
    children[0]?.type === 'text' &&
    /^\s*\{\{[^{}]+\}\}\s*$/.test(children[0].value)
  );
}

function placeholderPath(children: PhrasingContent[]): string {
  const value = (children[0] as Text).value;
  return value.trim().slice(2, -2).trim();
}

function parseBlock(node: RootContent, ctx: InlineContext): RootContent {
  if ('children' in node && node.type === 'paragraph')
    return { ...node, children: parseInline(node.children, ctx) };
  if ('children' in node) {
    const children = (node.children as RootContent[]).map((child) => {
      if (child.type === 'html') {
        ctx.diagnostics.push(
          diagnostic('raw-html', 'raw HTML is not allowed in terms; write Markdown', {
            file: ctx.file,
            node: child,
          }),
        );
        return undefined;
      }
      if (child.type === 'tableCell')
        return { ...child, children: parseInline(child.children, ctx) };
      return parseBlock(child, ctx);
    });
    return { ...node, children: children.filter((c) => c !== undefined) } as RootContent;
  }
  return node;
}

function describe(type: string): string {
  const names: Record<string, string> = {
    code: 'a code block',
    image: 'an image',
    definition: 'a link definition',
    footnoteDefinition: 'a footnote',
    heading: 'this heading',
  };
  return names[type] ?? `a "${type}" node`;
}
