import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newVersion } from '../../src/publish/new-version.js';
import { tempCopy } from '../helpers/terms.js';

/** The draft every preview test edits, started from the published 2025-09-10. */
export const DRAFT = 'dedicated-compute/2026-06-01';
/** A sentence of clause 1.1 in Kazakh, which tests edit. */
export const SENTENCE = 'қолжетімділік ұсынады.';

/** A temporary copy of the terms with a draft beside the published version. */
export async function draftCopy(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const copy = await tempCopy();
  await newVersion(copy.dir, 'dedicated-compute', { effective: '2026-06-01', cwd: copy.dir });
  return copy;
}

/** Replaces the first occurrence of `from` in a file (it must be there). */
export async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}

/** The Kazakh file of the draft in a copy. */
export const draftFile = (dir: string, name = 'kk.md') => path.join(dir, DRAFT, name);

/** The line and column (1-based) where `needle` starts in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no "${needle}"`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
