import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fixture, tempCopy } from '../helpers/terms.js';

/** The draft of the `good` fixture that hostile content goes into (published versions stay valid). */
export const DRAFT = 'mini/2026-01-01';

/** A temp copy of the `good` fixture tree; `file(rel)` is a path inside it. */
export async function goodCopy() {
  const copy = await tempCopy(fixture('terms', 'good'));
  return { ...copy, file: (rel: string) => path.join(copy.dir, ...rel.split('/')) };
}

/** Appends text to a file of the draft (the last clause of a language file, or version.yaml). */
export async function appendToDraft(dir: string, name: string, text: string): Promise<void> {
  await appendFile(path.join(dir, DRAFT, name), text);
}

/** Replaces the first match of `from` in a file of the draft. */
export async function editDraft(dir: string, name: string, from: string, to: string) {
  const file = path.join(dir, DRAFT, name);
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${name} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}
