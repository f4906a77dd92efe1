import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHeader, readVersionHeader, scanHeader } from '../../src/load/header.js';
import { parseYaml } from '../../src/load/yaml.js';
import { TERMS } from '../helpers/terms.js';

const REAL = path.join(TERMS, 'dedicated-compute', '2025-09-10', 'version.yaml');

// Pieces of version.yaml files: the header keys written every way YAML allows (and some ways
// it does not), other top-level keys whose values may run over several lines, comments,
// document markers, line ends. The full parse is the reference.
const date = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('2025-09-10', '2024-02-29') },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-29', '2025-13-01', '20250910') },
);
const status = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('published', 'draft') },
  { weight: 1, arbitrary: fc.constantFrom('Published', 'null', '') },
);
const comment = fc.constantFrom('', ' # note', '  #x', '#glued');
const quote = (v: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(v, `'${v}'`, `"${v}"`) },
    { weight: 1, arbitrary: fc.constantFrom(`&a ${v}`, `!!str ${v}`, `"${v}`, `${v}"`) },
  );
const keyLine = (key: string, value: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(`${key}:`) },
        { weight: 1, arbitrary: fc.constantFrom(`${key} :`, `"${key}":`, `? ${key}\n:`) },
      ),
      value,
      comment,
    )
    .chain(([k, v, c]) => quote(v).map((q) => `${k} ${q}${c}`));
const other = fc.constantFrom(
  'parameters:\n  sla:\n    scope: x\n  effectiveFrom: 1999-01-01',
  'parameters: {a: 1,\n  b: 2}',
  'parameters: {a: 1,\nstatus: draft}',
  'note: "two\n  lines"',
  'note: "two\nstatus: draft"',
  "note: 'it''s'",
  'note: |\n  status: draft\n  effectiveFrom: 1999-01-01',
  'note: >-\n  text\n\n  more',
  'note: plain\n  continued',
  'note: *a',
  'note: &a x',
  '<<: {status: draft}',
  '# status: draft',
  '---',
  '...',
  '%YAML 1.1\n---',
  '- item',
  '\tstatus: draft',
  'effectiveFrom: 2030-01-01',
  'status: draft',
);
const file = fc
  .tuple(
    fc.option(keyLine('effectiveFrom', date), { freq: 8 }),
    fc.option(keyLine('status', status), { freq: 8 }),
    fc.array(other, { maxLength: 2 }),
    fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    fc.oneof(
      { weight: 8, arbitrary: fc.constant('\n') },
      { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r') },
    ),
    fc.oneof(
      { weight: 10, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  )
  .map(([effective, state, others, order, eol, bom]) => {
    const parts = [effective, state, ...others].filter((p): p is string => p !== null);
    const shuffled = parts
      .map((p, i) => ({ p, k: order[i % order.length] as number }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.p);
    return (bom ? '\ufeff' : '') + shuffled.join('\n').replaceAll('\n', eol);
  });

/** Whether the full parse finds the file well-formed YAML. */
const wellFormed = (text: string) => {
  try {
    return parseYaml(text, 'v.yaml').source !== undefined;
  } catch {
    // An alias to an anchor defined later throws in the yaml library's toJS: not well-formed.
    return false;
  }
};

describe('readVersionHeader', () => {
  it('reads the real version.yaml by the line scan, as the full parse does', async () => {
    const text = await readFile(REAL, 'utf8');
    const scanned = scanHeader(text);
    expect(scanned).toEqual({
      effectiveFrom: '2025-09-10',
      status: 'published',
      at: { line: 4, column: 16 },
    });
    expect(parseHeader(text, 'v.yaml').header).toEqual(scanned);
  });

  it('gives what the full parse gives for every well-formed file', () => {
    fc.assert(
      fc.property(file, (text) => {
        if (!wellFormed(text)) return;
        expect(readVersionHeader(text, 'v.yaml').header).toEqual(
          parseHeader(text, 'v.yaml').header,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the line scan for most plain files, and then agrees with the full parse', () => {
    let scanned = 0;
    fc.assert(
      fc.property(file, (text) => {
        const header = scanHeader(text);
        if (!header) return;
        scanned++;
        // The scan may answer for a file broken below its top level (the full parse of the
        // version asked for reports that); never for one whose header lines mean something else.
        if (wellFormed(text)) expect(header).toEqual(parseHeader(text, 'v.yaml').header);
      }),
      { numRuns: 3000 },
    );
    expect(scanned).toBeGreaterThan(100);
  });

  it('reports why a header cannot be read, by the full parse', () => {
    const r = readVersionHeader('effectiveFrom: 2025-02-30\nstatus: published\n', 'v.yaml');
    expect(r.header).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:16 schema effectiveFrom: expected an existing calendar date YYYY-MM-DD',
    ]);
  });
});
