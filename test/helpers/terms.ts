import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The real terms folder. */
export const TERMS = path.join(ROOT, 'terms');
/** A fixture folder under test/fixtures/. */
export const fixture = (...parts: string[]) => path.join(ROOT, 'test', 'fixtures', ...parts);

/** Copies a terms folder into a fresh temp folder; returns its path and a cleanup function. */
export async function tempCopy(
  source: string = TERMS,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'terms-test-'));
  const dir = path.join(base, 'terms');
  await cp(source, dir, { recursive: true });
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}
