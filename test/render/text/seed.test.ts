import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../../src/i18n.js';
import { renderText } from '../../../src/render/text/index.js';
import { realTerms } from '../html/helpers.js';

// A byte-for-byte copy of the seed (the Kazakh text extracted from the signed PDF), so CI has it.
const SEED = new URL('../../fixtures/seeds/000_04c21a3164ef67d4.txt', import.meta.url);

// Words the PDF extraction of the seed glued together or split; fixed before comparing.
const REPAIRS: [string, string][] = [
  ['ПАЙДАЛАНУШАРТТАРЫ', 'ПАЙДАЛАНУ ШАРТТАРЫ'],
  ['ТАРАПТАРДЫҢЖАУАПКЕРШІЛІГІ', 'ТАРАПТАРДЫҢ ЖАУАПКЕРШІЛІГІ'],
  ['4.1.Қызметтердің', '4.1. Қызметтердің'],
];
const CLAUSE_LINE = /^\d+(\.\d+)*\.\s/;

/** Drops the lines of a table: from the line starting with its first heading to the next clause. */
function dropTable(lines: string[], firstHeading: string): string[] {
  const start = lines.findIndex((l) => l.trim().startsWith(firstHeading));
  if (start < 0) throw new Error(`no table starting with "${firstHeading}"`);
  let end = start + 1;
  while (end < lines.length && !CLAUSE_LINE.test(lines[end] as string)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)];
}

/**
 * The words of a text as a reader compares them. The restore-time table reads like the seed's,
 * row by row (our "|" between cells aside); the compensation table is left out: its bounds are
 * generated wording that says what happens at exactly 99,9 / 99,0 / 95,0 %, which the seed does not.
 */
function words(text: string): string[] {
  const t = labels('kk');
  const lines = dropTable(text.split('\n'), t('tables.tiers.availability'));
  return (
    lines
      .join('\n')
      .replace(/(\S)-[ \t]*\n\s*(?=\S)/g, '$1-') // "IP-\nмекенжайларды" → "IP-мекенжайларды"
      // List bullets: ours are "•"; the seed's are symbol-font glyphs in the Private Use Area
      // (U+F0B7 in some extractions, U+F12C in this one).
      .replace(/[\ue000-\uf8ff•]/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '' && w !== '|')
  );
}

function repaired(seed: string): string {
  return REPAIRS.reduce((text, [from, to]) => text.split(from).join(to), seed);
}

describe('kk plain text against the seed', () => {
  let seed: string;
  let text: string;

  beforeAll(async () => {
    const { service, version } = await realTerms();
    seed = repaired(await readFile(SEED, 'utf8'));
    text = renderText(service, version, 'kk');
  });

  it('opens with the same title block', () => {
    const seedLines = seed
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    expect(text.split('\n').slice(0, 4)).toEqual(seedLines.slice(0, 4));
    expect(seedLines.slice(0, 4)).toEqual([
      'ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ',
      '«БӨЛІНГЕН ЕСЕПТЕУ ОРТАСЫ» ҚЫЗМЕТІ',
      '10.09.2025 ж. нұсқасы',
      '10.09.2025 ж. бастап күшіне енеді',
    ]);
  });

  it('has the seed’s words in the seed’s order, the restore-time table included', () => {
    const ours = words(text);
    const theirs = words(seed);
    expect(theirs.length).toBeGreaterThan(800); // the whole text, not a fragment
    // One word a line, so a difference shows as a short, readable diff.
    expect(ours.join('\n')).toBe(theirs.join('\n'));
  });
});
