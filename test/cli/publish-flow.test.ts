import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/model/lock.js';
import { runCli } from '../helpers/cli.js';
import { tempCopy } from '../helpers/terms.js';
import { replaceInFile, snapshotTree } from '../publish/helpers.js';

const S = 'dedicated-compute';
let dir: string;
let cwd: string;
let cleanup: () => Promise<void>;
const terms = (...args: string[]) => runCli([...args, '--terms', dir], { cwd });
const draftDir = () => path.join(dir, S, '2026-01-01');

beforeAll(async () => {
  ({ dir, cleanup } = await tempCopy());
  cwd = path.dirname(dir);
});
afterAll(() => cleanup());

// One story, step by step, on a copy of the real terms: draft → edit → check → diff → publish.
describe('a new version from draft to published', () => {
  it('starts a draft with new-version', async () => {
    const r = await terms('new-version', S, '--effective', '2026-01-01');
    expect(r).toMatchObject({ code: 0, stdout: 'terms/dedicated-compute/2026-01-01\n' });
    expect(r.stderr).toBe(
      'created draft dedicated-compute 2026-01-01 (effective from 2026-01-01) from 2025-09-10 in terms/dedicated-compute/2026-01-01\n',
    );
  });

  it('accepts the edited draft in check', async () => {
    const yaml = path.join(draftDir(), 'version.yaml');
    await replaceInFile(
      yaml,
      'availabilityTargetPercent: 99.9 ',
      'availabilityTargetPercent: 99.5 ',
    );
    // Meeting the new target must still earn no credit: the tier bounds move with it.
    await replaceInFile(yaml, '{ min: 99.9, minInclusive: true', '{ min: 99.5, minInclusive: true');
    await replaceInFile(yaml, 'max: 99.9, maxInclusive: false', 'max: 99.5, maxInclusive: false');
    await replaceInFile(
      path.join(draftDir(), 'kk.md'),
      'Тапсырыс беруші Есептеу ортасын өз бетінше басқарады',
      'Тапсырыс беруші Есептеу ортасын толықтай өз бетінше басқарады',
    );
    const r = await terms('check');
    expect(r.code).toBe(0);
    // Per version: the 3.4/3.5 duplicate in three languages and the three unstated tier bounds.
    expect(r.stderr).toContain('0 error(s), 12 warning(s) in 1 service(s), 2 version(s)');
  });

  it('shows the parameter, the clause edit and the changed placeholder text in diff, exit 1', async () => {
    const r = await terms('diff', S, '2025-09-10', '2026-01-01');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(3, 7)).toEqual([
      'parameters:',
      '  sla.availabilityTargetPercent: 99.9 → 99.5',
      '  sla.compensationTiers[0].availabilityPercent.min: 99.9 → 99.5',
      '  sla.compensationTiers[1].availabilityPercent.max: 99.9 → 99.5',
    ]);
    expect(lines).toContain('  ~ 3.6. self-management (text changed)');
    expect(lines).toContain(
      '      Тапсырыс беруші Есептеу ортасын {+толықтай +}өз бетінше басқарады, оған орналастыру орнына байланысты қашықтан немесе тікелей қол жеткізеді.',
    );
    expect(lines).toContain(
      '      Орындаушы есепті кезең үшін Келісімге (SLA) сәйкес бөлінген есептеу ресурстарының [-99,9%-]{+99,5%+} қолжетімділігін кепілдік етеді.',
    );
    expect(lines).toContain(
      '      Исполнитель гарантирует в соответствии с Соглашением (SLA) доступность выделенных вычислительных ресурсов на уровне [-99,9-]{+99,5+}\u00a0% за отчётный период.',
    );
    expect(lines).toContain(
      '      The Provider guarantees, in accordance with the Agreement (SLA), [-99.9%-]{+99.5%+} availability of the dedicated computing resources for the reporting period.',
    );
    expect(lines.filter((l) => l === '  ~ 5.6. availability-target (text changed)')).toHaveLength(
      3,
    );
    expect(lines.filter((l) => l.includes('self-management'))).toHaveLength(1);
  });

  it('gives the same changes as JSON and as an HTML redline', async () => {
    const json = await terms(
      'diff',
      S,
      '2025-09-10',
      '2026-01-01',
      '--format',
      'json',
      '--lang',
      'kk',
    );
    expect(json.code).toBe(1);
    const diff = JSON.parse(json.stdout);
    expect(diff.parameters[0]).toEqual({
      path: 'sla.availabilityTargetPercent',
      change: 'changed',
      from: 99.9,
      to: 99.5,
    });
    expect(diff.languages.map((l: { lang: string }) => l.lang)).toEqual(['kk']);
    expect(diff.languages[0].clauses.map((c: { id: string }) => c.id)).toEqual([
      'self-management',
      'availability-target',
      'compensation',
    ]);
    const html = await terms('diff', S, '2025-09-10', '2026-01-01', '--format', 'html');
    expect(html.code).toBe(1);
    expect(html.stdout).toContain('<del>99,9%</del><ins>99,5%</ins>');
    expect(html.stdout).toContain('<ins>толықтай </ins>');
  });

  it('publishes the draft: status published and a lock of its files', async () => {
    const r = await terms('publish', S, '2026-01-01');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(
      'published dedicated-compute 2026-01-01; frozen in terms/dedicated-compute/2026-01-01/lock.json\n',
    );
    expect(await readFile(path.join(draftDir(), 'version.yaml'), 'utf8')).toContain(
      '\neffectiveFrom: 2026-01-01\nstatus: published\n',
    );
    const lock = JSON.parse(await readFile(path.join(draftDir(), 'lock.json'), 'utf8'));
    expect(lock.files['kk.md']).toBe(sha256(await readFile(path.join(draftDir(), 'kk.md'))));
    expect((await terms('check')).code).toBe(0);
  });

  it('lists both versions with their ranges and answers by date', async () => {
    const v = await terms('versions', S);
    expect(v.stdout).toBe(
      [
        'version     status     in force',
        '2025-09-10  published  2025-09-10 → 2026-01-01',
        '2026-01-01  published  2026-01-01 → (open)',
        '',
      ].join('\n'),
    );
    const after = JSON.parse((await terms('rules', S, '--at', '2026-01-01')).stdout);
    expect([after.version, after.sla.availabilityTargetPercent, after.effectiveTo]).toEqual([
      '2026-01-01',
      99.5,
      null,
    ]);
    const before = JSON.parse((await terms('rules', S, '--at', '2025-12-31')).stdout);
    expect([before.version, before.sla.availabilityTargetPercent, before.effectiveTo]).toEqual([
      '2025-09-10',
      99.9,
      '2026-01-01',
    ]);
  });

  it('refuses to publish it again and to edit it afterwards', async () => {
    const again = await terms('publish', S, '2026-01-01');
    expect(again).toMatchObject({
      code: 1,
      stderr: 'terms: dedicated-compute 2026-01-01 is already published\n',
    });
    await replaceInFile(path.join(draftDir(), 'en.md'), 'Provider', 'Supplier');
    const check = await terms('check');
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(
      /^terms\/dedicated-compute\/2026-01-01\/en\.md:1:1: error: published file changed since it was frozen \(sha256 [0-9a-f]{64} expected [0-9a-f]{64}\): publish a new version instead \(frozen-modified\)$/m,
    );
  });
});

