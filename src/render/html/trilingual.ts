import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { formatDate } from '../../format/date.js';
import { labels } from '../../i18n.js';
import { LANGS, type Lang } from '../../model/lang.js';

// Pages for readers of every language at once (the index, a service's versions): labels are
// given in all three, each marked with its language; the page itself is Kazakh, the state language.

/** The language of a trilingual page. */
export const PAGE_LANG: Lang = 'kk';

/** The label function of each language. */
export const T = Object.fromEntries(LANGS.map((l) => [l, labels(l)])) as Record<
  Lang,
  ReturnType<typeof labels>
>;

type Label = (t: ReturnType<typeof labels>, lang: Lang) => string;

/** One label in the three languages: `Нұсқа · Редакция · Version`, each marked with its `lang`. */
export function trilingual(label: Label): ElementContent[] {
  return LANGS.flatMap((l, i) => [
    ...(i > 0 ? [text(' · ')] : []),
    h('span', { lang: l }, label(T[l], l)),
  ]);
}

/** One label in the three languages, one a line (`.stack` in the stylesheet). */
export function stacked(label: Label): ElementContent[] {
  return LANGS.flatMap((l, i) => [
    ...(i > 0 ? [text(' ')] : []),
    h('span', { lang: l }, label(T[l], l)),
  ]);
}

/** A date as kk and ru write it (`10.09.2025`), machine-readable in `datetime`. */
export function date(iso: string): ElementContent {
  return h('time', { dateTime: iso }, formatDate(iso, 'kk'));
}

/** A text node. */
export function text(value: string): ElementContent {
  return { type: 'text', value };
}
