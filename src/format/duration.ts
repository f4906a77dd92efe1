import type { Lang } from '../model/lang.js';
import { INTL_LOCALE } from './locale.js';

/** A duration in the unit the text uses: whole hours as hours (480 → 8 hours), otherwise minutes. */
export function durationUnit(minutes: number): { value: number; unit: 'hour' | 'minute' } {
  return minutes % 60 === 0
    ? { value: minutes / 60, unit: 'hour' }
    : { value: minutes, unit: 'minute' };
}

const cache = new Map<string, Intl.NumberFormat>();

/**
 * Russian words after which a number phrase takes the genitive: "до 24 часов", not "до 24 часа".
 * The author writes the word; the engine declines the value it fills in after it.
 */
const RU_GENITIVE_AFTER = /(?:^|[^\p{L}])(?:до|от|более|менее|свыше|около|течение)\s+$/iu;

// Genitive of the unit: singular after 1, 21, 31… ("до 21 часа"), plural otherwise ("до 24 часов").
const RU_GENITIVE = { hour: ['часа', 'часов'], minute: ['минуты', 'минут'] } as const;
const ruPlural = new Intl.PluralRules('ru');
const ruNumber = new Intl.NumberFormat('ru');

/**
 * `45 минут` / `45 минут` / `45 minutes`; `8 сағат` / `8 часов` / `8 hours`. `before` is the text
 * just before the value in its sentence: in Russian it decides the case ("до 24 часов").
 */
export function formatDuration(minutes: number, lang: Lang, before = ''): string {
  const { value, unit } = durationUnit(minutes);
  if (lang === 'ru' && RU_GENITIVE_AFTER.test(before)) {
    const [one, many] = RU_GENITIVE[unit];
    return `${ruNumber.format(value)} ${ruPlural.select(value) === 'one' ? one : many}`;
  }
  const key = `${lang}:${unit}`;
  let fmt = cache.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'unit', unit, unitDisplay: 'long' });
    cache.set(key, fmt);
  }
  return fmt.format(value);
}
