import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/load/limits.js';
import { parseTermsMarkdown } from '../../src/load/markdown.js';
import { findControls } from '../../src/load/text.js';
import { LANGS } from '../../src/model/lang.js';
import { inspectTerms } from '../../src/open.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { renderText } from '../../src/render/text/index.js';
import { DRAFT, goodCopy } from './hostile-helpers.js';

// Markdown and YAML made of the pieces hostile input is made of, inside and around the limits:
// whatever `check` accepts must render in every format, and nothing may throw. Bounded in runs
// and time, so `npm test` stays fast.

// A fixed seed keeps `npm test` reproducible; TERMS_FUZZ_SEED and TERMS_FUZZ_RUNS explore further.
const SEED = Number(process.env.TERMS_FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.TERMS_FUZZ_RUNS ?? 40);
const TIME = process.env.TERMS_FUZZ_RUNS ? 600_000 : 8000;

const near = (limit: number) => fc.integer({ min: Math.max(0, limit - 3), max: limit + 3 });

// Mostly what terms are written in; now and then what they must never hold.
const char = fc.oneof(
  {
    arbitrary: fc.constantFrom('a', 'Қ', 'ә', 'Ж', ' ', '₸', '№', '«', '»', '—', '≤', '.', ','),
    weight: 30,
  },
  {
    arbitrary: fc.constantFrom(
      '\u202e',
      '\u2066',
      '\x1b',
      '\x00',
      '\x85',
      '\u00a0',
      '\ufeff',
      '\r',
      '\t',
    ),
    weight: 1,
  },
  { arbitrary: fc.constantFrom('\u{1F642}', '\u0301', '\uFFFD', '\u200d', '𝔸'), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 2 }), weight: 1 },
);
const word = fc.string({ unit: char, minLength: 1, maxLength: 12 });
const inline: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: word, weight: 12 },
    {
      arbitrary: fc.constantFrom(
        '{{sla.availabilityTargetPercent}}',
        '{{nope}}',
        '{{',
        '[](#alpha)',
        '[x](https://example.com)',
        '[x](javascript:alert(1))',
        '<b>x</b>',
        '&#x202e;',
        '&#27;',
        '&amp;',
        '`code`',
        '\\*',
      ),
      weight: 1,
    },
    { arbitrary: tie('node').map((s) => `*${s}*`), weight: 1 },
    { arbitrary: tie('node').map((s) => `**${s}**`), weight: 1 },
    { arbitrary: tie('node').map((s) => `~~${s}~~`), weight: 1 },
  ),
})).node as fc.Arbitrary<string>;
const sentence = fc.array(inline, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

const block = fc.oneof(
  { arbitrary: sentence, weight: 6 },
  {
    arbitrary: fc.tuple(near(LIMITS.blockDepth), sentence).map(([d, s]) => `${'> '.repeat(d)}${s}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(near(LIMITS.blockDepth), sentence)
      .map(([d, s]) => Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}- ${s}`).join('\n')),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(near(LIMITS.inlineDepth), word)
      .map(([d, w]) => `${'*'.repeat(d)}${w}${'*'.repeat(d)}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(near(LIMITS.lineChars), fc.constantFrom('a', 'Қ'))
      .map(([n, c]) => c.repeat(n)),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '| a | b |\n| --- | --- |\n| x | y |',
      '---',
      '```\ncode\n```',
      '![i](x.png)',
    ),
    weight: 1,
  },
);
const fragment = fc.array(block, { minLength: 1, maxLength: 5 }).map((b) => b.join('\n\n'));

// A label the restore-time table prints, written as a YAML double-quoted string (so \u escapes).
const label = fc.string({ unit: char, maxLength: 20 }).map((s) => JSON.stringify(s || 'x'));
const yamlTail = fc.oneof(
  { arbitrary: fc.constant(''), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'extra: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nmore: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n',
      `deep: ${'['.repeat(200)}${']'.repeat(200)}\n`,
      'effectiveFrom: 2026-01-01\n',
    ),
    weight: 1,
  },
);

describe('the loader never throws', () => {
  it('on any Markdown made of hostile pieces', () => {
    fc.assert(
      fc.property(fragment, (text) => {
        parseTermsMarkdown(`# T\n\n${text}\n`, 'en.md', 'en');
      }),
      { numRuns: RUNS * 8, interruptAfterTimeLimit: TIME / 2, seed: SEED },
    );
  });
});

describe('check is the gate', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const original = new Map<string, string>();
  beforeAll(async () => {
    ({ dir, cleanup } = await goodCopy());
    for (const name of ['version.yaml', ...LANGS.map((l) => `${l}.md`)])
      original.set(name, await readFile(path.join(dir, DRAFT, name), 'utf8'));
  });
  afterAll(() => cleanup());

  it(
    'whatever check accepts renders as HTML, text and PDF; the text has no control character',
    async () => {
      let accepted = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fragment, label, yamlTail, async (text, reboot, tail) => {
          const write = (name: string, content: string) =>
            writeFile(path.join(dir, DRAFT, name), content);
          await write('version.yaml', `${original.get('version.yaml')}${tail}`);
          for (const lang of LANGS) {
            const md = original.get(`${lang}.md`) as string;
            await write(
              `${lang}.md`,
              `${md.replace(/reboot: .*/, `reboot: ${reboot}`)}\n${text}\n`,
            );
          }
          const { terms, diagnostics } = await inspectTerms(dir, { cwd: dir });
          if (diagnostics.some((d) => d.severity === 'error')) {
            refused++;
            return;
          }
          accepted++;
          const service = terms.services[0];
          const version = service?.versions.find((v) => v.id === '2026-01-01');
          if (!service || !version) throw new Error('check passed but the draft did not load');
          for (const lang of LANGS) {
            expect(renderHtml(service, version, lang).length).toBeGreaterThan(0);
            expect(findControls(renderText(service, version, lang))).toEqual([]);
          }
          expect((await renderPdf(service, version, 'kk')).byteLength).toBeGreaterThan(1000);
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME, seed: SEED },
      );
      // Both sides of the gate were exercised.
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    },
    TIME + 60_000,
  );
});
