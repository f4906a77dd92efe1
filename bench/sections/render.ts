// Warm in-process render times of the engine, beside headless Chromium printing the engine's
// own HTML of the same document with page.pdf() (a fresh browser, then many prints).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { CHROMIUM, type Context, pdfPages } from '../context.js';
import { TERMS } from '../engine.js';
import { runBounded } from '../procs.js';
import { type Stats, summarize } from '../report.js';
import { ensureBundle } from './build.js';

/** The Chromium peer script. */
export const CHROMIUM_PRINT = fileURLToPath(
  new URL('../peers/chromium-print.mjs', import.meta.url),
);
const SERVICE = 'dedicated-compute';
const VERSION = '2025-09-10';

function samplesOf(bench: Bench, name: string): number[] {
  const task = bench.getTask(name);
  const result = task?.result;
  if (!result || !('latency' in result) || !result.latency.samples)
    throw new Error(`tinybench task ${name} has no samples (${result?.state})`);
  return [...result.latency.samples];
}

/** Warm render of kk HTML, kk PDF and the kk|ru PDF; Chromium prints kk.html and kk-ru.html. */
export async function renderSection(ctx: Context): Promise<void> {
  const { engine, budget, report } = ctx;
  const terms = await engine.load.openTerms(TERMS);
  const service = engine.timeline.findService(terms, SERVICE);
  const version = engine.timeline.findVersion(service, VERSION);
  const outputs = new Map<string, Uint8Array>();
  const bench = new Bench({
    time: budget.benchMs,
    iterations: budget.benchIterations,
    warmupTime: Math.min(budget.benchMs, 1000),
    warmupIterations: 3,
    retainSamples: true,
    throws: true,
  });
  bench
    .add('html kk', () => {
      engine.html.renderHtml(service, version, 'kk');
    })
    .add('html kk|ru', () => {
      engine.html.renderHtml(service, version, 'kk', { parallel: 'ru' });
    })
    .add('pdf kk', async () => {
      outputs.set('kk', await engine.pdf.renderPdf(service, version, 'kk'));
    })
    .add('pdf kk|ru', async () => {
      outputs.set('kk-ru', await engine.pdf.renderPdf(service, version, 'kk', { parallel: 'ru' }));
    });
  await bench.run();

  const dist = await ensureBundle(ctx);
  const docDir = path.join(dist, 'terms', SERVICE, VERSION);
  let peer: Map<string, Stats & { pages?: number }> | undefined;
  if (!CHROMIUM)
    report.skip(
      'render.chromium',
      'Chromium is not installed (apt-get install -y chromium): no warm page.pdf() figures',
    );
  else {
    const files = ['kk', 'kk-ru'].map((k) => path.join(docDir, `${k}.html`));
    const spec = {
      timeMs: budget.benchMs,
      iterations: budget.benchIterations,
      files,
      outDir: ctx.tmp,
    };
    const run = await runBounded(process.execPath, [CHROMIUM_PRINT, 'warm', JSON.stringify(spec)], {
      label: 'Chromium (warm page.pdf)',
      timeoutMs: budget.peerTimeoutMs + files.length * (budget.benchMs + 1000) * 3,
      env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
    });
    const parsed = JSON.parse(run.stdout) as {
      version: string;
      results: { file: string; pdf: string; samples: number[] }[];
    };
    peer = new Map();
    for (const r of parsed.results)
      peer.set(path.basename(r.file, '.html'), { ...summarize(r.samples), pages: pdfPages(r.pdf) });
    report.note(
      `Chromium ${parsed.version} (${CHROMIUM}) driven by playwright-core; warm = one browser and page, page.setContent(html) + page.pdf({format: 'A4'}) per iteration, of the engine's own HTML of the document.`,
    );
  }

  const pagesOf = async (key: string) => {
    const bytes = outputs.get(key);
    if (!bytes) return undefined;
    const file = path.join(ctx.tmp, `${key}.engine.pdf`);
    await writeFile(file, bytes);
    return pdfPages(file);
  };
  report.add({
    id: 'render.html.kk',
    section: 'render',
    label: 'warm render, kk HTML (in-process)',
    unit: 'ms',
    better: 'lower',
    ...summarize(samplesOf(bench, 'html kk')),
  });
  report.add({
    id: 'render.html.kk-ru',
    section: 'render',
    label: 'warm render, kk|ru bilingual HTML (in-process)',
    unit: 'ms',
    better: 'lower',
    ...summarize(samplesOf(bench, 'html kk|ru')),
  });
  for (const [key, task, name] of [
    ['kk', 'pdf kk', 'kk PDF'],
    ['kk-ru', 'pdf kk|ru', 'kk|ru bilingual PDF'],
  ] as const) {
    const chrome = peer?.get(key);
    const pages = await pagesOf(key);
    report.add({
      id: `render.pdf.${key}`,
      section: 'render',
      label: `warm render, ${name} (in-process; ${pages ?? '?'} pages${chrome ? `, Chromium ${chrome.pages ?? '?'} pages` : ''})`,
      unit: 'ms',
      better: 'lower',
      ...summarize(samplesOf(bench, task)),
      ...(chrome ? { peer: { name: 'Chromium page.pdf()', ...chrome } } : {}),
    });
  }
  report.note(
    'Warm in-process figures: tinybench over the compiled lib/ (renderHtml, renderPdf) on a loaded model, after warm-up; each sample is one whole document.',
  );
}
