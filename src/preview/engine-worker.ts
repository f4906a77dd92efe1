// The worker thread of `terms preview`: it loads the templates and locales when it starts, so
// a change to them is taken in by starting a new one (a module is read once per thread). It
// keeps the workspace and renders; the main thread only listens, watches and streams events.
import { parentPort, workerData } from 'node:worker_threads';
import { PreviewEngine } from './engine.js';
import type { EngineRequest, EngineResponse } from './engine-client.js';

const port = parentPort;
if (!port) throw new Error('engine-worker.js runs as a worker thread');
const { root, cwd, cacheDir } = workerData as { root: string; cwd: string; cacheDir?: string };
const engine = PreviewEngine.open(root, { cwd, cacheDir });

// One request at a time: an update never runs between a page's reads of the workspace.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (request: EngineRequest) => {
  queue = queue.then(async () => {
    const response = await handle(request);
    port.postMessage(response);
  });
});

async function handle(request: EngineRequest): Promise<EngineResponse> {
  try {
    const e = await engine;
    if (request.op === 'update')
      return { id: request.id, ok: true, value: await e.workspace.update(request.paths) };
    return { id: request.id, ok: true, value: await e.answer(request.target) };
  } catch (err) {
    return { id: request.id, ok: false, message: (err as Error).message };
  }
}
