import type { TFunction } from 'i18next';
import type { Content } from 'pdfmake/interfaces.js';

/** Stands for the current page number in a footer of a document definition; the printer fills it. */
export const PAGE_TOKEN = '{{page}}';
/** Stands for the page count in a footer of a document definition; the printer fills it. */
export const PAGES_TOKEN = '{{pages}}';

/** The localized page-number line with tokens for the numbers: `Бет {{page}} / {{pages}}`. */
export function pageNumberTemplate(t: TFunction): string {
  // i18next does not interpolate inside interpolated values, so the tokens come back as written.
  const line = t('page.number', { page: PAGE_TOKEN, pages: PAGES_TOKEN });
  if (!line.includes(PAGE_TOKEN) || !line.includes(PAGES_TOKEN))
    throw new Error(`the "page.number" label must contain {{page}} and {{pages}}, found "${line}"`);
  return line;
}

/** Replaces the page tokens in every string of `content` (a copy; the input is left as it is). */
export function fillPageNumbers(content: Content, page: number, pages: number): Content {
  return fill(content, (s) =>
    s.replaceAll(PAGE_TOKEN, String(page)).replaceAll(PAGES_TOKEN, String(pages)),
  ) as Content;
}

function fill(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => fill(v, replace));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, replace)]));
  return value;
}
