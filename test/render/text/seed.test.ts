import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../../src/i18n.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { renderText } from '../../../src/render/text/index.js';
import { realTerms } from '../html/helpers.js';
import { pageTexts, pdfFile } from '../pdf/poppler.js';

// A byte-for-byte copy of the seed (the Kazakh text extracted from the signed PDF), so CI has it.
const SEED = new URL('../../fixtures/seeds/000_04c21a3164ef67d4.txt', import.meta.url);

// Words the PDF extraction of the seed glued together or split; fixed before comparing.
const REPAIRS: [string, string][] = [
  ['ПАЙДАЛАНУШАРТТАРЫ', 'ПАЙДАЛАНУ ШАРТТАРЫ'],
  ['ТАРАПТАРДЫҢЖАУАПКЕРШІЛІГІ', 'ТАРАПТАРДЫҢ ЖАУАПКЕРШІЛІГІ'],
  ['4.1.Қызметтердің', '4.1. Қызметтердің'],
];
const CLAUSE_LINE = /^\d+(\.\d+)*\.\s/;

/** The lines of a table: from the line starting with its first heading to the next clause. */
function tableLines(lines: string[], firstHeading: string): string[] {
  const start = lines.findIndex((l) => l.trim().startsWith(firstHeading));
  if (start < 0) throw new Error(`no table starting with "${firstHeading}"`);
  let end = start + 1;
  while (end < lines.length && !CLAUSE_LINE.test(lines[end] as string)) end++;
  return lines.slice(start, end);
}

/**
 * The words of a text as a reader compares them. Tables read like the seed's, row by row (our
 * "|" between cells aside): the restore-time table, and the compensation table, whose bounds say
 * exactly what the original says ("99,9%-дан жоғары"), no more.
 */
function words(text: string): string[] {
  return (
    text
      .replace(/(\S)-[ \t]*\n\s*(?=\S)/g, '$1-') // "IP-\nмекенжайларды" → "IP-мекенжайларды"
      // List bullets: ours are "•"; the seed's are symbol-font glyphs in the Private Use Area
      // (U+F0B7 in some extractions, U+F12C in this one).
      .replace(/[\ue000-\uf8ff•]/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '' && w !== '|')
  );
}

/** The words of the compensation table of clause 5.8 in a text. */
function tierTableWords(text: string): string[] {
  return words(tableLines(text.split('\n'), labels('kk')('tables.tiers.availability')).join('\n'));
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

  it('has the seed’s words in the seed’s order, both tables included', () => {
    const ours = words(text);
    const theirs = words(seed);
    expect(theirs.length).toBeGreaterThan(800); // the whole text, not a fragment
    // One word a line, so a difference shows as a short, readable diff.
    expect(ours.join('\n')).toBe(theirs.join('\n'));
  });

  it('words the compensation table of 5.8 as the seed does, in the text and in the PDF', async () => {
    const { service, version } = await realTerms();
    const theirs = tierTableWords(seed);
    expect(theirs.join(' ')).toBe(
      'Жалпы қолжетімділік уақыты Өтемақы мөлшері 99,9%-дан жоғары 0% 99,9%-дан төмен, бірақ 99,0%-дан жоғары 5% 99,0%-дан төмен, бірақ 95%-дан жоғары 10% 95,0%-дан төмен 15%',
    );
    expect(tierTableWords(text)).toEqual(theirs);
    // Read back from the printed PDF by poppler, not from our own model.
    const pdf = pageTexts(pdfFile(await renderPdf(service, version, 'kk'))).join('\n');
    expect(tierTableWords(pdf)).toEqual(theirs);
  });
});
