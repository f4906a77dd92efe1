import { h } from 'hastscript';
import { EDITIONS, type Edition } from '../bundle/layout.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Service } from '../model/terms.js';
import { neighboursOf } from '../model/timeline.js';
import { renderPage } from '../render/html/template.js';
import { type BarLink, previewBar, type previewExtra } from './chrome.js';
import type { Snapshot, VersionState } from './workspace.js';

/** The published version a version's changes page compares it with (never a draft). */
export function previousOf(good: Snapshot) {
  const previous = neighboursOf(good.service, good.version).previous;
  return previous && good.service.versions.find((v) => v.id === previous.version);
}

/** What a service's page shows of its versions, for its cache key. */
export function versionsData(service: Service): unknown {
  return service.versions.map((v) => [v.id, v.status, v.effectiveFrom]);
}

/** Errors and warnings of a list. */
export function counts(list: readonly Diagnostic[]): [number, number] {
  const errors = list.filter((d) => d.severity === 'error').length;
  return [errors, list.length - errors];
}

/** Preview's bar on a version's page: its status and every view of it. */
export function versionBar(
  state: VersionState,
  edition: Edition,
  kind: 'document' | 'changes',
  good: Snapshot | undefined,
  from: string | undefined,
) {
  const status = good?.version.status ?? 'not loaded';
  const base = `/terms/${state.service}/${state.id}`;
  const editions: BarLink[] = EDITIONS.map((e) => ({
    href: `${base}/${e.key}.html`,
    text: e.parallel ? `${e.lang}|${e.parallel}` : e.lang,
    current: kind === 'document' && e.key === edition.key,
  }));
  const views: BarLink[] = [
    { href: `${base}/${edition.key}.pdf`, text: `PDF (${edition.key})` },
    {
      href: `${base}/changes/${edition.key}.html`,
      text: from ? `Changes against ${from}` : 'Changes',
      current: kind === 'changes',
    },
    { href: `/terms/${state.service}/`, text: 'All versions' },
    { href: '/', text: 'Index' },
  ];
  return previewBar(`${state.key} · ${status}`, [editions, views]);
}

/** A page with preview's parts and a message, for what has no render of its own. */
export function bare(
  title: string,
  extra: ReturnType<typeof previewExtra>,
  message: string,
): string {
  return renderPage({
    lang: 'en',
    title: `${title} · terms preview`,
    skip: [{ type: 'text', value: 'Skip to content' }],
    header: [],
    main: [h('h1', title), h('p', message)],
    footer: [],
    extra,
  });
}
