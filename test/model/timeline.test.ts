import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import {
  findService,
  findVersion,
  requireVersionAt,
  versionAt,
  versionRanges,
} from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { fixture } from '../helpers/terms.js';

const { terms } = await inspectTerms(fixture('terms', 'good'));
const mini = findService(terms, 'mini');

describe('versions by date', () => {
  it('lists published versions with effective ranges, effectiveTo being the next effectiveFrom', () => {
    expect(versionRanges(mini)).toEqual([
      {
        version: '2025-01-01',
        status: 'published',
        effectiveFrom: '2025-01-01',
        effectiveTo: '2025-06-15',
      },
      {
        version: '2025-06-01',
        status: 'published',
        effectiveFrom: '2025-06-15',
        effectiveTo: null,
      },
    ]);
  });

  it('lists drafts only when asked, without an effectiveTo', () => {
    expect(
      versionRanges(mini, { drafts: true }).map((r) => [r.version, r.status, r.effectiveTo]),
    ).toEqual([
      ['2025-01-01', 'published', '2025-06-15'],
      ['2025-06-01', 'published', null],
      ['2026-01-01', 'draft', null],
    ]);
  });

  it.each([
    ['2024-12-31', undefined],
    ['2025-01-01', '2025-01-01'],
    ['2025-06-01', '2025-01-01'],
    ['2025-06-14', '2025-01-01'],
    ['2025-06-15', '2025-06-01'],
    ['2026-01-01', '2025-06-01'],
    ['2030-01-01', '2025-06-01'],
  ])('on %s the version in force is %s (a draft never answers)', (date, expected) => {
    expect(versionAt(mini, date)?.id).toBe(expected);
  });

  it('refuses a date before the first version with a message naming the first effective date', () => {
    expect(() => requireVersionAt(mini, '2024-12-31')).toThrow(
      new InputError(
        'no-version-in-force',
        'no version of "mini" is in force on 2024-12-31: the first takes effect on 2025-01-01',
        'at',
      ),
    );
  });

  it.each(['2025-02-30', '2025-13-01', '2025-1-01', '20250101', ''])(
    'refuses the impossible date "%s"',
    (date) => {
      expect(() => versionAt(mini, date)).toThrow(/expected an existing calendar date YYYY-MM-DD/);
    },
  );

  it('names unknown services and versions with what is known', () => {
    expect(() => findService(terms, 'nope')).toThrow('unknown service "nope" (known: mini)');
    expect(() => findVersion(mini, '2024-01-01')).toThrow(
      'unknown version "2024-01-01" of service "mini" (known: 2025-01-01, 2025-06-01, 2026-01-01)',
    );
  });
});
