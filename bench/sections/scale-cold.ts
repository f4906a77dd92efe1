// Scale from a cold process: the commands a user runs, on the tree of 500 versions against the
// tree of 1 in the same run, each figure with the 1-version one as its peer (the ratio is the
// issue's target). With the cache in its own folder of the run's temp folder; `terms check
// --no-cache` is the command as it was before the cache. Then an incremental build: one more
// version published into a built tree of 60 versions, against a full build of 1 version.
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Context, mb } from '../context.js';
import { bin } from '../engine.js';
import { addDays, FIRST_DATE, generatedDates, SOURCE_SERVICE, STEP_DAYS } from '../generate.js';
import { type RunResult, runBounded } from '../procs.js';
import { type Measurement, summarize } from '../report.js';

const TIMEOUT_MS = 300_000;

/** One cold `terms` process; fails the section when the command fails. */
async function runTerms(args: string[], label: string): Promise<RunResult> {
  const run = await runBounded(process.execPath, [bin(), ...args], {
    label,
    timeoutMs: TIMEOUT_MS,
    memory: true,
  });
  if (run.code !== 0)
    throw new Error(
      `${label} exited with ${run.code}: ${run.stderr.split('\n').slice(-3).join(' ')}`,
    );
  return run;
}

/** The cold command figures at 1 and `scaleColdSize` versions, then the incremental build. */
export async function scaleColdSection(
  ctx: Context,
  treeOf: (count: number) => Promise<string>,
): Promise<void> {
  const { budget, report } = ctx;
  const big = budget.scaleColdSize;
  const sizes = [1, big];
  const runs = budget.scaleColdRuns;
  const dirs = new Map<number, string>();
  for (const n of sizes) dirs.set(n, await treeOf(n));
  const cacheOf = (n: number, what: string) => path.join(ctx.tmp, `scale-cache-${n}`, what);
  // A date in the middle of the tree: its version is neither the first nor the last.
  const middle = (n: number) => addDays(FIRST_DATE, Math.floor(n / 2) * STEP_DAYS + 3);
  const times = new Map<string, RunResult[]>();
  const record = (key: string, run: RunResult) => times.set(key, [...(times.get(key) ?? []), run]);
  const slowRuns = Math.min(2, runs);

  // Sizes alternate run by run, so a burst of load on the machine hits both alike.
  const commands: { key: string; runs: number; args: (n: number, i: number) => string[] }[] = [
    { key: 'check-no-cache', runs: slowRuns, args: () => ['check', '--no-cache'] },
    {
      key: 'check-cold-cache',
      runs: slowRuns,
      args: (n, i) => ['check', '--cache-dir', cacheOf(n, `cold-${i}`)],
    },
    {
      key: 'check-warm-cache',
      runs,
      args: (n) => ['check', '--cache-dir', cacheOf(n, `cold-${slowRuns - 1}`)],
    },
    {
      key: 'rules-at',
      runs,
      args: (n) => [
        'rules',
        SOURCE_SERVICE,
        '--at',
        middle(n),
        '--cache-dir',
        cacheOf(n, `cold-${slowRuns - 1}`),
      ],
    },
    {
      key: 'render-at-html',
      runs,
      args: (n, i) => [
        'render',
        SOURCE_SERVICE,
        '--at',
        middle(n),
        '--lang',
        'kk',
        '--format',
        'html',
        '-o',
        path.join(ctx.tmp, `scale-render-${n}-${i}.html`),
        '--cache-dir',
        cacheOf(n, `cold-${slowRuns - 1}`),
      ],
    },
  ];
  for (const command of commands)
    for (let i = 0; i < command.runs; i++)
      for (const n of sizes) {
        const args = [...command.args(n, i), '--terms', dirs.get(n) as string];
        record(`${command.key}.${n}`, await runTerms(args, `terms ${args[0]} (${n} versions)`));
      }
  const check = (key: string, n: number) =>
    (times.get(`${key}.${n}`)?.[0]?.stderr ?? '').split('\n').slice(-2).join('\n');
  for (const n of sizes)
    if (check('check-no-cache', n) !== check('check-warm-cache', n))
      throw new Error(`terms check of ${n} versions reports otherwise with the cache`);

  const labels: Record<string, string> = {
    'check-no-cache': 'cold `terms check --no-cache` (as before the cache)',
    'check-cold-cache': 'cold `terms check`, first run: empty cache',
    'check-warm-cache': 'cold `terms check`, warm cache',
    'rules-at': 'cold `terms rules <service> --at D`, warm cache',
    'render-at-html': 'cold `terms render <service> --at D --lang kk --format html`, warm cache',
  };
  const rows = new Map<string, Measurement>();
  for (const { key } of commands) {
    const mine = times.get(`${key}.${big}`) ?? [];
    const one = times.get(`${key}.1`) ?? [];
    const peak = Math.max(...mine.map((r) => mb(r.maxRssKb ?? r.treePeakKb ?? 0)));
    rows.set(
      key,
      report.add({
        id: `scale.cold.${key}.${big}`,
        section: 'scale',
        label: `${labels[key]}, ${big} versions (peak RSS ${peak.toFixed(0)} MB)`,
        unit: 'ms',
        better: 'lower',
        ...summarize(mine.map((r) => r.ms)),
        peer: { name: 'the same, 1 version', ...summarize(one.map((r) => r.ms)) },
      }),
    );
  }
  const firstRun = report.add({
    id: `scale.cold.check-cold-vs-no-cache.${big}`,
    section: 'scale',
    label: `cold \`terms check\` filling an empty cache, ${big} versions`,
    unit: 'ms',
    better: 'lower',
    ...summarize((times.get(`check-cold-cache.${big}`) ?? []).map((r) => r.ms)),
    peer: {
      name: '`--no-cache`, same tree',
      ...summarize((times.get(`check-no-cache.${big}`) ?? []).map((r) => r.ms)),
    },
  });

  const incremental = await incrementalBuild(ctx, treeOf);
  const versionAt = report.measurements.find((m) => m.id === `scale.versionAt.${big}`);
  const ratio = (m: Measurement | undefined) =>
    m?.ratio === undefined ? '—' : `${m.ratio.toFixed(2)}×`;
  report.note(
    `Scale targets, as ratios to the 1-version tree in the same run: cold \`terms check\` with a warm cache at ${big} versions ${ratio(rows.get('check-warm-cache'))} (target ≤ 3×), its first run filling an empty cache ${ratio(firstRun)} of \`--no-cache\` (target ≤ 1×); \`rules --at\` ${ratio(rows.get('rules-at'))} and \`render --at --format html\` ${ratio(rows.get('render-at-html'))} (targets ≤ 1.5×); \`terms build\` after publishing one more version into a built ${budget.incrementalSize}-version tree ${ratio(incremental)} of a full build of a 1-version tree (target ≤ 3×); \`versionAt\` at ${big} versions ${versionAt ? `${versionAt.median.toPrecision(2)} µs` : '—'} (target ≤ 1 µs).`,
  );
}

