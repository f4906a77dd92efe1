// Cold processes: `terms render --format pdf` from a fresh `node`, against a fresh Chromium
// printing the same document's HTML; wall time from spawn to exit, and peak memory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, type Context, mb } from '../context.js';
import { bin, libDir, TERMS } from '../engine.js';
import { type RunResult, runBounded, SAMPLE_MS } from '../procs.js';
import { summarize } from '../report.js';
import { ensureBundle } from './build.js';
import { CHROMIUM_PRINT } from './render.js';

/** Cold `terms render` (PDF and HTML) and cold Chromium print, alternated run by run. */
export async function coldSection(ctx: Context): Promise<void> {
  const { budget, report } = ctx;
  const dist = await ensureBundle(ctx);
  const html = path.join(dist, 'terms', 'dedicated-compute', '2025-09-10', 'kk.html');
  const engine: Record<'pdf' | 'html' | 'check', RunResult[]> = { pdf: [], html: [], check: [] };
  const chrome: RunResult[] = [];
  if (!CHROMIUM)
    report.skip(
      'cold.chromium',
      'Chromium is not installed (apt-get install -y chromium): no cold Chromium print to compare with',
    );
  for (let i = 0; i < budget.coldRuns; i++) {
    for (const format of ['pdf', 'html'] as const)
      engine[format].push(
        await runBounded(
          process.execPath,
          [
            bin(),
            'render',
            'dedicated-compute',
            '--version',
            '2025-09-10',
            '--lang',
            'kk',
            '--format',
            format,
            '--terms',
            TERMS,
            '-o',
            path.join(ctx.tmp, `cold-${i}.${format}`),
            '--no-cache',
          ],
          {
            label: `terms render --format ${format}`,
            timeoutMs: budget.peerTimeoutMs,
            memory: true,
          },
        ),
      );
    engine.check.push(
      await runBounded(process.execPath, [bin(), 'check', '--terms', TERMS, '--no-cache'], {
        label: 'terms check',
        timeoutMs: budget.peerTimeoutMs,
        memory: true,
      }),
    );
    if (CHROMIUM)
      chrome.push(
        await runBounded(
          process.execPath,
          [CHROMIUM_PRINT, 'cold', html, path.join(ctx.tmp, `cold-${i}.chromium.pdf`)],
          {
            label: 'cold Chromium print',
            timeoutMs: budget.peerTimeoutMs,
            memory: true,
            env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
          },
        ),
      );
  }
  const peer = (name: string, values: number[]) =>
    chrome.length > 0 ? { peer: { name, ...summarize(values) } } : {};
  report.add({
    id: 'cold.pdf.kk',
    section: 'cold',
    label: 'cold process: terms render --format pdf (kk), spawn to exit',
    unit: 'ms',
    better: 'lower',
    ...summarize(engine.pdf.map((r) => r.ms)),
    ...peer(
      'cold Chromium print',
      chrome.map((r) => r.ms),
    ),
  });
  report.add({
    id: 'cold.pdf.kk.memory',
    section: 'cold',
    label: 'cold process: peak RSS of the whole process tree (sampled)',
    unit: 'MB',
    better: 'lower',
    ...summarize(engine.pdf.map((r) => mb(r.treePeakKb ?? 0))),
    ...peer(
      'Chromium tree',
      chrome.map((r) => mb(r.treePeakKb ?? 0)),
    ),
  });
  if (engine.pdf.every((r) => r.maxRssKb !== undefined))
    report.add({
      id: 'cold.pdf.kk.maxrss',
      section: 'cold',
      label: 'cold process: kernel peak RSS of the largest single process (GNU time %M)',
      unit: 'MB',
      better: 'lower',
      ...summarize(engine.pdf.map((r) => mb(r.maxRssKb ?? 0))),
      ...peer(
        'largest Chromium process',
        chrome.map((r) => mb(r.maxRssKb ?? 0)),
      ),
    });
  else
    report.skip('cold.pdf.kk.maxrss', '/usr/bin/time is not installed (apt-get install -y time)');
  report.add({
    id: 'cold.html.kk',
    section: 'cold',
    label: 'cold process: terms render --format html (kk), spawn to exit',
    unit: 'ms',
    better: 'lower',
    ...summarize(engine.html.map((r) => r.ms)),
  });
  report.add({
    id: 'cold.check',
    section: 'cold',
    label: 'cold process: terms check of the real terms, spawn to exit',
    unit: 'ms',
    better: 'lower',
    ...summarize(engine.check.map((r) => r.ms)),
  });
  report.add({
    id: 'cold.check.memory',
    section: 'cold',
    label: 'cold process: terms check peak RSS (GNU time %M)',
    unit: 'MB',
    better: 'lower',
    ...summarize(engine.check.map((r) => mb(r.maxRssKb ?? r.treePeakKb ?? 0))),
  });
  await phases(ctx);
  report.note(
    `Peak memory: the process tree (the process and every descendant, found by parent pid in /proc) is sampled every ${SAMPLE_MS} ms and its RSS summed; the figure is the highest sum seen (shared pages count once per process, so a multi-process browser is, if anything, overstated). The kernel's exact peak of the largest single process comes from GNU time %M. The Chromium tree includes its node/playwright driver; the engine is one node process (render workers are threads).`,
  );
}

const PHASES = fileURLToPath(new URL('../children/cold-phases.mjs', import.meta.url));
const PHASE_LABELS: [string, string][] = [
  ['startupMs', 'node start-up until the script runs'],
  ['importLoaderMs', 'import the loader (lib/load, lib/model)'],
  ['importPdfMs', 'import the PDF renderer (pdfmake, fontkit)'],
  ['loadTermsMs', 'load + check the real terms'],
  ['firstPdfMs', 'first kk PDF render in the process'],
  ['secondPdfMs', 'second kk PDF render in the same process'],
];

/** Where a cold PDF render's time goes, phase by phase, in fresh processes. */
async function phases(ctx: Context): Promise<void> {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < ctx.budget.coldRuns; i++) {
    const run = await runBounded(process.execPath, [PHASES, libDir(), TERMS], {
      label: 'cold phases',
      timeoutMs: ctx.budget.peerTimeoutMs,
    });
    runs.push(JSON.parse(run.stdout) as Record<string, number>);
  }
  for (const [key, what] of PHASE_LABELS)
    ctx.report.add({
      id: `cold.phase.${key.replace(/Ms$/, '')}`,
      section: 'cold',
      label: `cold process phase: ${what}`,
      unit: 'ms',
      better: 'lower',
      ...summarize(runs.map((r) => r[key] as number)),
    });
}
