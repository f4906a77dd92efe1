// A terms tree with many versions, for the scale benchmark: the real 2025-09-10 version of
// dedicated-compute copied `count` times, one week apart, each published with a valid lock.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lockOf, stringifyLock } from '../src/model/lock.js';

/** The version every generated one is a copy of. */
export const SOURCE_SERVICE = 'dedicated-compute';
export const SOURCE_VERSION = '2025-09-10';
/** The first generated version's date; the next ones follow every `STEP_DAYS` days. */
export const FIRST_DATE = '2000-01-03';
export const STEP_DAYS = 7;

/** The date `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The version ids (= effective dates) of a generated tree of `count` versions. */
export function generatedDates(count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(FIRST_DATE, i * STEP_DAYS));
}

/**
 * Writes `<out>/<service>/…` with `count` published versions, consecutive in time: version i
 * is dated and takes effect on FIRST_DATE + 7·i days, so each is in force for one week and the
 * last one from then on. Their texts are those of the source version; every one has the
 * lock.json `terms publish` would write, so `terms check` passes.
 */
export async function generateTerms(
  termsRoot: string,
  out: string,
  count: number,
): Promise<string[]> {
  const from = path.join(termsRoot, SOURCE_SERVICE, SOURCE_VERSION);
  const yaml = await readFile(path.join(from, 'version.yaml'), 'utf8');
  if (!/^effectiveFrom: .*$/m.test(yaml) || !/^status: .*$/m.test(yaml))
    throw new Error(`${from}/version.yaml has no top-level effectiveFrom or status line`);
  const texts = new Map<string, Buffer>();
  for (const lang of ['kk', 'ru', 'en'])
    texts.set(`${lang}.md`, await readFile(path.join(from, `${lang}.md`)));
  const serviceDir = path.join(out, SOURCE_SERVICE);
  await mkdir(serviceDir, { recursive: true });
  await copyFile(
    path.join(termsRoot, SOURCE_SERVICE, 'service.yaml'),
    path.join(serviceDir, 'service.yaml'),
  );
  const dates = generatedDates(count);
  for (const date of dates) {
    const dir = path.join(serviceDir, date);
    await mkdir(dir);
    const files = new Map<string, Uint8Array | string>(texts);
    files.set(
      'version.yaml',
      yaml
        .replace(/^effectiveFrom: .*$/m, `effectiveFrom: ${date}`)
        .replace(/^status: .*$/m, 'status: published'),
    );
    for (const [name, bytes] of files) await writeFile(path.join(dir, name), bytes);
    await writeFile(
      path.join(dir, 'lock.json'),
      stringifyLock(lockOf(SOURCE_SERVICE, date, files)),
    );
  }
  return dates;
}
