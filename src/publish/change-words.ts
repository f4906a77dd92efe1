import type { TFunction } from 'i18next';
import { formatPhone } from '../format/contact.js';
import { formatDuration } from '../format/duration.js';
import { formatPercent } from '../format/percent.js';
import { labels } from '../i18n.js';
import type { Lang } from '../model/lang.js';
import { CHANNEL_TYPES, type Channel, LAYERS, type Parameters } from '../model/parameters.js';
import type { TermsVersion } from '../model/terms.js';
import { describeRange } from '../render/bounds.js';
import { diffParameters } from './params-diff.js';

/** One rule of the terms that changed, in words a customer reads: "Guaranteed availability: 99.9% → 99.95%". */
export interface ParameterStatement {
  /** What the rule is about, in the page's language. */
  label: string;
  /** How the earlier version states it (empty when the rule is new). */
  from: string[];
  /** How this version states it (empty when the rule is gone). */
  to: string[];
}

/** How one side words a topic: its lines, or none when the version does not have it. */
type Wording = (p: Parameters, version: TermsVersion, ctx: Context) => string[];

interface Context {
  lang: Lang;
  t: TFunction;
}

/** A subject of the rules, the parameter paths it covers, and how a version words it. */
interface Topic {
  label: (ctx: Context) => string;
  /** Parameter paths (as `diffParameters` names them) this topic states; a prefix covers its children. */
  covers: string[];
  words: Wording;
}

const pct = (v: number, { lang }: Context) => formatPercent(v, lang);

/** The topics a customer is told about, in the order the terms state them. */
function topics(from: Parameters, to: Parameters): Topic[] {
  const restoreIds = union(from.sla.restoreTimes, to.sla.restoreTimes, (r) => r.id);
  const channelTypes = CHANNEL_TYPES.filter((type) =>
    [...from.support.channels, ...to.support.channels].some((c) => c.type === type),
  );
  return [
    {
      label: ({ t }) => t('params.availabilityTarget'),
      covers: ['sla.availabilityTargetPercent'],
      words: (p, _, ctx) => [pct(p.sla.availabilityTargetPercent, ctx)],
    },
    ...restoreIds.map(
      (id): Topic => ({
        label: ({ t }) => t('tables.restore.label'),
        covers: [`sla.restoreTimes.${id}`],
        words: (p, version, { lang }) => {
          const r = p.sla.restoreTimes.find((x) => x.id === id);
          if (!r) return [];
          const method = version.documents[lang].labels.restoreTimes[id] ?? id;
          return [`${method}: ${formatDuration(r.withinMinutes, lang)}`];
        },
      }),
    ),
    {
      label: ({ t }) => t('tables.tiers.label'),
      covers: ['sla.compensationTiers'],
      words: (p, _, ctx) =>
        [...p.sla.compensationTiers]
          .sort((a, b) => b.availabilityPercent.max - a.availabilityPercent.max)
          .map(
            (tier) =>
              `${describeRange(tier.availabilityPercent, ctx.lang, ctx.t)} — ${pct(tier.creditPercent, ctx)}`,
          ),
    },
    {
      label: ({ t }) => t('params.compensationCap'),
      covers: ['sla.compensationCapPercentOfMonthlyFee'],
      words: (p, _, ctx) => [pct(p.sla.compensationCapPercentOfMonthlyFee, ctx)],
    },
    {
      label: ({ t }) => t('params.compensationForm'),
      covers: ['sla.compensationForm'],
      words: (p, _, { t }) => [t(`compensationForms.${p.sla.compensationForm}`)],
    },
    {
      label: ({ t }) => t('params.excludedCauses'),
      covers: ['sla.excludedCauses'],
      words: (p, _, { t }) => p.sla.excludedCauses.map((c) => t(`causes.${c}`)),
    },
    {
      label: ({ t }) => t('params.dataLossCredit'),
      covers: ['sla.dataLossCreditPercent'],
      words: (p, _, ctx) => [pct(p.sla.dataLossCreditPercent, ctx)],
    },
    {
      label: ({ t }) => t('params.supportHours'),
      covers: ['support.hours'],
      words: (p, _, { t }) => [t(`supportHours.${p.support.hours}`)],
    },
    ...channelTypes.map(
      (type): Topic => ({
        label: ({ t }) => t('params.channel', { channel: t(`channels.${type}`) }),
        covers: [`support.channels.${type}`],
        words: (p, _, ctx) => {
          const c = p.support.channels.find((x) => x.type === type);
          return c ? [channelWords(c, ctx)] : [];
        },
      }),
    ),
    ...LAYERS.map(
      (layer): Topic => ({
        label: ({ t }) => `${t('tables.responsibility.party')}: ${t(`layers.${layer}`)}`,
        covers: [`responsibility.${layer}`],
        words: (p, _, { t }) => [t(`parties.${p.responsibility[layer]}`)],
      }),
    ),
    {
      label: ({ t }) => t('params.prohibitedUses'),
      covers: ['prohibitedUses'],
      words: (p, _, { t }) => p.prohibitedUses.map((u) => t(`prohibitedUses.${u}`)),
    },
  ];
}

/**
 * The rules that differ between two versions, worded in `lang` as a customer reads them, in
 * the order the terms state them. Every parameter change is covered: one a topic does not
 * word (a new kind of parameter) is listed by its path and values rather than left out.
 */
export function describeParameterChanges(
  from: TermsVersion,
  to: TermsVersion,
  lang: Lang,
): ParameterStatement[] {
  const ctx: Context = { lang, t: labels(lang) };
  const list = topics(from.parameters, to.parameters);
  const out: ParameterStatement[] = [];
  for (const topic of list) {
    const before = topic.words(from.parameters, from, ctx);
    const after = topic.words(to.parameters, to, ctx);
    if (before.join('\n') !== after.join('\n'))
      out.push({ label: topic.label(ctx), from: before, to: after });
  }
  const worded = list.flatMap((topic) => topic.covers);
  const covered = (path: string) =>
    worded.some((c) => path === c || path.startsWith(`${c}.`) || path.startsWith(`${c}[`));
  for (const change of diffParameters(from.parameters, to.parameters))
    if (!covered(change.path))
      out.push({
        label: `${ctx.t('params.other')}: ${change.path}`,
        from: change.change === 'added' ? [] : [JSON.stringify(change.from)],
        to: change.change === 'removed' ? [] : [JSON.stringify(change.to)],
      });
  return out;
}

function channelWords(c: Channel, { lang, t }: Context): string {
  const address = c.type === 'phone' && c.address ? formatPhone(c.address) : c.address;
  const response =
    c.responseMinutes === undefined
      ? undefined
      : t('params.responseTime', { time: formatDuration(c.responseMinutes, lang) });
  return [address, response].filter((x) => x !== undefined).join(', ') || t('params.available');
}

function union<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): string[] {
  return [...new Set([...a.map(key), ...b.map(key)])];
}
