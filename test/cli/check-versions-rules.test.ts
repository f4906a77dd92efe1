import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { fixture, tempCopy } from '../helpers/terms.js';

const GOOD = fixture('terms', 'good');

describe('terms check', () => {
  it('passes the real terms with the 3.4/3.5 duplicate and the three unstated tier bounds as warnings only', async () => {
    const r = await runCli(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'terms/dedicated-compute/2025-09-10/en.md:55:1: warning: clause 3.5 repeats clause 3.4 word for word (duplicate-clause-text)',
        'terms/dedicated-compute/2025-09-10/kk.md:55:1: warning: clause 3.5 repeats clause 3.4 word for word (duplicate-clause-text)',
        'terms/dedicated-compute/2025-09-10/ru.md:55:1: warning: clause 3.5 repeats clause 3.4 word for word (duplicate-clause-text)',
        "terms/dedicated-compute/2025-09-10/version.yaml:23:74: warning: the text does not state what happens at 99.9 % (tier 1 is worded above/below only): at exactly 99.9 % the parameters give 0 % (tier 1), the operator's reading (tier-bound-unstated)",
        "terms/dedicated-compute/2025-09-10/version.yaml:27:122: warning: the text does not state what happens at 99.0 % (tier 3 is worded above/below only): at exactly 99.0 % the parameters give 10 % (tier 3), the operator's reading (tier-bound-unstated)",
        "terms/dedicated-compute/2025-09-10/version.yaml:29:102: warning: the text does not state what happens at 95.0 % (tier 4 is worded above/below only): at exactly 95.0 % the parameters give 15 % (tier 4), the operator's reading (tier-bound-unstated)",
        '0 error(s), 6 warning(s) in 1 service(s), 1 version(s)',
        '',
      ].join('\n'),
    );
  });

  it('prints every problem as file:line:col and exits 1 on errors', async () => {
    const r = await runCli(['check', '--terms', fixture('terms', 'tiers')], {
      cwd: fixture('terms', 'tiers'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'mini/2025-01-01/version.yaml:13:9: error: no tier covers availability of exactly 99% (tier-gap)',
      'mini/2025-01-01/version.yaml:14:9: error: tier 3 gives 10% credit for higher availability than tier 4, which gives 3%: lower availability must never earn less credit (tier-monotonic)',
      'mini/2025-01-01/version.yaml:14:9: error: tiers 4 and 3 both cover availability between 95% and 96% (tier-overlap)',
    ]);
  });

  it('gives the diagnostics as JSON on stdout with --format json', async () => {
    const r = await runCli(['check', '--terms', fixture('terms', 'labels'), '--format', 'json'], {
      cwd: fixture('terms', 'labels'),
    });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.errors).toBe(2);
    expect(json.diagnostics[0]).toEqual({
      file: 'mini/2025-01-01/kk.md',
      line: 1,
      column: 1,
      severity: 'error',
      code: 'missing-label',
      message: 'front matter has no restoreTimes.repair label for the restore-time table',
    });
  });

  it('reports a YAML syntax error with its line instead of crashing', async () => {
    const copy = await tempCopy();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        `${copy.dir}/dedicated-compute/service.yaml`,
        'id: dedicated-compute\nnames: [kk\n',
      );
      const r = await runCli(['check', '--terms', copy.dir], { cwd: copy.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^dedicated-compute\/service\.yaml:\d+:\d+: error: YAML: .+ \(yaml-syntax\)$/m,
      );
    } finally {
      await copy.cleanup();
    }
  });
});

describe('terms versions', () => {
  it('lists versions with effective ranges', async () => {
    const r = await runCli(['versions', 'mini', '--terms', GOOD]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'version     status     in force',
        '2025-01-01  published  2025-01-01 → 2025-06-15',
        '2025-06-01  published  2025-06-15 → (open)',
        '',
      ].join('\n'),
    );
  });

  it('gives JSON with drafts when asked', async () => {
    const r = await runCli(['versions', 'mini', '--terms', GOOD, '--json', '--drafts']);
    expect(JSON.parse(r.stdout).versions.map((v: { version: string }) => v.version)).toEqual([
      '2025-01-01',
      '2025-06-01',
      '2026-01-01',
    ]);
  });

  it('names an unknown service, exit 1, nothing on stdout', async () => {
    const r = await runCli(['versions', 'nope', '--terms', GOOD]);
    expect(r).toEqual(expect.objectContaining({ code: 1, stdout: '' }));
    expect(r.stderr).toBe('terms: unknown service "nope" (known: mini)\n');
  });
});