describe('bad input to the publishing commands', () => {
  let copy: Awaited<ReturnType<typeof tempCopy>>;
  beforeAll(async () => {
    copy = await tempCopy();
  });
  afterAll(() => copy.cleanup());
  const run = (...args: string[]) =>
    runCli([...args, '--terms', copy.dir], { cwd: path.dirname(copy.dir) });

  it('new-version with a date not after the latest: exit 1, nothing written', async () => {
    const before = await snapshotTree(copy.dir);
    const r = await run('new-version', S, '--effective', '2025-09-10');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'terms: --effective 2025-09-10 is not after the latest version (2025-09-10, published, effective from 2025-09-10): a new version must take effect after every existing one\n',
    );
    expect(await snapshotTree(copy.dir)).toEqual(before);
  });

  it('new-version on a terms folder that does not exist says so: exit 1', async () => {
    const r = await runCli([
      'new-version',
      S,
      '--effective',
      '2027-01-01',
      '--terms',
      '/nonexistent-terms',
    ]);
    expect(r).toEqual(
      expect.objectContaining({
        code: 1,
        stdout: '',
        stderr: 'terms: /nonexistent-terms: terms folder not found or not a folder\n',
      }),
    );
  });

  it('publish of a version with errors: exit 1 with the diagnostics, files unchanged', async () => {
    expect((await run('new-version', S, '--effective', '2026-02-01')).code).toBe(0);
    await replaceInFile(
      path.join(copy.dir, S, '2026-02-01', 'version.yaml'),
      'creditPercent: 5',
      'creditPercent: 20',
    );
    const before = await snapshotTree(copy.dir);
    const r = await run('publish', S, '2026-02-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: tier 2 gives 20% credit for higher availability than tier 3',
    );
    expect(r.stderr).toContain('terms: cannot publish dedicated-compute 2026-02-01: it has errors');
    expect(await snapshotTree(copy.dir)).toEqual(before);
  });

  it('diff of an unknown version: exit 1', async () => {
    const r = await run('diff', S, '2025-09-10', '2030-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^terms: unknown version "2030-01-01" of service "dedicated-compute"/);
  });

  it.each([
    [['diff', S, '2025-09-10', '2025-09-10', '--colour']],
    [['diff', S, '2025-09-10', '2025-09-10', '--format', 'pdf']],
    [['diff', S, '2025-09-10', '2025-09-10', '--lang', 'de']],
    [['diff', S, '2025-09-10']],
    [['publish', S]],
    [['publish', S, '2025-09-10', '--force']],
    [['new-version', S]],
    [['new-version', S, '--effective', '2026-05-01', '--draft']],
    [['build', '--workers', 'many']],
    [['build', 'dist']],
  ])('%j is a usage error: exit 2', async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^terms: .+\n(.*\n)*usage: terms /);
  });

  it('diff with a version that has errors: exit 1 naming them; other versions still compare', async () => {
    const r = await run('diff', S, '2025-09-10', '2026-02-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '(tier-monotonic)\nterms: cannot compare dedicated-compute 2026-02-01: it has errors\n',
    );
  });

  it('diff of a version with itself: no differences, exit 0', async () => {
    const r = await run('diff', S, '2025-09-10', '2025-09-10');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\nno differences\n')).toBe(true);
  });
});
