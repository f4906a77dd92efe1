import { LANGS, type Lang } from './lang.js';

/** `terms/<service>/service.yaml`: the service's id, time zone and names. */
export const SERVICE_FILE = 'service.yaml';
/** `terms/<service>/<version>/version.yaml`: effective date, status and parameters. */
export const VERSION_FILE = 'version.yaml';
/** `terms/<service>/<version>/lock.json`: the freeze lock written by `terms publish`. */
export const LOCK_FILE = 'lock.json';

/** The clause text of one language: `kk.md`, `ru.md`, `en.md`. */
export function languageFile(lang: Lang): string {
  return `${lang}.md`;
}

/** The files a version folder is made of (its sources), in the order a lock lists them. */
export const SOURCE_FILES: readonly string[] = [VERSION_FILE, ...LANGS.map(languageFile)].sort();

/** Every file a version folder may hold; anything else is reported as unknown. */
export const VERSION_FOLDER_FILES: ReadonlySet<string> = new Set([...SOURCE_FILES, LOCK_FILE]);
