// Scale: generated terms trees of many published versions (copies of the real one, a week
// apart, each with a valid lock). How load + check, by-date lookups, an HTML page and a full
// build grow with the number of versions; then (scale-cold.ts) what the commands cost from a
// cold process, with the cache, at 500 versions against 1.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Bench } from 'tinybench';
import { type Context, mb } from '../context.js';
import { bin, TERMS } from '../engine.js';
import { addDays, FIRST_DATE, generateTerms, SOURCE_SERVICE, STEP_DAYS } from '../generate.js';
import { runBounded } from '../procs.js';
import { summarize } from '../report.js';
import { scaleColdSection } from './scale-cold.js';

/** Lookups per tinybench sample: one lookup is too short for the timer. */
const LOOKUPS_PER_SAMPLE = 200;

/** Generates (once) the tree of `count` versions; returns its terms root. */
export async function tree(
  ctx: Context,
  count: number,
  cache: Map<number, string>,
): Promise<string> {
  let dir = cache.get(count);
  if (!dir) {
    dir = path.join(ctx.tmp, `scale-${count}`, 'terms');
    await mkdir(dir, { recursive: true });
    await generateTerms(TERMS, dir, count);
    cache.set(count, dir);
  }
  return dir;
}

/** Deterministic pseudo-random dates from a week before the first version to a year after the last. */
function lookupDates(count: number, n: number): string[] {
  const span = (count - 1) * STEP_DAYS + 372;
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, () => addDays(FIRST_DATE, Math.floor(next() * span) - 7));
}

