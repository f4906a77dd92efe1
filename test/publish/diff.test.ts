import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terms } from '../../src/model/terms.js';
import { findService, findVersion } from '../../src/model/timeline.js';
import { openTerms } from '../../src/open.js';
import { type ClauseChange, diffVersions, type VersionDiff } from '../../src/publish/diff.js';
import { formatDiffHtml } from '../../src/publish/diff-html.js';
import { formatDiffText } from '../../src/publish/diff-text.js';
import { newVersion } from '../../src/publish/new-version.js';
import { tempCopy } from '../helpers/terms.js';
import { editLanguages, insertBefore, moveClause, removeClause, replaceInFile } from './helpers.js';

const SERVICE = 'dedicated-compute';
let terms: Terms;
let cleanup: () => Promise<void>;

const NEW_CLAUSE = {
  kk: 'Есептеу ортасына графикалық үдеткіштер кіруі мүмкін.',
  ru: 'В вычислительную среду могут входить графические ускорители.',
  en: 'The computing environment may include graphics accelerators.',
};

// A draft of 2026-01-01 that removes clause 3.5, moves 3.7 to the front of section 3, adds a
// sub-clause 2.1.4, shortens the reboot time to 30 minutes and rewords 3.6 in Kazakh only.
beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempCopy());
  const draft = await newVersion(dir, SERVICE, { effective: '2026-01-01', cwd: dir });
  await editLanguages(draft.dir, (md, lang) => {
    let out = removeClause(md, 'dedicated-ip-repeated');
    out = moveClause(out, 'prohibited-uses', 'ordering');
    return insertBefore(out, 'provision', `#### {#gpu}\n\n${NEW_CLAUSE[lang]}\n`);
  });
  await replaceInFile(
    path.join(draft.dir, 'version.yaml'),
    'withinMinutes: 45',
    'withinMinutes: 30',
  );
  await replaceInFile(
    path.join(draft.dir, 'kk.md'),
    'ортасын өз бетінше',
    'ортасын толық өз бетінше',
  );
  terms = await openTerms(dir, { cwd: dir });
});
afterAll(() => cleanup());

function compare(from: string, to: string, lang?: 'kk' | 'ru' | 'en'): VersionDiff {
  const service = findService(terms, SERVICE);
  return diffVersions(
    service,
    findVersion(service, from),
    findVersion(service, to),
    lang ? { lang } : {},
  );
}

/** A clause change in one line: `type id from-number → to-number [moved] [text]`. */
function summary(c: ClauseChange): string {
  if (c.type === 'added') return `added ${c.id} ${c.to.number}`;
  if (c.type === 'removed') return `removed ${c.id} ${c.from.number}`;
  return `changed ${c.id} ${c.from.number} → ${c.to.number}${c.moved ? ' moved' : ''}${c.renumbered ? ' renumbered' : ''}${c.textChanged ? ' text' : ''}`;
}

describe('diffVersions', () => {
  it('finds no difference between a version and itself', () => {
    const diff = compare('2025-09-10', '2025-09-10');
    expect(diff.identical).toBe(true);
    expect(diff.parameters).toEqual([]);
    expect(diff.languages).toEqual([]);
  });

  it('lists parameter changes by path', () => {
    expect(compare('2025-09-10', '2026-01-01').parameters).toEqual([
      { path: 'sla.restoreTimes.reboot.withinMinutes', change: 'changed', from: 45, to: 30 },
    ]);
  });

  it('lists added, removed, moved, renumbered and changed clauses by id in reading order', () => {
    const diff = compare('2025-09-10', '2026-01-01');
    expect(diff.identical).toBe(false);
    expect(diff.languages.map((l) => l.lang)).toEqual(['kk', 'ru', 'en']);
    const common = [
      'added gpu 2.1.4.',
      'changed prohibited-uses 3.7. → 3.1. moved',
      // Clause 3.7 moved to the front: the clauses it passed only got new numbers.
      'changed ordering 3.1. → 3.2. renumbered',
      // The cross-reference to "ordering" now prints 3.2: the text really changed.
      'changed service-start 3.2. → 3.3. renumbered text',
      'changed configuration 3.3. → 3.4. renumbered',
      'changed dedicated-ip 3.4. → 3.5. renumbered',
      'removed dedicated-ip-repeated 3.5.',
    ];
    const restore = 'changed restore-times 5.7. → 5.7. text';
    const [kk, ru, en] = diff.languages;
    expect(kk?.clauses.map(summary)).toEqual([
      ...common,
      'changed self-management 3.6. → 3.6. text',
      restore,
    ]);
    expect(ru?.clauses.map(summary)).toEqual([...common, restore]);
    expect(en?.clauses.map(summary)).toEqual([...common, restore]);
  });

  it('redlines the words that changed, with parameters filled in the language', () => {
    const [kk, , en] = compare('2025-09-10', '2026-01-01').languages;
    const restore = en?.clauses.find((c) => c.id === 'restore-times');
    expect(
      restore?.type === 'changed' && restore.redline.filter((s) => s.type !== 'equal'),
    ).toEqual([
      { type: 'removed', text: '45' },
      { type: 'added', text: '30' },
    ]);
    const start = kk?.clauses.find((c) => c.id === 'service-start');
    expect(start?.type === 'changed' && start.redline.filter((s) => s.type !== 'equal')).toEqual([
      { type: 'removed', text: '3.1-тармақта' },
      { type: 'added', text: '3.2-тармақта' },
    ]);
    const added = kk?.clauses.find((c) => c.id === 'gpu');
    expect(added).toEqual({
      type: 'added',
      id: 'gpu',
      to: { number: '2.1.4.', parent: 'environment', text: NEW_CLAUSE.kk },
    });
  });

  it('compares one language when asked', () => {
    const diff = compare('2025-09-10', '2026-01-01', 'ru');
    expect(diff.languages.map((l) => l.lang)).toEqual(['ru']);
    expect(diff.parameters).toHaveLength(1);
  });
});

