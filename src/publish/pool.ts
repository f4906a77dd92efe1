import { Worker } from 'node:worker_threads';
import type { Terms } from '../model/terms.js';
import type { RenderJob } from './render-job.js';
import { deserializeError } from './render-job.js';
import type { WorkerRequest, WorkerResponse } from './render-worker.js';

/** A rendered document and how long its render took (in the worker). */
export interface Rendered {
  bytes: Uint8Array;
  ms: number;
}

interface Pending {
  resolve: (r: Rendered) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed pool of render workers, each given the terms once; jobs go to the first idle worker.
 * A worker that crashes fails its job and every job still waiting, so a build never hangs.
 */
export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { request: WorkerRequest; pending: Pending }[] = [];
  private readonly running = new Map<Worker, { id: number; pending: Pending }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(script: URL, size: number, terms: Terms) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { terms } });
      worker.on('message', (msg: WorkerResponse) => this.settle(worker, msg));
      worker.on('error', (err) => this.crash(worker, err));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.crash(worker, new Error(`render worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Renders one job on the next idle worker. */
  render(job: RenderJob): Promise<Rendered> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, job }, pending: { resolve, reject } });
      this.pump();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const next = this.queue.shift() as (typeof this.queue)[number];
      this.running.set(worker, { id: next.request.id, pending: next.pending });
      worker.postMessage(next.request);
    }
  }

  private settle(worker: Worker, msg: WorkerResponse): void {
    const current = this.running.get(worker);
    if (!current || current.id !== msg.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if (msg.ok) current.pending.resolve({ bytes: new Uint8Array(msg.bytes), ms: msg.ms });
    else current.pending.reject(deserializeError(msg.error));
    this.pump();
  }

  private crash(worker: Worker, err: Error): void {
    this.failure ??= err;
    this.running.get(worker)?.pending.reject(err);
    this.running.delete(worker);
    for (const waiting of this.queue.splice(0)) waiting.pending.reject(err);
  }
}
