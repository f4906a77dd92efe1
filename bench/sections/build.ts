// A full `terms build` of the real terms, as a user runs it: a fresh process each time.
import os from 'node:os';
import path from 'node:path';
import { type Context, mb } from '../context.js';
import { bin, TERMS } from '../engine.js';
import { runBounded } from '../procs.js';
import { summarize } from '../report.js';

const BUILD_TIMEOUT_MS = 300_000;

/**
 * Runs `terms build` once, rendering every document (`--no-cache`: the figures stay those of a
 * full build); returns its time, memory and the number of render workers it used.
 */
export async function buildOnce(terms: string, out: string, extra: string[] = []) {
  const run = await runBounded(
    process.execPath,
    [bin(), 'build', '--terms', terms, '--out', out, '--no-cache', ...extra],
    { label: 'terms build', timeoutMs: BUILD_TIMEOUT_MS, memory: true },
  );
  const workers = /with (\d+|no) render worker/.exec(run.stderr)?.[1];
  return { ...run, workers: workers === 'no' ? 0 : Number(workers) };
}

/** Builds the bundle of the real terms if no section has yet (unmeasured). */
export async function ensureBundle(ctx: Context): Promise<string> {
  if (!ctx.dist) {
    const out = path.join(ctx.tmp, 'dist');
    await buildOnce(TERMS, out);
    ctx.dist = out;
  }
  return ctx.dist;
}

/**
 * `terms build` of the real terms as a user runs it (default render workers), then with the
 * other choice (workers if the default renders in-process, none if it uses workers).
 */
export async function buildSection(ctx: Context): Promise<void> {
  const { budget, report } = ctx;
  let other: string[] | undefined;
  for (let variant = 0; variant < 2; variant++) {
    const args = other ?? [];
    const times: number[] = [];
    const peaks: number[] = [];
    let workers = 0;
    for (let i = 0; i < budget.buildRuns; i++) {
      const out = path.join(ctx.tmp, `build-${variant}-${i}`, 'dist');
      const run = await buildOnce(TERMS, out, args);
      times.push(run.ms);
      peaks.push(mb(run.treePeakKb ?? 0));
      workers = run.workers;
      if (!ctx.dist && variant === 0) ctx.dist = out;
    }
    const how = variant === 0 ? 'default' : args.join(' ');
    const id = variant === 0 ? 'build.real' : `build.real.workers-${workers}`;
    report.add({
      id,
      section: 'build',
      label: `terms build of the real terms (8 documents), ${how}: ${workers} render worker(s)`,
      unit: 'ms',
      better: 'lower',
      ...summarize(times),
    });
    report.add({
      id: `${id}.memory`,
      section: 'build',
      label: `terms build peak RSS, ${how}: ${workers} render worker(s)`,
      unit: 'MB',
      better: 'lower',
      ...summarize(peaks),
    });
    other = ['--workers', workers === 0 ? String(os.availableParallelism()) : '0'];
  }
}