describe('formatDiffText', () => {
  it('prints parameter changes and a redline per clause', () => {
    const text = formatDiffText(compare('2025-09-10', '2026-01-01', 'en'));
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '--- dedicated-compute 2025-09-10 (published, effective from 2025-09-10)',
      '+++ dedicated-compute 2026-01-01 (draft, effective from 2026-01-01)',
      '',
      'parameters:',
      '  sla.restoreTimes.reboot.withinMinutes: 45 → 30',
    ]);
    expect(lines).toContain('  + 2.1.4. gpu (added)');
    expect(lines).toContain(`      {+${NEW_CLAUSE.en}+}`);
    expect(lines).toContain('  ~ 3.7. → 3.1. prohibited-uses (moved)');
    expect(lines).toContain('  - 3.5. dedicated-ip-repeated (removed)');
    expect(lines).toContain(
      '      Physical reboot, logical disabling/enabling of network interfaces and elements. | [-45-]{+30+} minutes',
    );
  });

  it('says so when nothing differs', () => {
    expect(formatDiffText(compare('2025-09-10', '2025-09-10'))).toBe(
      [
        '--- dedicated-compute 2025-09-10 (published, effective from 2025-09-10)',
        '+++ dedicated-compute 2025-09-10 (published, effective from 2025-09-10)',
        '',
        'no differences',
        '',
      ].join('\n'),
    );
  });
});

describe('formatDiffHtml', () => {
  it('marks deletions and insertions with del and ins in a section per language', () => {
    const html = formatDiffHtml(compare('2025-09-10', '2026-01-01'));
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<section id="lang-kk" lang="kk"><h2 lang="kk">Қазақша</h2>');
    expect(html).toContain('<del>45</del>');
    expect(html).toContain('<ins>30</ins>');
    expect(html).toContain('<ins>толық </ins>');
    expect(html).toContain(`<p class="text"><ins>${NEW_CLAUSE.ru}</ins></p>`);
  });

  it('escapes the text it shows', () => {
    const diff: VersionDiff = {
      service: 's',
      from: { version: '2025-01-01', status: 'published', effectiveFrom: '2025-01-01' },
      to: { version: '2025-02-01', status: 'draft', effectiveFrom: '2025-02-01' },
      identical: false,
      parameters: [{ path: 'x', change: 'changed', from: '<b>', to: '</b>' }],
      languages: [
        {
          lang: 'en',
          clauses: [
            {
              type: 'changed',
              id: 'c',
              from: { number: '1.', parent: null, text: 'a' },
              to: { number: '1.', parent: null, text: '<script>alert(1)</script> & b' },
              moved: false,
              renumbered: false,
              textChanged: true,
              redline: [
                { type: 'removed', text: 'a' },
                { type: 'added', text: '<script>alert(1)</script> & b' },
              ],
            },
          ],
        },
      ],
    };
    const html = formatDiffHtml(diff);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<ins>&#x3C;script>alert(1)&#x3C;/script> &#x26; b</ins>');
    expect(html).toContain('<del>"&#x3C;b>"</del>');
  });
});