/** The scale measurements over every size of the budget. */
export async function scaleSection(ctx: Context): Promise<void> {
  const { engine, budget, report } = ctx;
  const versions = (n: number) => `${n} version${n === 1 ? '' : 's'}`;
  const cache = new Map<number, string>();
  // One unmeasured load first, so the first size does not pay for compiling the loader.
  await engine.load.inspectTerms(await tree(ctx, 1, cache));

  for (const count of budget.scaleSizes) {
    const dir = await tree(ctx, count, cache);
    // Bounded: a load of 1,000 versions takes tens of seconds.
    const runs =
      count >= 1000
        ? 1
        : count >= 500
          ? Math.min(2, budget.loadRuns)
          : count >= 200
            ? Math.min(3, budget.loadRuns)
            : budget.loadRuns;
    const times: number[] = [];
    let loaded: Awaited<ReturnType<typeof engine.load.inspectTerms>> | undefined;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      loaded = await engine.load.inspectTerms(dir);
      times.push(performance.now() - start);
    }
    if (!loaded) throw new Error('no load run');
    const problems = loaded.diagnostics.filter((d) => d.severity === 'error');
    const service = engine.timeline.findService(loaded.terms, SOURCE_SERVICE);
    if (problems.length > 0 || service.versions.length !== count)
      throw new Error(
        `the generated tree of ${count} versions does not check: ${problems.length} errors, ${service.versions.length} versions loaded (first: ${problems[0]?.message})`,
      );
    const load = summarize(times);
    report.add({
      id: `scale.load.${count}`,
      section: 'scale',
      label: `load + check, ${versions(count)} (${(load.median / count).toFixed(2)} ms per version)`,
      unit: 'ms',
      better: 'lower',
      ...load,
    });

    const dates = lookupDates(count, 4096);
    const entries = engine.timeline.versionRanges(service).map((r) => ({ ...r }));
    const timeline = new engine.timeline.Timeline(entries, (entry) => entry);
    const catalogEntry = {
      id: service.id,
      timeZone: service.timeZone,
      names: service.names,
      versions: timeline.all,
      timeline,
    };
    const last = service.versions.at(-1);
    if (!last) throw new Error('no versions');
    let i = 0;
    const bench = new Bench({
      time: Math.min(budget.benchMs, 1500),
      iterations: budget.benchIterations,
      warmupTime: 200,
      retainSamples: true,
      throws: true,
    });
    bench
      .add('versionAt', () => {
        for (let k = 0; k < LOOKUPS_PER_SAMPLE; k++)
          engine.timeline.versionAt(service, dates[i++ & 4095] as string);
      })
      .add('rangeAt', () => {
        for (let k = 0; k < LOOKUPS_PER_SAMPLE; k++)
          engine.catalog.rangeAt(catalogEntry, dates[i++ & 4095] as string);
      })
      .add('html', () => {
        engine.html.renderHtml(service, last, 'kk');
      });
    await bench.run();
    const per = (name: string, factor: number) => {
      const task = bench.getTask(name)?.result;
      if (!task || !('latency' in task) || !task.latency.samples)
        throw new Error(`${name}: no samples`);
      return summarize([...task.latency.samples].map((ms) => ms * factor));
    };
    report.add({
      id: `scale.versionAt.${count}`,
      section: 'scale',
      label: `by-date lookup, library versionAt(), ${versions(count)}`,
      unit: 'µs/lookup',
      better: 'lower',
      ...per('versionAt', 1000 / LOOKUPS_PER_SAMPLE),
    });
    report.add({
      id: `scale.rangeAt.${count}`,
      section: 'scale',
      label: `by-date lookup, server rangeAt() (rules?at=), ${versions(count)}`,
      unit: 'µs/lookup',
      better: 'lower',
      ...per('rangeAt', 1000 / LOOKUPS_PER_SAMPLE),
    });
    // The page names only its neighbours and links the service page for the rest: its size and
    // render time must not grow with the versions (the issue's 25 KB at 1 against 81 KB at 500).
    const kb = Buffer.byteLength(engine.html.renderHtml(service, last, 'kk')) / 1024;
    report.add({
      id: `scale.html.${count}`,
      section: 'scale',
      label: `warm render, kk HTML of the last version, ${versions(count)} (page ${kb.toFixed(1)} KB)`,
      unit: 'ms',
      better: 'lower',
      ...per('html', 1),
    });
  }

  const builds: { count: number; args: string[] }[] = budget.buildSizes.map((count) => ({
    count,
    args: [],
  }));
  // The same builds rendering in one thread: what the render workers buy at those sizes.
  for (const count of budget.workersCompareSizes) builds.push({ count, args: ['--workers', '0'] });
  for (const { count, args } of builds) {
    const dir = await tree(ctx, count, cache);
    const out = path.join(ctx.tmp, `scale-build-${count}-${args.length}`, 'dist');
    const run = await runBounded(
      process.execPath,
      [bin(), 'build', '--terms', dir, '--out', out, '--no-cache', ...args],
      {
        label: `terms build of ${versions(count)}`,
        timeoutMs: 120_000 + count * 20_000,
        memory: true,
      },
    );
    const workers = /with (\d+|no) render worker/.exec(run.stderr)?.[1] ?? '?';
    const files = /^wrote (\d+) files/m.exec(run.stderr)?.[1] ?? '?';
    report.add({
      id: `scale.build.${count}${args.length > 0 ? '.no-workers' : ''}`,
      section: 'scale',
      label: `terms build${args.length > 0 ? ` ${args.join(' ')}` : ''}, ${versions(count)} (${files} files), ${workers === 'no' ? 'no' : workers} render worker(s) (${(run.ms / count).toFixed(0)} ms per version; peak RSS ${mb(run.treePeakKb ?? 0).toFixed(0)} MB)`,
      unit: 'ms',
      better: 'lower',
      ...summarize([run.ms]),
    });
  }
  report.note(
    `Scale: trees generated in a temp folder from terms/${SOURCE_SERVICE}/2025-09-10, versions ${STEP_DAYS} days apart from ${FIRST_DATE}, all published with valid lock.json files (terms check passes). Load + check runs in-process (inspectTerms, no cache); lookups are tinybench samples of ${LOOKUPS_PER_SAMPLE} lookups at pseudo-random dates, divided by ${LOOKUPS_PER_SAMPLE}; builds are one cold \`terms build --no-cache\` process per size, every document in every format (HTML and PDF).`,
  );
  await scaleColdSection(ctx, (count) => tree(ctx, count, cache));
}
