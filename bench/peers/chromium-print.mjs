// The peer a user without the engine would use: print HTML to PDF with headless Chromium,
// driven by playwright-core. Plain JavaScript run by `node` itself, so a cold run pays no
// TypeScript loader, just as `node bin/terms.js` pays none.
//   node chromium-print.mjs cold <in.html> <out.pdf>
//     one fresh browser: launch, load the HTML, page.pdf(), write, close (timed by the caller)
//   node chromium-print.mjs warm '{"timeMs":…,"iterations":…,"files":[…],"outDir":…}'
//     one browser and page: each file printed repeatedly (tinybench); samples as JSON on stdout
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { Bench } from 'tinybench';

// Debian's chromium and the flags a closed network needs; shared with the browser test.
const CHROMIUM = JSON.parse(await readFile(new URL('./chromium.json', import.meta.url), 'utf8'));
const EXECUTABLE = process.env.CHROMIUM_PATH || CHROMIUM.executablePath;
const ARGS = CHROMIUM.args;

async function print(page, html) {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ format: 'A4' });
}

const [mode, ...rest] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ARGS, timeout: 30_000 });
try {
  const page = await browser.newPage();
  if (mode === 'cold') {
    const [input, output] = rest;
    await writeFile(output, await print(page, await readFile(input, 'utf8')));
  } else if (mode === 'warm') {
    const { timeMs, iterations, files, outDir } = JSON.parse(rest[0]);
    const results = [];
    for (const file of files) {
      const html = await readFile(file, 'utf8');
      let last;
      const bench = new Bench({
        time: timeMs,
        iterations,
        warmupTime: Math.min(timeMs, 500),
        warmupIterations: 3,
        retainSamples: true,
        throws: true,
      });
      bench.add(file, async () => {
        last = await print(page, html);
      });
      await bench.run();
      const result = bench.tasks[0].result;
      const out = path.join(outDir, `${path.basename(file, '.html')}.chromium.pdf`);
      await writeFile(out, last);
      results.push({ file, pdf: out, bytes: last.length, samples: [...result.latency.samples] });
    }
    process.stdout.write(JSON.stringify({ version: browser.version(), results }));
  } else {
    throw new Error(`usage: chromium-print.mjs cold <in.html> <out.pdf> | warm <json>`);
  }
} finally {
  await browser.close();
}