/**
 * Builds the tree of `incrementalSize` versions with an empty cache, then publishes one more
 * version into it and builds again, twice (each time a version the cache has never seen); the
 * peer is a full build (`--no-cache`) of the 1-version tree.
 */
async function incrementalBuild(
  ctx: Context,
  treeOf: (count: number) => Promise<string>,
): Promise<Measurement> {
  const { budget, report } = ctx;
  const size = budget.incrementalSize;
  const work = path.join(ctx.tmp, 'scale-incremental');
  const tree = path.join(work, 'terms');
  const cacheDir = path.join(work, 'cache');
  await mkdir(work, { recursive: true });
  await cp(await treeOf(size), tree, { recursive: true });
  const more = await treeOf(size + 2);
  const build = (dir: string, out: string, flags: string[], label: string) =>
    runTerms(['build', '--terms', dir, '--out', out, ...flags], label);
  const filled = await build(tree, path.join(work, 'dist'), ['--cache-dir', cacheDir], 'fill');
  report.add({
    id: `scale.build.${size}.empty-cache`,
    section: 'scale',
    label: `terms build, ${size} versions, empty cache (every document rendered and stored; peak RSS ${mb(filled.treePeakKb ?? 0).toFixed(0)} MB)`,
    unit: 'ms',
    better: 'lower',
    ...summarize([filled.ms]),
  });
  const after: RunResult[] = [];
  let reused = '';
  for (const date of generatedDates(size + 2).slice(size)) {
    await cp(path.join(more, SOURCE_SERVICE, date), path.join(tree, SOURCE_SERVICE, date), {
      recursive: true,
    });
    const run = await build(
      tree,
      path.join(work, 'dist'),
      ['--cache-dir', cacheDir],
      'incremental',
    );
    after.push(run);
    reused = /; (\d+ of \d+) documents from the cache/.exec(run.stderr)?.[1] ?? '?';
  }
  const one = await treeOf(1);
  const full: RunResult[] = [];
  for (let i = 0; i < budget.scaleColdRuns; i++)
    full.push(
      await build(one, path.join(work, `one-${i}`), ['--no-cache'], 'full build of 1 version'),
    );
  const peak = Math.max(...after.map((r) => mb(r.treePeakKb ?? 0)));
  return report.add({
    id: `scale.build.incremental.${size}`,
    section: 'scale',
    label: `terms build after publishing one more version into a built ${size}-version tree (${reused} documents from the cache; peak RSS ${peak.toFixed(0)} MB)`,
    unit: 'ms',
    better: 'lower',
    ...summarize(after.map((r) => r.ms)),
    peer: { name: 'full build of a 1-version tree', ...summarize(full.map((r) => r.ms)) },
  });
}
