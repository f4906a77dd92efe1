import type { TFunction } from 'i18next';
import type { List, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import { emailHref, formatPhone, phoneHref, telegramHref } from '../format/contact.js';
import { formatDuration } from '../format/duration.js';
import { formatPercent } from '../format/percent.js';
import type { Lang } from '../model/lang.js';
import type { ParameterKind, ParameterRef } from '../model/parameter-refs.js';
import {
  type CompensationTier,
  LAYERS,
  type Responsibility,
  type RestoreTime,
} from '../model/parameters.js';
import type { DocumentLabels } from '../model/version.js';
import { describeRange } from './bounds.js';

/** What rendering a parameter needs besides the parameter: the language, its labels, the file's front matter. */
export interface ParameterContext {
  lang: Lang;
  t: TFunction;
  labels: DocumentLabels;
  /** The text just before an inline value in its paragraph (Russian declines a duration after "до"). */
  before?: string;
}

type InlineHandler = (value: never, ctx: ParameterContext) => PhrasingContent[];
type BlockHandler = (value: never, ctx: ParameterContext) => Table | List;

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const link = (url: string, value: string): PhrasingContent => ({
  type: 'link',
  url,
  children: [text(value)],
});

/** One handler per inline parameter kind: how `{{path}}` reads in prose. */
const INLINE: Partial<Record<ParameterKind, InlineHandler>> = {
  percent: (v: number, { lang }) => [text(formatPercent(v, lang))],
  duration: (v: number, { lang, before }) => [text(formatDuration(v, lang, before))],
  telegram: (v: string) => [link(telegramHref(v), v)],
  phone: (v: string) => [link(phoneHref(v), formatPhone(v))],
  email: (v: string) => [link(emailHref(v), v)],
  web: (v: string) => [link(v, v)],
  supportHours: (v: string, { t }) => [text(t(`supportHours.${v}`))],
};

/** One handler per block parameter kind: the generated tables and lists. */
const BLOCK: Partial<Record<ParameterKind, BlockHandler>> = {
  restoreTable: (rows: RestoreTime[], { lang, t, labels }) =>
    table(
      [t('tables.restore.method'), t('tables.restore.time')],
      rows.map((r) => [labels.restoreTimes[r.id] ?? r.id, formatDuration(r.withinMinutes, lang)]),
    ),
  tierTable: (tiers: CompensationTier[], { lang, t }) =>
    table(
      [t('tables.tiers.availability'), t('tables.tiers.credit')],
      [...tiers]
        .sort((a, b) => b.availabilityPercent.max - a.availabilityPercent.max)
        .map((tier) => [
          describeRange(tier.availabilityPercent, lang, t),
          formatPercent(tier.creditPercent, lang),
        ]),
    ),
  responsibilityList: (matrix: Responsibility, { t }) => ({
    type: 'list',
    ordered: false,
    spread: false,
    children: LAYERS.map((layer) => ({
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [text(`${t(`layers.${layer}`)} – ${t(`parties.${matrix[layer]}`)}`)],
        },
      ],
    })),
  }),
};

/** A parameter written inline, wrapped so renderers can mark it (`data-param` in HTML). */
export function renderInlineParameter(ref: ParameterRef, ctx: ParameterContext): PhrasingContent {
  const handler = INLINE[ref.kind];
  if (!handler)
    throw new Error(`{{${ref.path}}} is a ${ref.kind} and cannot stand inside a sentence`);
  return { type: 'parameterValue', path: ref.path, children: handler(ref.value as never, ctx) };
}

/** A parameter standing alone in its paragraph: a generated table or list, or a paragraph with the value. */
export function renderBlockParameter(ref: ParameterRef, ctx: ParameterContext): RootContent {
  const handler = BLOCK[ref.kind];
  if (handler) {
    const node = handler(ref.value as never, ctx);
    node.data = { ...node.data, parameter: ref.path };
    return node;
  }
  return { type: 'paragraph', children: [renderInlineParameter(ref, ctx)] };
}

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: [text(c)] })),
  });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header), ...rows.map(row)],
  };
}
