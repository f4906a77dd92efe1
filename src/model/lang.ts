import { z } from 'zod';

/** The languages every terms version is written in, in the order documents list them. */
export const LANGS = ['kk', 'ru', 'en'] as const;

/** A document language: Kazakh, Russian or English. */
export const Lang = z.enum(LANGS);
/** A document language: Kazakh, Russian or English. */
export type Lang = z.infer<typeof Lang>;

/** True when `value` names one of the supported languages. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A text given in every language. */
export const Localized = z.strictObject({
  kk: z.string().min(1),
  ru: z.string().min(1),
  en: z.string().min(1),
});
/** A text given in every language. */
export type Localized = z.infer<typeof Localized>;
