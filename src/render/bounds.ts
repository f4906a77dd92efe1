import type { TFunction } from 'i18next';
import { formatPercent } from '../format/percent.js';
import type { Lang } from '../model/lang.js';
import type { PercentRange } from '../model/parameters.js';

/**
 * The wording of an availability interval as the compensation table states it:
 * (99.0, 99.9) → "99,9%-дан төмен, бірақ 99,0%-дан жоғары" / "Below 99.9% but above 99.0%".
 * A closed end says "and above" / "and below", so the table shows exactly what the parameters
 * decide, unless it is marked as not stated by the text (`minStated`/`maxStated: false`): then it
 * says "above" / "below" as the text does, and the reading at the bound stays in the parameters.
 * Each bound prints with the decimals the text gives it (`minDecimals`/`maxDecimals`, default 1).
 */
export function describeRange(range: PercentRange, lang: Lang, t: TFunction): string {
  const pct = (v: number, decimals: number | undefined) => formatPercent(v, lang, decimals ?? 1);
  const min = pct(range.min, range.minDecimals);
  const max = pct(range.max, range.maxDecimals);
  const lowerOpen = range.min === 0 && range.minInclusive;
  const upperOpen = range.max === 100 && range.maxInclusive;
  if (range.min === range.max) return capitalize(t('bounds.exactly', { value: min }), lang);
  const lower =
    range.minInclusive && range.minStated !== false
      ? t('bounds.atLeast', { value: min })
      : t('bounds.above', { value: min });
  const upper =
    range.maxInclusive && range.maxStated !== false
      ? t('bounds.atMost', { value: max })
      : t('bounds.below', { value: max });
  if (lowerOpen && upperOpen) return capitalize(t('bounds.any'), lang);
  if (lowerOpen) return capitalize(upper, lang);
  if (upperOpen) return capitalize(lower, lang);
  return capitalize(t('bounds.between', { upper, lower }), lang);
}

/** A table cell starts with a capital letter ("Ниже 99,9 %…", "Below 99.9%…"); a number stays as it is. */
function capitalize(cell: string, lang: Lang): string {
  const first = cell.slice(0, 1);
  return first.toLocaleUpperCase(lang) + cell.slice(1);
}
