// A worker thread that renders bundle documents. The terms the build was given come in
// workerData (a structured clone, made once): the worker renders exactly what the main thread
// checked, never a re-read of files that may have changed since. Each answer's bytes are
// transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import type { Terms } from '../model/terms.js';
import { type RenderJob, renderJob, serializeError } from './render-job.js';

/** A job as the pool posts it. */
export interface WorkerRequest {
  id: number;
  job: RenderJob;
}

/** A worker's answer: the bytes and the time the render took, or the error. */
export type WorkerResponse =
  | { id: number; ok: true; bytes: ArrayBuffer; ms: number }
  | { id: number; ok: false; error: ReturnType<typeof serializeError> };

const { terms } = workerData as { terms: Terms };
const port = parentPort;
if (!port) throw new Error('render-worker.js runs as a worker thread');

port.on('message', async ({ id, job }: WorkerRequest) => {
  const start = performance.now();
  try {
    const bytes = await renderJob(terms, job);
    const copy = bytes.slice();
    const response: WorkerResponse = {
      id,
      ok: true,
      bytes: copy.buffer,
      ms: performance.now() - start,
    };
    port.postMessage(response, [copy.buffer]);
  } catch (err) {
    const response: WorkerResponse = { id, ok: false, error: serializeError(err) };
    port.postMessage(response);
  }
});
