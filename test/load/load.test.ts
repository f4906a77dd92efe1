import { describe, expect, it } from 'vitest';
import { checkTerms } from '../../src/check/index.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { loadTerms } from '../../src/load/index.js';
import { inspectTerms } from '../../src/open.js';
import { fixture, ROOT } from '../helpers/terms.js';

const codes = (list: { code: string }[]) => [...new Set(list.map((d) => d.code))].sort();

describe('loadTerms', () => {
  it('reports what is malformed in a file, and leaves how the parts agree to the checks', async () => {
    const tiers = await loadTerms(fixture('terms', 'tiers'), { cwd: ROOT });
    expect(tiers.diagnostics).toEqual([]);
    expect(codes(checkTerms(tiers))).toEqual(['tier-gap', 'tier-monotonic', 'tier-overlap']);
    const refs = await loadTerms(fixture('terms', 'references'), { cwd: ROOT });
    expect(codes(refs.diagnostics)).toEqual(['bad-id', 'missing-id', 'ref-text']);
    expect(codes(checkTerms(refs))).toEqual([
      'broken-ref',
      'clause-extra',
      'clause-missing',
      'duplicate-id',
    ]);
  });

  it('keeps the clause text of a version whose version.yaml is broken, for the checks', async () => {
    const loaded = await loadTerms(fixture('terms', 'bad-meta'), { cwd: ROOT });
    expect(loaded.terms.services[0]?.versions).toEqual([]);
    expect(loaded.texts.map((t) => t.dir)).toEqual(['mini/2025-01-01']);
    expect(codes(loaded.diagnostics)).toEqual(['schema']);
  });

  it('names a missing terms folder and reads nothing else', async () => {
    const loaded = await loadTerms(fixture('terms', 'no-such-folder'), { cwd: ROOT });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      'test/fixtures/terms/no-such-folder:1:1: error: terms folder not found or not a folder (no-terms)',
    ]);
    expect(loaded.terms.services).toEqual([]);
  });
});

describe('inspectTerms', () => {
  it('is the load and the checks together, sorted', async () => {
    const both = await inspectTerms(fixture('terms', 'bad-meta'), { cwd: ROOT });
    const loaded = await loadTerms(fixture('terms', 'bad-meta'), { cwd: ROOT });
    expect(both.diagnostics.length).toBeGreaterThan(loaded.diagnostics.length);
    expect(both.diagnostics).toEqual(
      [...both.diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    );
  });
});
