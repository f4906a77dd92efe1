// Preview: from a saved file to the reloaded page in `terms preview`, on a tree of one version
// and on one of hundreds (the scale section's generator, its last version made a draft), beside one
// cold `terms render --format html` of the same version in the same run. The time is what a
// writer waits for: the save (a write and a rename, as editors do), the watcher, the update,
// the event to the open page, and the page fetched again showing the new text.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import type { Context } from '../context.js';
import { bin, TERMS } from '../engine.js';
import { generatedDates, generateTerms, SOURCE_SERVICE } from '../generate.js';
import { runBounded, startService, withTimeout } from '../procs.js';
import { summarize } from '../report.js';

/** The sentence of clause 1.1 in Kazakh that every save changes. */
const SENTENCE = 'қолжетімділік ұсынады.';
/** How long one save may take to show before the run fails (a guard, not a target). */
const SAVE_TIMEOUT_MS = 60_000;

/** The preview measurements on the smallest and the largest tree of the budget. */
export async function previewSection(ctx: Context): Promise<void> {
  // One version and 500 (the sizes), or the largest tree of a quick run.
  const largest = ctx.budget.scaleSizes.includes(500) ? 500 : (ctx.budget.scaleSizes.at(-1) ?? 1);
  const sizes = [...new Set([1, largest])];
  for (const count of sizes) await measure(ctx, count);
  ctx.report.note(
    'preview save→page: a write and a rename of the draft’s kk.md, until the open page’s event stream says reload and the page fetched again shows the new text; the peer is one cold `terms render --format html` of the same draft in the same run.',
  );
}

async function measure(ctx: Context, count: number): Promise<void> {
  const { budget, report } = ctx;
  const dir = path.join(ctx.tmp, `preview-${count}`, 'terms');
  await generateTerms(TERMS, dir, count);
  // The last version becomes the draft being written: unlocked, status draft.
  const draft = generatedDates(count).at(-1) as string;
  const folder = path.join(dir, SOURCE_SERVICE, draft);
  const yaml = await readFile(path.join(folder, 'version.yaml'), 'utf8');
  await writeFile(
    path.join(folder, 'version.yaml'),
    yaml.replace(/^status: published$/m, 'status: draft'),
  );
  await rm(path.join(folder, 'lock.json'));
  const cold: number[] = [];
  for (let i = 0; i < budget.coldRuns; i++)
    cold.push(
      (
        await runBounded(
          process.execPath,
          [
            bin(),
            'render',
            SOURCE_SERVICE,
            '--version',
            draft,
            '--lang',
            'kk',
            '--format',
            'html',
            '--terms',
            dir,
            '-o',
            path.join(ctx.tmp, `preview-cold-${count}.html`),
          ],
          { label: 'terms render --format html', timeoutMs: budget.peerTimeoutMs },
        )
      ).ms,
    );

  const service = await startService(
    process.execPath,
    [bin(), 'preview', '--terms', dir, '--port', '0'],
    {
      label: 'terms preview',
      logFile: path.join(ctx.tmp, `preview-${count}.log`),
      timeoutMs: 5 * 60_000,
      ready: (log) => /preview on http:\/\//.test(log),
    },
  );
  const samples: number[] = [];
  try {
    const origin = /preview on (http:\/\/\S+)/.exec(service.log())?.[1] as string;
    const page = `/terms/${SOURCE_SERVICE}/${draft}/kk.html`;
    const file = path.join(dir, SOURCE_SERVICE, draft, 'kk.md');
    const original = await readFile(file, 'utf8');
    let tag = tagOf(await fetchText(origin + page));
    const saves = budget.benchIterations;
    for (let i = 0; i < saves; i++) {
      const marker = `BENCH-${count}-${i}`;
      const events = await openEvents(origin, page, tag);
      const started = performance.now();
      const temp = path.join(path.dirname(file), '.kk.md.swp');
      await writeFile(temp, original.replace(SENTENCE, `${SENTENCE} ${marker}.`));
      await rename(temp, file);
      await withTimeout(events.reload, SAVE_TIMEOUT_MS, `the reload after save ${i}`, events.close);
      const html = await fetchText(origin + page);
      samples.push(performance.now() - started);
      if (!html.includes(marker)) throw new Error(`save ${i}: the reloaded page does not show it`);
      tag = tagOf(html);
    }
  } finally {
    service.stop();
  }
  const versions = `${count} version${count === 1 ? '' : 's'}`;
  report.add({
    id: `preview.save.${count}`,
    section: 'preview',
    label: `terms preview: saved file → reloaded page, ${versions} (the last one a draft, edited)`,
    unit: 'ms',
    better: 'lower',
    ...summarize(samples),
    peer: { name: 'one cold terms render --format html', ...summarize(cold) },
  });
}

function tagOf(html: string): string {
  const tag = /<meta name="terms-preview" content="([^"]+)">/.exec(html)?.[1];
  if (!tag) throw new Error('the preview page carries no tag');
  return tag;
}

function fetchText(url: string): Promise<string> {
  return fetch(url).then((r) => r.text());
}

/** An open page's event stream: resolves `reload` when the server says the page changed. */
async function openEvents(
  origin: string,
  page: string,
  tag: string,
): Promise<{ reload: Promise<void>; close: () => void }> {
  const url = `${origin}/__preview/events?${new URLSearchParams({ path: page, tag })}`;
  return new Promise((connected, failed) => {
    const req = get(url, (res) => {
      let seen = '';
      const reload = new Promise<void>((resolve) => {
        res.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (seen.includes('event: reload')) {
            resolve();
            req.destroy();
          }
        });
      });
      // The first bytes (`retry:`) mean the server holds the stream: the page is listening.
      res.once('data', () => connected({ reload, close: () => req.destroy() }));
    });
    req.once('error', failed);
  });
}
