import type { PhrasingContent, RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import { InputError } from '../diagnostics.js';
import { formatDate } from '../format/date.js';
import { labels } from '../i18n.js';
import {
  type Clause,
  clauseLabel,
  clauseRefLabel,
  flattenClauses,
  type Source,
} from '../model/document.js';
import type { Lang } from '../model/lang.js';
import { type ParameterRef, parameterRefs } from '../model/parameter-refs.js';
import type { Service, TermsVersion } from '../model/terms.js';
import {
  type ParameterContext,
  renderBlockParameter,
  renderInlineParameter,
} from './parameter-nodes.js';

/**
 * Where a clause's number is printed, decided once for every renderer: in a heading with the
 * title (sections and titled clauses), at the start of the first paragraph, or on a line of
 * its own when the clause opens with something else (a table, a list).
 */
export type NumberPlacement = 'heading' | 'first-paragraph' | 'own-line';

/** A clause with every placeholder filled and every cross-reference numbered: plain mdast, ready to print. */
export interface ResolvedClause {
  id: string;
  depth: number;
  number: number[];
  /** `2.1.3.` */
  label: string;
  /** Where the renderers print `label`. */
  placement: NumberPlacement;
  title: PhrasingContent[];
  body: RootContent[];
  children: ResolvedClause[];
  /** Where the clause's heading is in its language file, for errors while rendering it. */
  source: Source;
}

/** One language of one version, resolved: what every renderer (HTML, PDF, text) prints. */
export interface ResolvedDocument {
  lang: Lang;
  /** The language file it comes from (as diagnostics print it): node positions are in it. */
  file: string;
  service: { id: string; name: string };
  version: { id: string; effectiveFrom: string; status: 'draft' | 'published' };
  /** The lines of the title block, in the document's language. */
  heading: {
    title: string;
    service: string;
    version: string;
    effective: string;
    draft: string | undefined;
  };
  /** A one-line summary for footers and PDF metadata. */
  footer: string;
  preamble: RootContent[];
  clauses: ResolvedClause[];
}

/** Resolves one language of a version: fills placeholders, numbers cross-references, builds tables. */
export function resolveDocument(
  service: Service,
  version: TermsVersion,
  lang: Lang,
): ResolvedDocument {
  const doc = version.documents[lang];
  const t = labels(lang);
  const refs = parameterRefs(version.parameters);
  const numbers = new Map(flattenClauses(doc.sections).map((c) => [c.id, c.number] as const));
  const ctx: ParameterContext = { lang, t, labels: doc.labels };
  const resolver = new Resolver(refs, numbers, ctx, doc.file);
  const versionLine = t('title.version', { date: formatDate(version.id, lang) });
  const effectiveLine = t('title.effective', { date: formatDate(version.effectiveFrom, lang) });
  const name = service.names[lang];
  return {
    lang,
    file: doc.file,
    service: { id: service.id, name },
    version: { id: version.id, effectiveFrom: version.effectiveFrom, status: version.status },
    heading: {
      title: plain(doc.title),
      service: t('title.service', { name }).toLocaleUpperCase(lang),
      version: versionLine,
      effective: effectiveLine,
      draft: version.status === 'draft' ? t('title.draft') : undefined,
    },
    footer: t('page.footer', { service: name, version: versionLine, effective: effectiveLine }),
    preamble: resolver.blocks(doc.preamble),
    clauses: doc.sections.map((c) => resolver.clause(c)),
  };
}

/**
 * The lines of the title block in the order every edition prints them: the draft mark (a
 * draft only), the title, the service, the version, the effective date.
 */
export function titleLines(
  doc: ResolvedDocument,
): { role: 'draft' | 'title' | 'service' | 'version' | 'effective'; text: string }[] {
  const { heading } = doc;
  return [
    ...(heading.draft ? [{ role: 'draft' as const, text: heading.draft }] : []),
    { role: 'title', text: heading.title },
    { role: 'service', text: heading.service },
    { role: 'version', text: heading.version },
    { role: 'effective', text: heading.effective },
  ];
}

/**
 * Refuses an edition that names one language twice: the one guard of every renderer, an
 * `InputError` (`bad-parallel`, field `parallel`) the CLI and the server report as bad input.
 */
export function assertEdition(lang: Lang, parallel: Lang | undefined): void {
  if (parallel === lang)
    throw new InputError(
      'bad-parallel',
      `--parallel must name another language than ${lang}, found "${parallel}"`,
      'parallel',
    );
}

/**
 * The error of a renderer meeting a node it has no handler for, naming where the node is:
 * printing it would silently drop content, so rendering stops instead.
 */
export function unknownNodeError(
  renderer: 'HTML' | 'PDF' | 'text',
  node: { type: string; position?: { start: { line: number; column: number } } },
  file: string,
): Error {
  const at = node.position
    ? `${file}:${node.position.start.line}:${node.position.start.column}`
    : file;
  const hint = node.type === 'html' ? ' (raw HTML never reaches a document: run terms check)' : '';
  return new Error(
    `${at}: the ${renderer} renderer has no handler for a "${node.type}" node${hint}`,
  );
}

/** Clause pairs of two languages of one version, in reading order (their trees are checked equal). */
export function alignClauses(
  left: ResolvedDocument,
  right: ResolvedDocument,
): [ResolvedClause, ResolvedClause][] {
  const rights = new Map(flattenResolved(right.clauses).map((c) => [c.id, c] as const));
  return flattenResolved(left.clauses).map((c) => {
    const other = rights.get(c.id);
    if (!other) throw new Error(`clause "${c.id}" is in ${left.lang} but not in ${right.lang}`);
    return [c, other];
  });
}

/** Every resolved clause in reading order. */
export function flattenResolved(clauses: readonly ResolvedClause[]): ResolvedClause[] {
  return clauses.flatMap((c) => [c, ...flattenResolved(c.children)]);
}

class Resolver {
  constructor(
    private readonly refs: Map<string, ParameterRef>,
    private readonly numbers: Map<string, number[]>,
    private readonly ctx: ParameterContext,
    private readonly file: string,
  ) {}

  clause(c: Clause): ResolvedClause {
    const body = this.blocks(c.body);
    return {
      id: c.id,
      depth: c.depth,
      number: c.number,
      label: clauseLabel(c.number),
      placement:
        c.title.length > 0 || c.depth === 1
          ? 'heading'
          : body[0]?.type === 'paragraph'
            ? 'first-paragraph'
            : 'own-line',
      title: this.inline(c.title),
      body,
      children: c.children.map((child) => this.clause(child)),
      source: c.source,
    };
  }

  blocks(nodes: readonly RootContent[]): RootContent[] {
    return nodes.map((node) => {
      if (node.type === 'parameterBlock')
        return renderBlockParameter(this.ref(node.path), this.ctx);
      if (node.type === 'paragraph') return { ...node, children: this.inline(node.children) };
      if ('children' in node) {
        const children = node.children as RootContent[];
        const resolved =
          node.type === 'tableCell'
            ? this.inline(children as PhrasingContent[])
            : this.blocks(children);
        return { ...node, children: resolved } as RootContent;
      }
      return node;
    });
  }

  inline(nodes: readonly PhrasingContent[]): PhrasingContent[] {
    return nodes.map((node, i): PhrasingContent => {
      if (node.type === 'placeholder') {
        const prev = nodes[i - 1];
        const before = prev?.type === 'text' ? prev.value : '';
        return renderInlineParameter(this.ref(node.path), { ...this.ctx, before });
      }
      if (node.type === 'clauseRef') {
        const number = this.numbers.get(node.target);
        if (!number)
          throw new Error(`${this.file}: cross-reference to unknown clause "${node.target}"`);
        return {
          type: 'link',
          url: `#${node.target}`,
          children: [{ type: 'text', value: clauseRefLabel(number) }],
        };
      }
      if ('children' in node)
        return {
          ...node,
          children: this.inline(node.children as PhrasingContent[]),
        } as PhrasingContent;
      return node;
    });
  }

  private ref(path: string): ParameterRef {
    const ref = this.refs.get(path);
    if (!ref) throw new Error(`${this.file}: {{${path}}} is not a parameter of this version`);
    return ref;
  }
}

function plain(nodes: readonly PhrasingContent[]): string {
  return mdToString({ type: 'paragraph', children: [...nodes] }).trim();
}
