import { readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGS, type Lang } from '../../src/model/lang.js';

/** The lines of a clause: its heading and everything up to the next heading of its level or above. */
function clauseRange(lines: string[], id: string): [number, number] {
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && l.endsWith(`{#${id}}`));
  if (start < 0) throw new Error(`no clause {#${id}}`);
  const level = (lines[start] as string).indexOf(' ');
  let end = start + 1;
  while (end < lines.length) {
    const m = /^(#{1,4}) /.exec(lines[end] as string);
    if (m && (m[1] as string).length <= level) break;
    end++;
  }
  return [start, end];
}

/** Removes a clause (with its sub-clauses) from a Markdown text. */
export function removeClause(md: string, id: string): string {
  const lines = md.split('\n');
  const [start, end] = clauseRange(lines, id);
  lines.splice(start, end - start);
  return lines.join('\n');
}

/** Moves a clause (with its sub-clauses) to just before another clause. */
export function moveClause(md: string, id: string, beforeId: string): string {
  const lines = md.split('\n');
  const [start, end] = clauseRange(lines, id);
  const block = lines.splice(start, end - start);
  const [at] = clauseRange(lines, beforeId);
  lines.splice(at, 0, ...block);
  return lines.join('\n');
}

/** Inserts Markdown lines just before a clause. */
export function insertBefore(md: string, beforeId: string, text: string): string {
  const lines = md.split('\n');
  const [at] = clauseRange(lines, beforeId);
  lines.splice(at, 0, ...text.split('\n'));
  return lines.join('\n');
}

/** Replaces text in a file, failing when the text is not there (so a test cannot edit nothing). */
export async function replaceInFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}

/** Rewrites each language file of a version folder. */
export async function editLanguages(
  dir: string,
  edit: (md: string, lang: Lang) => string,
): Promise<void> {
  for (const lang of LANGS) {
    const file = path.join(dir, `${lang}.md`);
    await writeFile(file, edit(await readFile(file, 'utf8'), lang));
  }
}

/** Every file under a folder with its bytes, by relative path (sorted), to compare trees exactly; links are not followed. */
export async function snapshotTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink())
        out.set(child, Buffer.from(`symlink to ${await readlink(path.join(root, child))}`));
      else if (e.isDirectory()) await walk(child);
      else out.set(child, await readFile(path.join(root, child)));
    }
  };
  await walk('');
  return out;
}

/**
 * The scenario of the versions-over-time issue, on a copy of the real terms: a second version
 * effective 2026-06-01 raises the guarantee to 99.95 % (and its tier) and drops the duplicate
 * clause 3.5, published; a third, effective 2027-01-01, shortens the reboot time to 30 minutes
 * and is left a draft for the caller to publish.
 */
export async function threeVersions(dir: string): Promise<void> {
  const { newVersion } = await import('../../src/publish/new-version.js');
  const { publishVersion } = await import('../../src/publish/publish.js');
  const folder = (v: string) => path.join(dir, 'dedicated-compute', v);
  await newVersion(dir, 'dedicated-compute', { effective: '2026-06-01', cwd: dir });
  const yaml = path.join(folder('2026-06-01'), 'version.yaml');
  await replaceInFile(yaml, 'availabilityTargetPercent: 99.9 ', 'availabilityTargetPercent: 99.95');
  await replaceInFile(yaml, '{ min: 99.9,', '{ min: 99.95,');
  await replaceInFile(yaml, 'max: 99.9,', 'max: 99.95,');
  await editLanguages(folder('2026-06-01'), (md) => removeClause(md, 'dedicated-ip-repeated'));
  await publishVersion(dir, 'dedicated-compute', '2026-06-01', { cwd: dir });
  await newVersion(dir, 'dedicated-compute', { effective: '2027-01-01', cwd: dir });
  await replaceInFile(
    path.join(folder('2027-01-01'), 'version.yaml'),
    'withinMinutes: 45',
    'withinMinutes: 30',
  );
}
