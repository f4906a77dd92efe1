import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import { findService, findVersion, Timeline, versionRanges } from '../../src/model/timeline.js';
import { toRules } from '../../src/rules/rules.js';
import type { ServiceEntry, VersionEntry } from '../../src/server/catalog.js';
import { bundleLookup } from '../../src/server/evaluate.js';
import {
  clauseNumbers,
  evaluateSla,
  evaluateWith,
  type SlaLookup,
  termsLookup,
} from '../../src/sla/index.js';
import { outage, slaInput } from './helpers.js';
import { testTerms } from './terms.js';

const TERMS = testTerms();

/** 3,000 s of provider downtime from the 10th: under 99.9 % (5 % credit) in any month. */
function input(period: string, extra: Parameters<typeof slaInput>[2] = {}) {
  return slaInput(period, [outage('A', `${period}-10T00:00:00+05:00`, 3000)], extra);
}

function errorFor(json: unknown): InputError {
  try {
    evaluateSla(TERMS, json);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('evaluateSla: the version in force on the first day of the period', () => {
  it.each([
    ['2025-10', '2025-09-10', 5],
    ['2025-12', '2025-09-10', 5],
    ['2026-01', '2026-01-01', 7],
    ['2026-07', '2026-01-01', 7], // the 2026-06-01 draft never answers by date
  ])('evaluates %s under %s (%d percent)', (period, version, credit) => {
    const r = evaluateSla(TERMS, input(period));
    expect([r.version, r.creditPercent]).toEqual([version, credit]);
  });

  it('numbers clauses as the chosen version does, and leaves out numbers it lacks', () => {
    expect(evaluateSla(TERMS, input('2025-10')).clauses).toEqual([
      { id: 'availability-target', number: '5.6' },
      { id: 'compensation', number: '5.8' },
      { id: 'compensation-cap', number: '5.9' },
    ]);
    expect(evaluateSla(TERMS, input('2026-01')).clauses).toEqual([
      { id: 'availability-target', number: '6.6' },
      { id: 'compensation', number: '6.8' },
      { id: 'compensation-cap' },
    ]);
  });

  it('refuses a period before the first version, naming the period', () => {
    const err = errorFor(input('2025-09'));
    expect([err.kind, err.field, err.message]).toEqual([
      'no-version-in-force',
      'period',
      `period: no version is in force on the period's first day (no version of "dedicated-compute" is in force on 2025-09-01: the first takes effect on 2025-09-10); give "version" to choose one`,
    ]);
  });

  it('checks restore kinds against the chosen version', () => {
    const replaced = (period: string) =>
      slaInput(period, [
        outage('A', `${period}-10T00:00:00+05:00`, 90_000, { restoreKind: 'replace' }),
      ]);
    expect(evaluateSla(TERMS, replaced('2026-01')).restoreBreaches).toEqual([
      { incident: 'A', restoreKind: 'replace', allowedMinutes: 1440, actualSeconds: 90_000 },
    ]);
    const err = errorFor(replaced('2025-10'));
    expect([err.kind, err.field]).toEqual(['bad-input', 'incidents[0].restoreKind']);
  });
});

describe('evaluateSla: an explicit version', () => {
  it('overrides the version in force', () => {
    const r = evaluateSla(TERMS, input('2026-03', { version: '2025-09-10' }));
    expect([r.version, r.creditPercent]).toEqual(['2025-09-10', 5]);
  });

  it('evaluates a period before the version takes effect when asked to', () => {
    const r = evaluateSla(TERMS, input('2025-09', { version: '2025-09-10' }));
    expect([r.version, r.period.seconds, r.creditPercent]).toEqual(['2025-09-10', 2_592_000, 5]);
  });

  it('may name a draft', () => {
    const r = evaluateSla(TERMS, input('2026-07', { version: '2026-06-01' }));
    expect([r.version, r.creditPercent]).toEqual(['2026-06-01', 9]);
  });

  it('refuses a version the service does not have', () => {
    const err = errorFor(input('2025-10', { version: '2025-01-01' }));
    expect([err.kind, err.field]).toEqual(['unknown-version', 'version']);
  });
});

describe('evaluateSla: bad input', () => {
  it('refuses an unknown service, naming the field', () => {
    const err = errorFor(input('2025-10', { service: 'colocation' }));
    expect([err.kind, err.field, err.message]).toEqual([
      'unknown-service',
      'service',
      'unknown service "colocation" (known: dedicated-compute)',
    ]);
  });

  it('validates the input before looking anything up', () => {
    const err = errorFor({ ...input('2025-10', { service: 'colocation' }), period: 'October' });
    expect([err.kind, err.field]).toEqual(['bad-input', 'period']);
  });

  it('refuses input that is not an object', () => {
    expect([errorFor(undefined).kind, errorFor(undefined).field]).toEqual(['bad-input', undefined]);
  });
});

describe('one wiring: the loaded terms and the bundle answer alike', () => {
  const service = findService(TERMS, 'dedicated-compute');
  const entries = versionRanges(service, { drafts: true }).map((r) => ({
    ...r,
    clauses: Object.fromEntries(clauseNumbers(findVersion(service, r.version))),
  }));
  const timeline = new Timeline<VersionEntry>(entries, (entry) => entry);
  const catalog = new Map<string, ServiceEntry>([
    [
      service.id,
      {
        id: service.id,
        timeZone: service.timeZone,
        names: service.names,
        versions: timeline.all,
        timeline,
      },
    ],
  ]);
  const fromBundle = bundleLookup(catalog, (s, v) =>
    s === service.id ? toRules(service, findVersion(service, v)) : undefined,
  );
  const outcome = (lookup: SlaLookup, json: unknown) => {
    try {
      return evaluateWith(lookup, json);
    } catch (err) {
      if (err instanceof InputError) return [err.kind, err.field, err.message];
      throw err;
    }
  };

  it.each([
    ['the version in force', input('2025-10')],
    ['a version with other rules and clause numbers', input('2026-01')],
    ['an explicit draft', input('2026-07', { version: '2026-06-01' })],
    [
      'a restore kind the version lacks',
      slaInput('2025-10', [
        outage('A', '2025-10-10T00:00:00+05:00', 60, { restoreKind: 'replace' }),
      ]),
    ],
    ['a period before the first version', input('2025-09')],
    ['an unknown version', input('2025-10', { version: '2025-01-01' })],
    ['an unknown service', input('2025-10', { service: 'colocation' })],
    ['bad input', { ...input('2025-10'), period: 'October' }],
  ])('%s', (_, json) => {
    const fromTerms = outcome(termsLookup(TERMS), json);
    expect(outcome(fromBundle, json)).toEqual(fromTerms);
  });
});
