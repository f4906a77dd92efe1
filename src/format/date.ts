import type { Lang } from '../model/lang.js';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A calendar date as a contract in the language writes it: `10.09.2025` in kk and ru (the kk
 * text adds `ж.` itself), `10 September 2025` in en. Pure string work: no time zone can shift it.
 */
export function formatDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-');
  if (lang === 'en') return `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
  return `${d}.${m}.${y}`;
}
