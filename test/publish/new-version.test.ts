import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectTerms } from '../../src/open.js';
import { newVersion } from '../../src/publish/new-version.js';
import { redateHeaderComment } from '../../src/publish/yaml-edit.js';
import { tempCopy } from '../helpers/terms.js';
import { snapshotTree } from './helpers.js';

const SERVICE = 'dedicated-compute';
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempCopy());
});
afterEach(() => cleanup());

const folder = (version: string) => path.join(dir, SERVICE, version);

describe('newVersion', () => {
  it('copies the latest version as a draft with the new effective date, without the lock', async () => {
    const result = await newVersion(dir, SERVICE, { effective: '2026-01-01', cwd: dir });
    expect(result).toEqual({
      service: SERVICE,
      version: '2026-01-01',
      from: '2025-09-10',
      effectiveFrom: '2026-01-01',
      dir: folder('2026-01-01'),
    });
    const tree = await snapshotTree(folder('2026-01-01'));
    expect([...tree.keys()]).toEqual(['en.md', 'kk.md', 'ru.md', 'version.yaml']);
    for (const lang of ['kk', 'ru', 'en'])
      expect(tree.get(`${lang}.md`)).toEqual(
        await readFile(path.join(folder('2025-09-10'), `${lang}.md`)),
      );
    const old = await readFile(path.join(folder('2025-09-10'), 'version.yaml'), 'utf8');
    // Only the header comment's date, the effective date and the status change.
    expect(old).toContain('service, version of 10.09.2025.\n');
    expect(tree.get('version.yaml')?.toString('utf8')).toBe(
      old
        .replace('service, version of 10.09.2025.\n', 'service, version of 01.01.2026.\n')
        .replace('\neffectiveFrom: 2025-09-10\n', '\neffectiveFrom: 2026-01-01\n')
        .replace('\nstatus: published\n', '\nstatus: draft\n'),
    );
    const { terms, diagnostics } = await inspectTerms(dir, { cwd: dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const created = terms.services[0]?.versions.find((v) => v.id === '2026-01-01');
    expect(created?.status).toBe('draft');
    expect(created?.effectiveFrom).toBe('2026-01-01');
  });

  it('names the folder by --date and copies the version given by --from', async () => {
    await newVersion(dir, SERVICE, { effective: '2026-01-01', cwd: dir });
    const result = await newVersion(dir, SERVICE, {
      effective: '2026-06-01',
      date: '2026-05-15',
      from: '2025-09-10',
      cwd: dir,
    });
    expect(result.version).toBe('2026-05-15');
    expect(result.from).toBe('2025-09-10');
    const yaml = await readFile(path.join(folder('2026-05-15'), 'version.yaml'), 'utf8');
    expect(yaml).toContain('\neffectiveFrom: 2026-06-01\nstatus: draft\n');
    // The header names the version by its own date, not the one it was copied from.
    expect(yaml.split('\n')[0]).toBe(
      '# Terms of the "Dedicated computing environment" service, version of 15.05.2026.',
    );
  });

  it.each([
    [
      { effective: '2025-09-10' },
      /--effective 2025-09-10 is not after the latest version \(2025-09-10, published, effective from 2025-09-10\)/,
    ],
    [{ effective: '2025-01-01' }, /--effective 2025-01-01 is not after the latest version/],
    [
      { effective: '2026-13-01' },
      /effective: expected an existing calendar date YYYY-MM-DD, got "2026-13-01"/,
    ],
    [
      { effective: '2026-01-01', date: '2026-02-01' },
      /--effective 2026-01-01 is before the version date 2026-02-01: a version cannot take effect before it is dated/,
    ],
    [
      { effective: '2026-01-01', from: '2024-01-01' },
      /unknown version "2024-01-01" of service "dedicated-compute"/,
    ],
  ])('refuses %j and writes nothing', async (options, message) => {
    const before = await snapshotTree(dir);
    await expect(newVersion(dir, SERVICE, { ...options, cwd: dir })).rejects.toThrow(message);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses a date not after a pending draft', async () => {
    await newVersion(dir, SERVICE, { effective: '2026-03-01', cwd: dir });
    const before = await snapshotTree(dir);
    await expect(newVersion(dir, SERVICE, { effective: '2026-02-01', cwd: dir })).rejects.toThrow(
      '--effective 2026-02-01 is not after the latest version (2026-03-01, draft, effective from 2026-03-01): a new version must take effect after every existing one',
    );
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses an unknown service', async () => {
    await expect(newVersion(dir, 'nope', { effective: '2026-01-01', cwd: dir })).rejects.toThrow(
      'unknown service "nope" (known: dedicated-compute)',
    );
  });
});

describe('redateHeaderComment', () => {
  it('changes the dates of the leading comment only, in both spellings, and keeps every other byte', () => {
    const yaml = [
      '# Terms, version of 10.09.2025 (2025-09-10).',
      '#   copied by hand',
      'effectiveFrom: 2025-09-10 # 10.09.2025',
      'note: 10.09.2025',
      '',
    ].join('\n');
    expect(redateHeaderComment(yaml, '2025-09-10', '2027-01-01')).toBe(
      [
        '# Terms, version of 01.01.2027 (2027-01-01).',
        '#   copied by hand',
        'effectiveFrom: 2025-09-10 # 10.09.2025',
        'note: 10.09.2025',
        '',
      ].join('\n'),
    );
    expect(redateHeaderComment('a: 1\n# 2025-09-10\n', '2025-09-10', '2027-01-01')).toBe(
      'a: 1\n# 2025-09-10\n',
    );
  });
});
