import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/diagnostics.js';
import { sha256 } from '../../src/model/lock.js';
import { findService, findVersion } from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { newVersion } from '../../src/publish/new-version.js';
import { publishVersion } from '../../src/publish/publish.js';
import { renderText } from '../../src/render/text/index.js';
import { tempCopy } from '../helpers/terms.js';
import { replaceInFile, snapshotTree } from './helpers.js';

const SERVICE = 'dedicated-compute';
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempCopy());
});
afterEach(() => cleanup());

const draft = (effective = '2026-01-01') => newVersion(dir, SERVICE, { effective, cwd: dir });
const folder = (version: string) => path.join(dir, SERVICE, version);

describe('publishVersion', () => {
  it('flips only the status line of version.yaml and freezes every file', async () => {
    await draft();
    const before = await readFile(path.join(folder('2026-01-01'), 'version.yaml'), 'utf8');
    const result = await publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir });
    expect(result).toEqual({
      service: SERVICE,
      version: '2026-01-01',
      lockFile: path.join(folder('2026-01-01'), 'lock.json'),
      statusChanged: true,
      upgraded: false,
    });
    const after = await readFile(path.join(folder('2026-01-01'), 'version.yaml'), 'utf8');
    expect(after).toBe(before.replace('\nstatus: draft\n', '\nstatus: published\n'));
    const lock = JSON.parse(await readFile(result.lockFile, 'utf8'));
    const hashes: Record<string, string> = {};
    for (const name of ['en.md', 'kk.md', 'ru.md', 'version.yaml'])
      hashes[name] = sha256(await readFile(path.join(folder('2026-01-01'), name)));
    // The rendered text frozen is the text of the version as published (no draft line),
    // rendered here by the text renderer itself.
    const { terms, diagnostics } = await inspectTerms(dir, { cwd: dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const service = findService(terms, SERVICE);
    const published = findVersion(service, '2026-01-01');
    expect(published.status).toBe('published');
    const texts: Record<string, string> = {
      en: renderText(service, published, 'en'),
      kk: renderText(service, published, 'kk'),
      'kk-ru': renderText(service, published, 'kk', { parallel: 'ru' }),
      ru: renderText(service, published, 'ru'),
    };
    const rendered = Object.fromEntries(
      Object.entries(texts).map(([edition, text]) => [
        edition,
        {
          sha256: sha256(text),
          lines: text
            .split('\n')
            .map((line) => sha256(line).slice(0, 8))
            .join(''),
        },
      ]),
    );
    expect(lock).toEqual({
      lockVersion: 2,
      service: SERVICE,
      version: '2026-01-01',
      files: hashes,
      rendered,
    });
    expect(Object.keys(lock.files)).toEqual(['en.md', 'kk.md', 'ru.md', 'version.yaml']);
    expect(Object.keys(lock.rendered)).toEqual(['en', 'kk', 'kk-ru', 'ru']);
    expect(texts.kk).not.toContain('ЖОБА');
  });

  it('refuses a draft with errors and writes nothing', async () => {
    await draft();
    await replaceInFile(
      path.join(folder('2026-01-01'), 'kk.md'),
      '{{sla.availabilityTargetPercent}}',
      '{{sla.availabilityTarget}}',
    );
    const before = await snapshotTree(dir);
    const error = await publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect(
      (error as ContentError).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
    ).toEqual([
      `${SERVICE}/2026-01-01/en.md:101:1 placeholder-mismatch`,
      `${SERVICE}/2026-01-01/kk.md:103:83 unknown-placeholder`,
      `${SERVICE}/2026-01-01/ru.md:101:1 placeholder-mismatch`,
    ]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses a draft that takes effect before the latest published version', async () => {
    await draft();
    await replaceInFile(
      path.join(folder('2026-01-01'), 'version.yaml'),
      'effectiveFrom: 2026-01-01',
      'effectiveFrom: 2025-09-10',
    );
    const before = await snapshotTree(dir);
    const error = await publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir }).catch((e) => e);
    expect((error as ContentError).diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'version-order: draft 2026-01-01 takes effect on 2025-09-10, not after the latest published version (2025-09-10)',
      'version-order: effectiveFrom 2025-09-10 is before the version date 2026-01-01: a version cannot take effect before it is dated',
    ]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses to publish a version twice', async () => {
    await draft();
    await publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir });
    const before = await snapshotTree(dir);
    await expect(publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir })).rejects.toMatchObject({
      kind: 'already-published',
      message: `${SERVICE} 2026-01-01 is already published`,
    });
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses to publish a draft while an earlier draft is pending', async () => {
    await draft('2026-01-01');
    await draft('2026-03-01');
    await expect(publishVersion(dir, SERVICE, '2026-03-01', { cwd: dir })).rejects.toThrow(
      'cannot publish dedicated-compute 2026-03-01 (effective 2026-03-01): draft 2026-01-01 (effective 2026-01-01) takes effect no later; publish or remove it first',
    );
  });

  it('with freeze, locks a published version that has no lock and nothing else', async () => {
    const lockFile = path.join(folder('2025-09-10'), 'lock.json');
    const committed = await readFile(lockFile, 'utf8');
    await rm(lockFile);
    await expect(publishVersion(dir, SERVICE, '2025-09-10', { cwd: dir })).rejects.toThrow(
      `${SERVICE} 2025-09-10 is already published but has no lock.json: run terms publish --freeze ${SERVICE} 2025-09-10`,
    );
    const before = await snapshotTree(dir);
    const result = await publishVersion(dir, SERVICE, '2025-09-10', { cwd: dir, freeze: true });
    expect(result.statusChanged).toBe(false);
    expect(await readFile(lockFile, 'utf8')).toBe(committed);
    const after = await snapshotTree(dir);
    after.delete(`${SERVICE}/2025-09-10/lock.json`);
    expect(after).toEqual(before);
    await expect(
      publishVersion(dir, SERVICE, '2025-09-10', { cwd: dir, freeze: true }),
    ).rejects.toThrow(`${SERVICE} 2025-09-10 is already frozen`);
  });

  it('with freeze, adds the rendered text to a version 1 lock, keeping its file hashes', async () => {
    const lockFile = path.join(folder('2025-09-10'), 'lock.json');
    const committed = await readFile(lockFile, 'utf8');
    const { service, version, files } = JSON.parse(committed);
    await writeFile(lockFile, JSON.stringify({ lockVersion: 1, service, version, files }));
    const before = await snapshotTree(dir);
    const result = await publishVersion(dir, SERVICE, '2025-09-10', { cwd: dir, freeze: true });
    expect(result).toEqual({
      service: SERVICE,
      version: '2025-09-10',
      lockFile,
      statusChanged: false,
      upgraded: true,
    });
    expect(await readFile(lockFile, 'utf8')).toBe(committed);
    const after = await snapshotTree(dir);
    after.delete(`${SERVICE}/2025-09-10/lock.json`);
    before.delete(`${SERVICE}/2025-09-10/lock.json`);
    expect(after).toEqual(before);
  });

  it('with freeze, refuses a version 1 lock whose files changed, and writes nothing', async () => {
    const lockFile = path.join(folder('2025-09-10'), 'lock.json');
    const { service, version, files } = JSON.parse(await readFile(lockFile, 'utf8'));
    await writeFile(lockFile, JSON.stringify({ lockVersion: 1, service, version, files }));
    await replaceInFile(path.join(folder('2025-09-10'), 'en.md'), 'Provider', 'Contractor');
    const before = await snapshotTree(dir);
    const error = await publishVersion(dir, SERVICE, '2025-09-10', {
      cwd: dir,
      freeze: true,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      `${SERVICE}/2025-09-10/en.md frozen-modified`,
    ]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('with freeze, refuses a draft', async () => {
    await draft();
    await expect(
      publishVersion(dir, SERVICE, '2026-01-01', { cwd: dir, freeze: true }),
    ).rejects.toThrow(/is a draft: --freeze only locks a version that is already published/);
  });
});
