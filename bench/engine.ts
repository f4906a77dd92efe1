// The engine as the benchmark measures it: the compiled lib/ (what `npm run build` emits and
// the `terms` bin runs), typed with the declarations of the sources it was compiled from.
// A run measures a snapshot of bin/, lib/, templates/, locales/ and package.json taken when it
// starts (node_modules linked), so a rebuild of lib/ during a run cannot mix two versions.
// The specifiers are computed so that type-checking does not need lib/ to exist.
import { existsSync } from 'node:fs';
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Timeline from '../src/model/timeline.js';
import type * as Load from '../src/open.js';
import type * as Bundle from '../src/publish/bundle.js';
import type * as Html from '../src/render/html/index.js';
import type * as Pdf from '../src/render/pdf/index.js';
import type * as App from '../src/server/app.js';
import type * as ServerBundle from '../src/server/bundle.js';
import type * as Catalog from '../src/server/catalog.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The real terms. */
export const TERMS = path.join(ROOT, 'terms');
/** What a snapshot of the engine holds. */
const ENGINE_FILES = ['bin', 'lib', 'templates', 'locales', 'package.json'];

let engineRoot = ROOT;
/** The root of the engine being measured (the snapshot once `snapshotEngine` ran). */
export const engineDir = () => engineRoot;
/** The `terms` bin of the engine being measured. */
export const bin = () => path.join(engineRoot, 'bin', 'terms.js');
/** The compiled library of the engine being measured. */
export const libDir = () => path.join(engineRoot, 'lib');

/** Copies the compiled engine into `dir` and measures that copy from now on. */
export async function snapshotEngine(dir: string): Promise<string> {
  if (!existsSync(path.join(ROOT, 'lib', 'cli', 'main.js')))
    throw new Error(`${ROOT}/lib is missing: run \`npm run build\` first`);
  await mkdir(dir, { recursive: true });
  for (const name of ENGINE_FILES)
    await cp(path.join(ROOT, name), path.join(dir, name), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  engineRoot = dir;
  return dir;
}

async function lib<T>(rel: string): Promise<T> {
  const file = path.join(libDir(), rel);
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
  app: typeof App;
  serverBundle: typeof ServerBundle;
}

/** Imports the compiled engine modules. */
export async function loadEngine(): Promise<Engine> {
  return {
    load: await lib<typeof Load>('open.js'),
    timeline: await lib<typeof Timeline>('model/timeline.js'),
    html: await lib<typeof Html>('render/html/index.js'),
    pdf: await lib<typeof Pdf>('render/pdf/index.js'),
    bundle: await lib<typeof Bundle>('publish/bundle.js'),
    catalog: await lib<typeof Catalog>('server/catalog.js'),
    app: await lib<typeof App>('server/app.js'),
    serverBundle: await lib<typeof ServerBundle>('server/bundle.js'),
  };
}
