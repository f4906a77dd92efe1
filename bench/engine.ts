// The engine as the benchmark measures it: the compiled lib/ (what `npm run build` emits and
// the `terms` bin runs), typed with the declarations of the sources it was compiled from.
// The specifiers are computed so that type-checking does not need lib/ to exist.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Load from '../src/load/index.js';
import type * as Timeline from '../src/model/timeline.js';
import type * as Bundle from '../src/publish/bundle.js';
import type * as Html from '../src/render/html/index.js';
import type * as Pdf from '../src/render/pdf/index.js';
import type * as Catalog from '../src/server/catalog.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled library. */
export const LIB = path.join(ROOT, 'lib');
/** The `terms` bin (runs lib/). */
export const BIN = path.join(ROOT, 'bin', 'terms.js');
/** The real terms. */
export const TERMS = path.join(ROOT, 'terms');

async function lib<T>(rel: string): Promise<T> {
  const file = path.join(LIB, rel);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return (await import(pathToFileURL(file).href)) as T;
}

/** The engine modules the in-process measurements call. */
export interface Engine {
  load: typeof Load;
  timeline: typeof Timeline;
  html: typeof Html;
  pdf: typeof Pdf;
  bundle: typeof Bundle;
  catalog: typeof Catalog;
}

/** Imports the compiled engine modules. */
export async function loadEngine(): Promise<Engine> {
  return {
    load: await lib<typeof Load>('load/index.js'),
    timeline: await lib<typeof Timeline>('model/timeline.js'),
    html: await lib<typeof Html>('render/html/index.js'),
    pdf: await lib<typeof Pdf>('render/pdf/index.js'),
    bundle: await lib<typeof Bundle>('publish/bundle.js'),
    catalog: await lib<typeof Catalog>('server/catalog.js'),
  };
}
