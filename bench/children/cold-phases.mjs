// Where a cold render's time goes: one fresh process imports the compiled engine, loads the
// terms, renders the kk PDF twice, and prints the milliseconds of each phase as JSON.
// Plain JavaScript so that no TypeScript loader is counted.
//   node cold-phases.mjs <lib dir> <terms dir>
import { pathToFileURL } from 'node:url';

const t0 = performance.now();
const lib = pathToFileURL(`${process.argv[2]}/`);
const { openTerms } = await import(new URL('open.js', lib).href);
const { findService, findVersion } = await import(new URL('model/timeline.js', lib).href);
const t1 = performance.now();
const { renderPdf } = await import(new URL('render/pdf/index.js', lib).href);
const t2 = performance.now();
const terms = await openTerms(process.argv[3]);
const service = findService(terms, 'dedicated-compute');
const version = findVersion(service, '2025-09-10');
const t3 = performance.now();
await renderPdf(service, version, 'kk');
const t4 = performance.now();
await renderPdf(service, version, 'kk');
const t5 = performance.now();
process.stdout.write(
  JSON.stringify({
    startupMs: t0,
    importLoaderMs: t1 - t0,
    importPdfMs: t2 - t1,
    loadTermsMs: t3 - t2,
    firstPdfMs: t4 - t3,
    secondPdfMs: t5 - t4,
  }),
);
