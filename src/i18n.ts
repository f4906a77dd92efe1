import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { LANGS, type Lang } from './model/lang.js';

/** The folder of i18next resources, `locales/<lang>/translation.json` at the package root. */
export const LOCALES_DIR = new URL('../locales/', import.meta.url);

function loadResources() {
  return Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      {
        translation: JSON.parse(
          readFileSync(new URL(`${lang}/translation.json`, LOCALES_DIR), 'utf8'),
        ) as object,
      },
    ]),
  );
}

// Loaded once per process: labels are static resources shipped with the package.
const i18n = i18next.createInstance();
void i18n.init({
  resources: loadResources(),
  lng: 'kk',
  fallbackLng: false,
  supportedLngs: [...LANGS],
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  // The renderers escape for HTML and PDF themselves; i18next returns plain text.
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

/** The label function of one language. A missing key is an error, not a silently printed key. */
export function labels(lang: Lang): TFunction {
  const t = i18n.getFixedT(lang);
  return ((key: string, options?: Record<string, unknown>) => {
    if (!i18n.exists(key, { lng: lang }))
      throw new Error(`locales/${lang}/translation.json has no key "${key}"`);
    return t(key, options);
  }) as TFunction;
}
