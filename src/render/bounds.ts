import type { TFunction } from 'i18next';
import { formatPercent } from '../format/percent.js';
import type { Lang } from '../model/lang.js';
import type { PercentRange } from '../model/parameters.js';

/**
 * The wording of an availability interval as the compensation table states it:
 * (99.0, 99.9) → "99,9%-дан төмен, бірақ 99,0%-дан жоғары" / "below 99.9% but above 99.0%".
 * Closed ends say "and above" / "and below", so the table shows exactly what the parameters decide.
 */
export function describeRange(range: PercentRange, lang: Lang, t: TFunction): string {
  const pct = (v: number) => formatPercent(v, lang, 1);
  const lowerOpen = range.min === 0 && range.minInclusive;
  const upperOpen = range.max === 100 && range.maxInclusive;
  if (range.min === range.max) return t('bounds.exactly', { value: pct(range.min) });
  const lower = range.minInclusive
    ? t('bounds.atLeast', { value: pct(range.min) })
    : t('bounds.above', { value: pct(range.min) });
  const upper = range.maxInclusive
    ? t('bounds.atMost', { value: pct(range.max) })
    : t('bounds.below', { value: pct(range.max) });
  if (lowerOpen && upperOpen) return t('bounds.any');
  if (lowerOpen) return upper;
  if (upperOpen) return lower;
  return t('bounds.between', { upper, lower });
}
