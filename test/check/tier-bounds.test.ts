import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/model/lang.js';
import { findService, findVersion } from '../../src/model/timeline.js';
import { inspectTerms, openTerms } from '../../src/open.js';
import { renderText } from '../../src/render/text/index.js';
import { toRules } from '../../src/rules/rules.js';
import { fixture } from '../helpers/terms.js';

/** The rows of the compensation table of a fixture version, as the plain text prints them. */
async function tierRows(tree: string, versionId: string, lang: Lang): Promise<string[]> {
  const terms = await openTerms(fixture('terms', tree), { drafts: true });
  const service = findService(terms, 'mini');
  const lines = renderText(service, findVersion(service, versionId), lang).split('\n');
  const at = lines.findIndex((l) =>
    /^(Жалпы қолжетімділік|Общее время|Total availability)/.test(l),
  );
  return lines.slice(at + 1, at + 5);
}

describe('tier bounds the text does not state', () => {
  it('warns once per bound, naming the value and what the parameters give there', async () => {
    const root = fixture('terms', 'unstated-bounds');
    const { diagnostics } = await inspectTerms(root, { cwd: root });
    expect(
      diagnostics.map(
        (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`,
      ),
    ).toEqual([
      "mini/2026-01-01/version.yaml:13:76 warning tier-bound-unstated the text does not state what happens at 99.9 % (tier 1 is worded above/below only): at exactly 99.9 % the parameters give 0 % (tier 1), the operator's reading",
      "mini/2026-01-01/version.yaml:14:77 warning tier-bound-unstated the text does not state what happens at 99.0 % (tier 2 is worded above/below only): at exactly 99.0 % the parameters give 10 % (tier 3), the operator's reading",
    ]);
  });

  it('words a marked end above/below only, as the text does, and prints a bound with its decimals', async () => {
    expect(await tierRows('unstated-bounds', '2026-01-01', 'kk')).toEqual([
      '99,9%-дан жоғары | 0%',
      '99,9%-дан төмен, бірақ 99,0%-дан жоғары | 5%',
      '99,0%-дан төмен, бірақ 95%-дан жоғары | 10%',
      '95,0% және одан төмен | 15%',
    ]);
    expect(await tierRows('unstated-bounds', '2026-01-01', 'ru')).toEqual([
      'Выше 99,9\u00a0% | 0\u00a0%',
      'Ниже 99,9\u00a0%, но выше 99,0\u00a0% | 5\u00a0%',
      'Ниже 99,0\u00a0%, но выше 95\u00a0% | 10\u00a0%',
      '95,0\u00a0% и ниже | 15\u00a0%',
    ]);
    expect(await tierRows('unstated-bounds', '2026-01-01', 'en')).toEqual([
      'Above 99.9% | 0%',
      'Below 99.9% but above 99.0% | 5%',
      'Below 99.0% but above 95% | 10%',
      '95.0% or below | 15%',
    ]);
  });

  it('keeps the explicit wording of a version that states its bounds', async () => {
    expect(await tierRows('good', '2026-01-01', 'kk')).toEqual([
      '99,9% және одан жоғары | 0%',
      '99,9%-дан төмен, бірақ 99,0%-дан жоғары | 5%',
      '99,0% және одан төмен, бірақ 95,0%-дан жоғары | 10%',
      '95,0% және одан төмен | 15%',
    ]);
    expect(await tierRows('good', '2026-01-01', 'en')).toEqual([
      '99.9% or above | 0%',
      'Below 99.9% but above 99.0% | 5%',
      '99.0% or below but above 95.0% | 10%',
      '95.0% or below | 15%',
    ]);
  });

  it('gives the marks in the rules JSON, and not how the text prints a bound', async () => {
    const terms = await openTerms(fixture('terms', 'unstated-bounds'), { drafts: true });
    const service = findService(terms, 'mini');
    const tiers = toRules(service, findVersion(service, '2026-01-01')).sla.compensationTiers;
    expect(tiers.map((t) => t.availabilityPercent)).toEqual([
      { min: 99.9, minInclusive: true, minStated: false, max: 100, maxInclusive: true },
      { min: 99.0, minInclusive: false, minStated: false, max: 99.9, maxInclusive: false },
      { min: 95.0, minInclusive: false, max: 99.0, maxInclusive: true, maxStated: false },
      { min: 0, minInclusive: true, max: 95.0, maxInclusive: true },
    ]);
  });
});
