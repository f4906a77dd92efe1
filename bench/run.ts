// `npm run bench`: speed, memory and scale of the engine beside the peers a user would pick
// instead (headless Chromium for PDFs, nginx for static files), in the same run on the same
// machine. Prints one table and writes bench/results.json. Measures the compiled lib/ and the
// `terms` bin (npm run bench builds first); this file runs under tsx.
//   npm run bench [-- --quick] [-- --only build,render,cold,http,scale,sla,preview] [-- --out FILE] [-- --keep]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Budget, type Context, FULL, QUICK } from './context.js';
import { loadEngine, ROOT, snapshotEngine } from './engine.js';
import { installCleanup, killAll, removeOnExit } from './procs.js';
import { Report } from './report.js';
import { buildSection } from './sections/build.js';
import { coldSection } from './sections/cold.js';
import { httpSection } from './sections/http.js';
import { previewSection } from './sections/preview.js';
import { renderSection } from './sections/render.js';
import { scaleSection } from './sections/scale.js';
import { slaSection } from './sections/sla.js';

const SECTIONS: Record<string, (ctx: Context) => Promise<void>> = {
  build: buildSection,
  render: renderSection,
  cold: coldSection,
  http: httpSection,
  scale: scaleSection,
  sla: slaSection,
  preview: previewSection,
};

const USAGE = `usage: npm run bench -- [--quick] [--only ${Object.keys(SECTIONS).join(',')}] [--out FILE] [--keep]`;

/** Runs the benchmark; returns the exit code (1 when a section failed). */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown section(s): ${unknown.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  const quick = values.quick === true;
  const partial = quick || values.only !== undefined;
  // Only a full run replaces the committed results; others go to the git-ignored local file.
  const out = path.resolve(
    values.out ?? path.join(ROOT, 'bench', partial ? 'results.local.json' : 'results.json'),
  );
  const budget: Budget = quick ? QUICK : FULL;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  installCleanup();
  const report = new Report({ quick, sections: names }, log);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'terms-bench-'));
  if (!values.keep) removeOnExit(tmp);
  log(
    `measuring a snapshot of the compiled engine in ${await snapshotEngine(path.join(tmp, 'engine'))}`,
  );
  const ctx: Context = { budget, report, engine: await loadEngine(), tmp, log };
  let failed = 0;
  try {
    for (const name of names) {
      const started = performance.now();
      log(`[${name}]`);
      try {
        await (SECTIONS[name] as (ctx: Context) => Promise<void>)(ctx);
      } catch (err) {
        failed++;
        report.skip(name, `FAILED: ${(err as Error).message}`);
      } finally {
        killAll();
      }
      log(`[${name}] ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    killAll();
    if (values.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }

  const json = report.toJson();
  await writeFile(out, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n${report.table()}\n\n`);
  for (const note of report.notes) process.stdout.write(`- ${note}\n`);
  const machine = (
    json as {
      machine: { cpuModel: string; cpus: number; node: string; loadAverageAtStart: number[] };
    }
  ).machine;
  process.stdout.write(
    `\n${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.join(' ')}; results in ${path.relative(process.cwd(), out) || out}\n`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
