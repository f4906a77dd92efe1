import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { inspectTerms } from '../../src/open.js';
import { Workspace } from '../../src/preview/workspace.js';
import { fixture, TERMS, tempCopy } from '../helpers/terms.js';
import { threeVersions } from '../publish/helpers.js';
import { edit, SENTENCE } from './helpers.js';

/** What `terms check` reports for a folder, as lines. */
async function checked(root: string, cwd: string): Promise<string[]> {
  return (await inspectTerms(root, { cwd })).diagnostics.map(formatDiagnostic);
}

const lines = (w: Workspace) => w.allDiagnostics().map(formatDiagnostic);

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

const fixtures = (await readdir(fixture('terms'))).sort();

describe('the preview workspace reports what terms check reports', () => {
  it.each(['(the real terms)', ...fixtures])('on %s', async (name) => {
    const root = name.startsWith('(') ? TERMS : fixture('terms', name);
    const cwd = path.dirname(root);
    const workspace = await Workspace.open(root, { cwd });
    expect(lines(workspace)).toEqual(await checked(root, cwd));
  });

  it('after file-by-file updates, as after a fresh check', async () => {
    const copy = await tempCopy();
    cleanups.push(copy.cleanup);
    const workspace = await Workspace.open(copy.dir, { cwd: copy.dir });
    const same = async () => expect(lines(workspace)).toEqual(await checked(copy.dir, copy.dir));
    // Two more versions (one published, one draft), each change taken in as the watcher would.
    await threeVersions(copy.dir);
    await workspace.update([
      path.join(copy.dir, 'dedicated-compute', '2026-06-01'),
      path.join(copy.dir, 'dedicated-compute', '2027-01-01'),
    ]);
    await same();
    const draft = path.join(copy.dir, 'dedicated-compute', '2027-01-01', 'kk.md');
    await edit(draft, SENTENCE, 'қолжетімділік ұсынады {{sla.nope}}.');
    await workspace.update([draft]);
    await same();
    // Its effective date moved before the published version's: an error of the order of versions.
    const yaml = path.join(copy.dir, 'dedicated-compute', '2027-01-01', 'version.yaml');
    await edit(yaml, 'effectiveFrom: 2027-01-01', 'effectiveFrom: 2026-06-01');
    await workspace.update([yaml]);
    await same();
    await rm(path.join(copy.dir, 'dedicated-compute', '2027-01-01'), { recursive: true });
    await workspace.update([path.join(copy.dir, 'dedicated-compute', '2027-01-01')]);
    await same();
    await writeFile(path.join(copy.dir, 'dedicated-compute', 'service.yaml'), 'id: [');
    await workspace.update([path.join(copy.dir, 'dedicated-compute', 'service.yaml')]);
    await same();
  });

  it('keeps the last good snapshot of a version while service.yaml is broken', async () => {
    const copy = await tempCopy();
    cleanups.push(copy.cleanup);
    const workspace = await Workspace.open(copy.dir, { cwd: copy.dir });
    const key = 'dedicated-compute/2025-09-10';
    const before = workspace.version(key)?.good;
    expect(before).toBeDefined();
    const file = path.join(copy.dir, 'dedicated-compute', 'service.yaml');
    await writeFile(file, 'id: [');
    await workspace.update([file]);
    const state = workspace.version(key);
    expect(state?.good).toBe(before);
    expect(workspace.problemsOf(state as NonNullable<typeof state>).map((d) => d.code)).toContain(
      'yaml-syntax',
    );
  });
});
