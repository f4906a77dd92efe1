import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewEngine } from '../../src/preview/engine.js';
import { Workspace } from '../../src/preview/workspace.js';
import { ROOT } from '../helpers/terms.js';
import { DRAFT, draftCopy, draftFile, edit, SENTENCE } from './helpers.js';

const VNU = path.join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
/** A page the checker must reject: proves it ran and that its report is read. */
const BROKEN =
  '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>\n';
/** Every kind of preview page, and the path it is at. */
const PAGES: Record<string, string> = {
  'index.html': '/',
  'service.html': '/terms/dedicated-compute/',
  'draft-kk.html': `/terms/${DRAFT}/kk.html`,
  'draft-kk-ru.html': `/terms/${DRAFT}/kk-ru.html`,
  'changes-ru.html': `/terms/${DRAFT}/changes/ru.html`,
  'nothing-to-compare.html': '/terms/dedicated-compute/2025-09-10/changes/en.html',
  'source.html': `/__preview/source?file=${encodeURIComponent(`${DRAFT}/kk.md`)}&line=15`,
  'not-found.html': '/no/such/page',
  'stale-kk.html': `/terms/${DRAFT}/kk.html`,
};

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

let dir: string;
let cleanup: () => Promise<void>;
let byFile: Map<string, VnuMessage[]>;
beforeAll(async () => {
  const copy = await draftCopy();
  cleanup = copy.cleanup;
  const engine = new PreviewEngine(await Workspace.open(copy.dir, { cwd: copy.dir }));
  dir = await mkdtemp(path.join(os.tmpdir(), 'terms-vnu-preview-'));
  const write = async (name: string, target: string) =>
    writeFile(path.join(dir, name), (await engine.answer(target)).body);
  for (const [name, target] of Object.entries(PAGES))
    if (name !== 'stale-kk.html') await write(name, target);
  // The page of a version with an error: the problems, the stale marker, the last good render.
  await edit(draftFile(copy.dir), SENTENCE, 'қолжетімділік ұсынады {{sla.nope}}.');
  await engine.workspace.update([draftFile(copy.dir)]);
  await write('stale-kk.html', PAGES['stale-kk.html'] as string);
  await writeFile(path.join(dir, 'broken.html'), BROKEN);
  const names = [...Object.keys(PAGES), 'broken.html'];
  const run = spawnSync(
    'java',
    ['-jar', VNU, '--format', 'json', ...names.map((n) => path.join(dir, n))],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.error) throw run.error;
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  byFile = new Map(names.map((n) => [n, []]));
  for (const m of report.messages) byFile.get(path.basename(m.url))?.push(m);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await cleanup?.();
});

describe('Nu HTML Checker on preview pages', () => {
  it('rejects a broken page (the checker ran and its report is read)', () => {
    expect((byFile.get('broken.html') ?? []).some((m) => m.type === 'error')).toBe(true);
  });

  it.each(Object.keys(PAGES))('finds no error and no warning in %s', (name) => {
    expect(
      byFile
        .get(name)
        ?.map(
          (m) => `${m.type}${m.subType ? `/${m.subType}` : ''} line ${m.lastLine}: ${m.message}`,
        ),
    ).toEqual([]);
  });
});
