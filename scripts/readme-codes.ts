// Writes the README's table of diagnostic codes from the registry (src/diagnostic-codes.ts):
// `npx tsx scripts/readme-codes.ts`. test/diagnostics/codes.test.ts fails when they differ.
import { fileURLToPath } from 'node:url';
import { CODES } from '../src/diagnostic-codes.js';
import { type Block, writeReadmeBlock } from './readme-block.js';

/** The README block this script writes. */
export const CODES_BLOCK: Block = { name: 'codes', script: 'scripts/readme-codes.ts' };

/** The Markdown table of every code: code, severity, meaning. */
export function codesTable(): string {
  const rows = Object.entries(CODES).map(
    ([code, { severity, doc }]) => `| \`${code}\` | ${severity} | ${doc.replaceAll('|', '\\|')} |`,
  );
  return ['| code | severity | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeReadmeBlock(CODES_BLOCK, codesTable());
