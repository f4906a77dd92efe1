import type { Lang } from '../model/lang.js';
import { INTL_LOCALE } from './locale.js';

const cache = new Map<string, Intl.NumberFormat>();

/**
 * A percentage as the language writes it: `99,9%` (kk), `99,9 %` (ru, no-break space), `99.9%` (en).
 * `minimumFractionDigits` keeps bounds like `99,0%` as the text writes them.
 */
export function formatPercent(value: number, lang: Lang, minimumFractionDigits = 0): string {
  const key = `${lang}:${minimumFractionDigits}`;
  let fmt = cache.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(INTL_LOCALE[lang], {
      style: 'percent',
      minimumFractionDigits,
      maximumFractionDigits: 4,
    });
    cache.set(key, fmt);
  }
  // Intl multiplies by 100 in binary floating point; scaling by a decimal string avoids 99.9 → 0.9990000000000001.
  return fmt.format(Number(`${value}e-2`));
}
