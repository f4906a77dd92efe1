import type { Element, ElementContent, Properties, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { labels } from '../i18n.js';
import type { ClauseChange, LanguageDiff, RedlineSegment, VersionDiff } from './diff.js';
import { formatValue } from './diff-text.js';

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1rem; margin-bottom: .25rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.text { white-space: pre-wrap; margin: 0 0 1rem; }
del { background: #fdd; color: #900; text-decoration: line-through; }
ins { background: #dfd; color: #060; text-decoration: underline; }
.note { color: #555; font-weight: normal; }
`;

/**
 * A diff as a redline page a lawyer can read: the parameter changes as a table, then per
 * language every changed clause with deletions struck through (`<del>`) and insertions
 * underlined (`<ins>`). Built as a hast tree and serialized by rehype-stringify, so every text
 * from the content is escaped.
 */
export function formatDiffHtml(diff: VersionDiff): string {
  const title = `${diff.service}: ${diff.from.version} → ${diff.to.version}`;
  const main: ElementContent[] = [
    h('h1', {}, [`Changes to the terms of ${title}`]),
    h('p', {}, [
      `From ${diff.from.version} (${diff.from.status}, effective from ${diff.from.effectiveFrom}) to ${diff.to.version} (${diff.to.status}, effective from ${diff.to.effectiveFrom}).`,
    ]),
  ];
  if (diff.identical) main.push(h('p', {}, ['No differences.']));
  else {
    main.push(parametersSection(diff), ...diff.languages.map(languageSection));
  }
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', {}, [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', {}, [`Redline ${title}`]),
          h('style', {}, [STYLE]),
        ]),
        h('body', {}, [h('main', {}, main)]),
      ]),
    ],
  };
  return `${unified().use(rehypeStringify).stringify(tree)}\n`;
}

function parametersSection(diff: VersionDiff): Element {
  if (diff.parameters.length === 0)
    return h('section', { id: 'parameters' }, [
      h('h2', {}, ['Parameters']),
      h('p', {}, ['No changes.']),
    ]);
  const rows = diff.parameters.map((p) =>
    h('tr', {}, [
      h('td', {}, [h('code', {}, [p.path])]),
      h('td', {}, p.change === 'added' ? ['—'] : [h('del', {}, [formatValue(p.from)])]),
      h('td', {}, p.change === 'removed' ? ['—'] : [h('ins', {}, [formatValue(p.to)])]),
    ]),
  );
  return h('section', { id: 'parameters' }, [
    h('h2', {}, ['Parameters']),
    h('table', {}, [
      h('thead', {}, [
        h('tr', {}, [h('th', {}, ['Parameter']), h('th', {}, ['Before']), h('th', {}, ['After'])]),
      ]),
      h('tbody', {}, rows),
    ]),
  ]);
}

function languageSection(lang: LanguageDiff): Element {
  const children: ElementContent[] = [
    h('h2', { lang: lang.lang }, [labels(lang.lang)(`language.${lang.lang}`)]),
  ];
  if (lang.title) children.push(h('h3', {}, ['Title']), text(lang.title.redline));
  if (lang.preamble) children.push(h('h3', {}, ['Preamble']), text(lang.preamble.redline));
  for (const c of lang.clauses) children.push(...clause(lang.lang, c));
  return h('section', { id: `lang-${lang.lang}`, lang: lang.lang }, children);
}

function clause(lang: string, c: ClauseChange): ElementContent[] {
  if (c.type === 'added')
    return [heading(lang, c.to.number, c.id, 'added'), text([{ type: 'added', text: c.to.text }])];
  if (c.type === 'removed')
    return [
      heading(lang, c.from.number, c.id, 'removed'),
      text([{ type: 'removed', text: c.from.text }]),
    ];
  const number = c.from.number === c.to.number ? c.to.number : `${c.from.number} → ${c.to.number}`;
  const notes = [
    c.textChanged ? 'changed' : '',
    c.moved ? 'moved' : '',
    c.renumbered ? 'renumbered' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [heading(lang, number, c.id, notes), text(c.redline)];
}

function heading(lang: string, number: string, id: string, note: string): Element {
  return h('h3', { id: `${lang}-${id}` }, [
    `${number} `,
    h('span', { className: ['note'] }, [`${id} · ${note}`]),
  ]);
}

function text(segments: readonly RedlineSegment[]): Element {
  return h(
    'p',
    { className: ['text'] },
    segments.map((s) =>
      s.type === 'equal' ? s.text : h(s.type === 'added' ? 'ins' : 'del', {}, [s.text]),
    ),
  );
}

function h(
  tagName: string,
  properties: Properties,
  children: (ElementContent | string)[] = [],
): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}