describe('terms rules', () => {
  it('prints the rules of the version in force at a date', async () => {
    const r = await runCli(['rules', 'mini', '--at', '2025-06-15', '--terms', GOOD]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      version: '2025-06-01',
      effectiveFrom: '2025-06-15',
      effectiveTo: null,
    });
  });

  it('prints the rules of a named version, drafts included', async () => {
    const r = await runCli(['rules', 'mini', '--version', '2026-01-01', '--terms', GOOD]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      version: '2026-01-01',
      sla: { dataLossCreditPercent: 40 },
    });
  });

  it.each([
    [
      ['rules', 'mini', '--at', '2025-02-30'],
      1,
      'terms: at: expected an existing calendar date YYYY-MM-DD, got "2025-02-30"\n',
    ],
    [
      ['rules', 'mini', '--at', '2024-12-31'],
      1,
      'terms: no version of "mini" is in force on 2024-12-31: the first takes effect on 2025-01-01\n',
    ],
    [
      ['rules', 'mini', '--version', '2024-01-01'],
      1,
      'terms: unknown version "2024-01-01" of service "mini" (known: 2025-01-01, 2025-06-01, 2026-01-01)\n',
    ],
    [['rules', 'nope', '--at', '2025-06-15'], 1, 'terms: unknown service "nope" (known: mini)\n'],
  ])('%j exits %i with a clear message and nothing on stdout', async (args, code, stderr) => {
    const r = await runCli([...args, '--terms', GOOD]);
    expect(r).toEqual(expect.objectContaining({ code, stdout: '', stderr }));
  });

  it.each([
    [['rules', 'mini']],
    [['rules', 'mini', '--at', '2025-06-15', '--version', '2025-06-01']],
    [['rules', 'mini', '--colour', 'red']],
    [['frobnicate']],
  ])('%j is a usage error: exit 2', async (args) => {
    const r = await runCli([...args, '--terms', GOOD]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^terms: .+/);
  });

  it('prints the JSON Schema with --schema', async () => {
    const r = await runCli(['rules', '--schema']);
    expect(JSON.parse(r.stdout).title).toBe('Terms rules, schemaVersion 1');
  });

  it('refuses to give rules from a tree with errors, listing them', async () => {
    const r = await runCli(
      ['rules', 'mini', '--at', '2025-06-15', '--terms', fixture('terms', 'tiers')],
      {
        cwd: fixture('terms', 'tiers'),
      },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'mini/2025-01-01/version.yaml:13:9: error: no tier covers availability of exactly 99% (tier-gap)',
    );
  });
});

describe('the terms bin', () => {
  it('runs as a separate process with the exit codes of the contract', async () => {
    const ok = await spawnCli(['rules', 'dedicated-compute', '--at', '2025-10-01']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).sla.availabilityTargetPercent).toBe(99.9);
    const bad = await spawnCli(['rules', 'dedicated-compute', '--at', '2025-09-09']);
    expect(bad).toEqual(expect.objectContaining({ code: 1, stdout: '' }));
    const usage = await spawnCli(['rules', 'dedicated-compute', '--lang']);
    expect(usage.code).toBe(2);
  });
});

describe('a draft with errors', () => {
  it('fails check but never blocks the published versions; naming it says why', async () => {
    const copy = await tempCopy(GOOD);
    try {
      const { readFile, writeFile } = await import('node:fs/promises');
      const kk = `${copy.dir}/mini/2026-01-01/kk.md`;
      await writeFile(
        kk,
        (await readFile(kk, 'utf8')).replace('{{sla.availabilityTargetPercent}}', '{{sla.nope}}'),
      );
      const check = await runCli(['check', '--terms', copy.dir], { cwd: copy.dir });
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(
        'mini/2026-01-01/kk.md:15:15: error: {{sla.nope}} is not a parameter of this version (unknown-placeholder)',
      );
      const rules = await runCli(['rules', 'mini', '--at', '2026-06-01', '--terms', copy.dir]);
      expect(rules.code).toBe(0);
      expect(JSON.parse(rules.stdout).version).toBe('2025-06-01');
      const draft = await runCli(['rules', 'mini', '--version', '2026-01-01', '--terms', copy.dir]);
      expect(draft).toEqual(
        expect.objectContaining({
          code: 1,
          stdout: '',
          stderr:
            'terms: version "2026-01-01" of service "mini" is a draft with 3 error(s): run `terms check`\n',
        }),
      );
      const versions = await runCli([
        'versions',
        'mini',
        '--drafts',
        '--json',
        '--terms',
        copy.dir,
      ]);
      expect(
        JSON.parse(versions.stdout).versions.map((v: { version: string }) => v.version),
      ).toEqual(['2025-01-01', '2025-06-01']);
    } finally {
      await copy.cleanup();
    }
  });
});
