import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CachedDocuments, stableJson } from '../../src/cache/documents.js';
import { Cache } from '../../src/cache/store.js';
import type { PlannedDocument } from '../../src/publish/bundle-plan.js';

const base = await mkdtemp(path.join(os.tmpdir(), 'terms-cache-docs-'));
afterAll(() => rm(base, { recursive: true, force: true }));

const doc = (
  over: Partial<PlannedDocument['job']> = {},
  context: unknown = {},
): PlannedDocument => ({
  path: 'terms/s/2025-01-01/kk.html',
  job: {
    kind: 'document',
    format: 'html',
    service: 's',
    version: '2025-01-01',
    lang: 'kk',
    ...over,
  } as PlannedDocument['job'],
  sources: ['s/2025-01-01'],
  context,
});

describe('CachedDocuments', () => {
  it('finds a document again only under the same version sources, job and context', async () => {
    const cache = new Cache({ dir: base });
    const store = new CachedDocuments(cache, new Map([['s/2025-01-01', 'a'.repeat(64)]]));
    const context = { versions: [{ version: '2025-01-01', effectiveTo: null }] };
    await store.put(doc({}, context), Buffer.from('<p>page</p>'));
    // Equal data written in another key order is the same context.
    const same = doc({}, { versions: [{ effectiveTo: null, version: '2025-01-01' }] });
    expect(await store.has(same)).toBe(true);
    expect(Buffer.from((await store.get(same)) ?? []).toString()).toBe('<p>page</p>');
    for (const other of [
      doc({ lang: 'ru' }, context),
      doc({ format: 'pdf' }, context),
      doc({ kind: 'changes', from: '2024-01-01' } as Partial<PlannedDocument['job']>, context),
      doc({ parallel: 'ru' }, context),
      doc({}, { versions: [{ version: '2025-01-01', effectiveTo: '2026-01-01' }] }),
    ]) {
      expect(await store.has(other)).toBe(false);
      expect(await store.get(other)).toBeUndefined();
    }
    // Other sources of the version (another key) find nothing; an unknown version is not cached.
    const edited = new CachedDocuments(cache, new Map([['s/2025-01-01', 'b'.repeat(64)]]));
    expect(await edited.get(doc({}, context))).toBeUndefined();
    const unknown = new CachedDocuments(cache, new Map());
    await unknown.put(doc({}, context), Buffer.from('x'));
    expect(await unknown.has(doc({}, context))).toBe(false);
  });

  it('writes JSON with sorted keys at every level', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});
