import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PreviewAnswer, PreviewEngine } from './engine.js';
import type { UpdateSummary } from './workspace.js';

/** What the engine worker is asked. */
export type EngineCall = { op: 'update'; paths: string[] } | { op: 'answer'; target: string };

/** A request to the engine worker. */
export type EngineRequest = EngineCall & { id: number };

/** The engine worker's answer to one request. */
export type EngineResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

/** The preview engine as the server uses it, in a worker thread or in this one. */
export interface EngineClient {
  /** Takes in changed paths under the terms folder. */
  update(paths: string[]): Promise<UpdateSummary>;
  /** Answers a GET of a path. */
  answer(target: string): Promise<PreviewAnswer>;
  close(): Promise<void>;
  /** True once a worker engine has stopped (crashed): it answers nothing any more. */
  readonly stopped: boolean;
}

const WORKER_SCRIPT = new URL('./engine-worker.js', import.meta.url);

/**
 * Starts an engine on a terms folder: in a worker thread when the compiled worker exists (so
 * restarting it reads templates and locales again, and renders never block the server), else
 * in this thread (running from TypeScript sources, where templates and locales stay as loaded).
 */
export async function startEngine(
  root: string,
  cwd: string,
  cacheDir?: string | undefined,
): Promise<EngineClient> {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) {
    const engine = await PreviewEngine.open(root, { cwd, cacheDir });
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(task: () => Promise<T>): Promise<T> => {
      const next = queue.then(task);
      queue = next.catch(() => undefined);
      return next;
    };
    return {
      update: (paths) => serial(() => engine.workspace.update(paths)),
      answer: (target) => serial(() => engine.answer(target)),
      close: async () => {},
      stopped: false,
    };
  }
  return workerEngine(root, cwd, cacheDir);
}

function workerEngine(root: string, cwd: string, cacheDir: string | undefined): EngineClient {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { root, cwd, cacheDir } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (msg: EngineResponse) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the preview engine stopped (exit code ${code})`)));
  const call = <T>(request: EngineCall): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };
  return {
    update: (paths) => call({ op: 'update', paths }),
    answer: (target) => call({ op: 'answer', target }),
    close: async () => {
      await worker.terminate();
    },
    get stopped() {
      return failure !== undefined;
    },
  };
}
