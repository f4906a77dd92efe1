import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedDates, generateTerms } from '../../bench/generate.js';
import { isRunning, runBounded, startService, TimeoutError, treeOf } from '../../bench/procs.js';
import { Report, summarize } from '../../bench/report.js';
import { findService, versionAt, versionRanges } from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { runCli } from '../helpers/cli.js';
import { TERMS } from '../helpers/terms.js';

const base = await mkdtemp(path.join(os.tmpdir(), 'terms-bench-test-'));
afterAll(() => rm(base, { recursive: true, force: true }));

describe('scale tree generator', () => {
  it('writes published, locked, consecutive versions that terms check accepts', async () => {
    const dir = path.join(base, 'terms');
    const dates = await generateTerms(TERMS, dir, 3);
    expect(dates).toEqual(['2000-01-03', '2000-01-10', '2000-01-17']);
    expect(generatedDates(3)).toEqual(dates);

    // The real text repeats clause 3.4 as 3.5 (as the signed original does) and leaves three
    // tier bounds unstated: warnings (3 + 3 a version), no error.
    const check = await runCli(['check', '--terms', dir]);
    expect(check.code).toBe(0);
    expect(check.stdout + check.stderr).toContain(
      '0 error(s), 18 warning(s) in 1 service(s), 3 version(s)',
    );

    const { terms, diagnostics } = await inspectTerms(dir);
    expect(new Set(diagnostics.map((d) => `${d.severity} ${d.code}`))).toEqual(
      new Set(['warning duplicate-clause-text', 'warning tier-bound-unstated']),
    );
    const service = findService(terms, 'dedicated-compute');
    expect(versionRanges(service)).toEqual([
      {
        version: '2000-01-03',
        status: 'published',
        effectiveFrom: '2000-01-03',
        effectiveTo: '2000-01-10',
      },
      {
        version: '2000-01-10',
        status: 'published',
        effectiveFrom: '2000-01-10',
        effectiveTo: '2000-01-17',
      },
      {
        version: '2000-01-17',
        status: 'published',
        effectiveFrom: '2000-01-17',
        effectiveTo: null,
      },
    ]);
    expect(versionAt(service, '2000-01-16')?.id).toBe('2000-01-10');
    expect(versionAt(service, '2000-01-02')).toBeUndefined();
    const lock = JSON.parse(
      await readFile(path.join(dir, 'dedicated-compute', '2000-01-10', 'lock.json'), 'utf8'),
    );
    expect(lock.version).toBe('2000-01-10');
  });
});

// A child that starts a grandchild in its own process group (as Chromium does), writes the
// grandchild's pid to a file, then both hang.
const HANGING = `
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const g = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
writeFileSync(process.argv[1], String(g.pid));
process.on('SIGTERM', () => {});
setInterval(() => {}, 1000);
`;

/** Whether `pid` is still alive after giving a SIGKILL a moment to land (delivery is asynchronous). */
async function stillRunning(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return isRunning(pid);
}

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    try {
      const text = await readFile(file, 'utf8');
      if (text) return text;
    } catch {
      // Not written yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} was never written`);
}

describe('bounded child processes', () => {
  it('kills a run that outlives its bound, with the grandchild in another process group', async () => {
    const pidFile = path.join(base, 'grandchild-1.pid');
    const run = runBounded(process.execPath, ['-e', HANGING, pidFile], {
      label: 'hanging peer',
      timeoutMs: 3000,
    });
    const grandchild = Number(await waitForFile(pidFile));
    expect(isRunning(grandchild)).toBe(true);
    await expect(run).rejects.toThrow(TimeoutError);
    await expect(run).rejects.toThrow(
      'hanging peer did not finish within 3 s: killed it and its child processes',
    );
    expect(await stillRunning(grandchild)).toBe(false);
  });

  it('stops a service that never gets ready, and everything it started', async () => {
    const pidFile = path.join(base, 'grandchild-2.pid');
    let child = 0;
    const started = startService(process.execPath, ['-e', HANGING, pidFile], {
      label: 'silent server',
      logFile: path.join(base, 'silent.log'),
      timeoutMs: 3000,
      ready: async () => {
        const text = await readFile(pidFile, 'utf8').catch(() => '');
        if (text) child = Number(text);
        return false;
      },
    });
    await expect(started).rejects.toThrow('silent server was not ready within 3 s: killed it');
    expect(child).toBeGreaterThan(0);
    expect(await stillRunning(child)).toBe(false);
  });

  it('reports a failing command with its exit code and stderr', async () => {
    const run = runBounded(
      process.execPath,
      ['-e', 'console.error("no such page"); process.exit(3)'],
      {
        label: 'peer',
        timeoutMs: 30_000,
      },
    );
    await expect(run).rejects.toThrow('peer exited with 3: no such page');
  });

  it('measures a finished run: output, and the memory of its tree', async () => {
    const result = await runBounded(process.execPath, ['-e', 'console.log("ok")'], {
      label: 'node',
      timeoutMs: 30_000,
      memory: true,
    });
    expect(result.stdout).toBe('ok\n');
    expect(result.code).toBe(0);
    expect(result.treePeakKb).toBeGreaterThan(0);
    expect(treeOf(process.pid)[0]?.pid).toBe(process.pid);
  });
});

describe('report', () => {
  it('summarizes samples with interpolated percentiles', () => {
    const stats = summarize(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(stats).toEqual({ n: 20, median: 10.5, p95: 19.05, min: 1, max: 20, mean: 10.5 });
  });

  it('compares with a peer in the direction that is better for the unit', () => {
    const report = new Report({ quick: true, sections: [] }, () => {});
    const faster = report.add({
      id: 'a',
      section: 's',
      label: 'render',
      unit: 'ms',
      better: 'lower',
      ...summarize([40]),
      peer: { name: 'Chromium', ...summarize([120]) },
    });
    expect([faster.ratio, faster.verdict]).toEqual([1 / 3, '3.0× better than Chromium']);
    const slower = report.add({
      id: 'b',
      section: 's',
      label: 'serve',
      unit: 'req/s',
      better: 'higher',
      ...summarize([2000]),
      peer: { name: 'nginx', ...summarize([8000]) },
    });
    expect([slower.ratio, slower.verdict]).toEqual([0.25, '4.0× worse than nginx']);
    report.skip('http.nginx', 'nginx is not installed');
    expect(report.table().split('\n').slice(2)).toEqual([
      '| render | ms | 1 | 40.0 | 40.0 | Chromium: 120 | 3.0× better than Chromium |',
      '| serve | req/s | 1 | 2,000 | 2,000 | nginx: 8,000 | 4.0× worse than nginx |',
      '| SKIPPED: http.nginx | | | | | | nginx is not installed |',
    ]);
  });
});
