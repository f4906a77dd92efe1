import type { Lang } from '../model/lang.js';

/** The Intl locale each document language is formatted in. */
export const INTL_LOCALE: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
