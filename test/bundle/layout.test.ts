import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bundlePath,
  type FileKind,
  LAYOUT,
  type PathParams,
  parseBundlePath,
  parseDocumentFile,
  relativeLink,
} from '../../src/bundle/layout.js';
import { openTerms } from '../../src/open.js';
import { planBundle } from '../../src/publish/bundle-plan.js';
import { TERMS } from '../helpers/terms.js';

const params = fc.record({
  service: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  version: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  edition: fc.constantFrom('kk', 'ru', 'en', 'kk-ru'),
  format: fc.constantFrom<'html' | 'pdf'>('html', 'pdf'),
  lang: fc.constantFrom('kk', 'ru', 'en'),
});

describe('the bundle layout', () => {
  it('reads back every path it makes, with its kind and parameters', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(LAYOUT) as FileKind[])), params, (kind, p) => {
        const used: PathParams = {};
        for (const name of ['service', 'version', 'edition', 'format', 'lang'] as const)
          if (LAYOUT[kind].includes(`:${name}`)) Object.assign(used, { [name]: p[name] });
        expect(parseBundlePath(bundlePath(kind, used))).toEqual({ kind, ...used });
      }),
      { numRuns: 500 },
    );
  });

  it('knows the kind of every file the builder plans for the real terms', async () => {
    const plan = planBundle(await openTerms(TERMS));
    const kinds = plan.map((f) => parseBundlePath(f.path)?.kind);
    expect(kinds).not.toContain(undefined);
    expect(new Set(kinds)).toEqual(
      new Set([
        'schema',
        'services',
        'versions',
        'rules',
        'index',
        'siteFeed',
        'service',
        'feed',
        'document',
      ]),
    );
  });

  it('refuses paths with dot segments, separators or unknown shapes', () => {
    for (const bad of [
      'terms/../x/2025-09-10/kk.html',
      'terms/a/2025-09-10/../kk.html',
      'api/v1/services/a/b/versions.json',
      'terms/a/2025-09-10/kk.htm',
      'terms/A/2025-09-10/kk.html',
      '/index.html',
    ])
      expect(parseBundlePath(bad)).toBeUndefined();
    expect(parseDocumentFile('kk-ru.pdf')).toEqual({ edition: 'kk-ru', format: 'pdf' });
    expect(parseDocumentFile('kk.html.pdf')).toBeUndefined();
  });

  it('links files to each other relatively, as the pages print them', () => {
    const kk = 'terms/s/2025-09-10/kk.html';
    expect(relativeLink(kk, 'terms/s/2025-09-10/ru.pdf')).toBe('./ru.pdf');
    expect(relativeLink(kk, 'index.html')).toBe('../../../index.html');
    expect(relativeLink('index.html', kk)).toBe(kk);
  });
});
