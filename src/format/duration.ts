import type { Lang } from '../model/lang.js';
import { INTL_LOCALE } from './locale.js';

/** A duration in the unit the text uses: whole hours as hours (480 → 8 hours), otherwise minutes. */
export function durationUnit(minutes: number): { value: number; unit: 'hour' | 'minute' } {
  return minutes % 60 === 0
    ? { value: minutes / 60, unit: 'hour' }
    : { value: minutes, unit: 'minute' };
}

const cache = new Map<string, Intl.NumberFormat>();

/** `45 минут` / `45 минут` / `45 minutes`; `8 сағат` / `8 часов` / `8 hours`. */
export function formatDuration(minutes: number, lang: Lang): string {
  const { value, unit } = durationUnit(minutes);
  const key = `${lang}:${unit}`;
  let fmt = cache.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'unit', unit, unitDisplay: 'long' });
    cache.set(key, fmt);
  }
  return fmt.format(value);
}
