import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { README, readmeBlock } from '../../scripts/readme-block.js';
import { CODES_BLOCK, codesTable } from '../../scripts/readme-codes.js';
import { CODES } from '../../src/diagnostic-codes.js';
import { diagnostic, formatDiagnostic } from '../../src/diagnostics.js';
import { ROOT } from '../helpers/terms.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('the registry of diagnostic codes', () => {
  it('is what the README lists (regenerate with npx tsx scripts/readme-codes.ts)', () => {
    expect(readmeBlock(readFileSync(README, 'utf8'), CODES_BLOCK)).toBe(codesTable());
  });

  it('has no code that nothing reports', () => {
    const text = sources(path.join(ROOT, 'src'))
      .filter((f) => !f.endsWith('diagnostic-codes.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(CODES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('gives a diagnostic the severity of its code and the start of the node it names', () => {
    const node = { position: { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } } };
    const warning = diagnostic('unused-parameter', 'never stated', { file: 'kk.md', node });
    expect(formatDiagnostic(warning)).toBe('kk.md:3:5: warning: never stated (unused-parameter)');
    const error = diagnostic('broken-ref', 'no such clause', { file: 'ru.md' });
    expect(formatDiagnostic(error)).toBe('ru.md:1:1: error: no such clause (broken-ref)');
    const at = diagnostic('schema', 'x: bad', { file: 'v.yaml', at: { line: 7, column: 2 } });
    expect([at.line, at.column, at.severity]).toEqual([7, 2, 'error']);
  });
});
