// The SLA evaluator's cost per request: every body of sla-bodies.ts (each at most the 1 MB
// body limit) through the HTTP app in this process, then the worst of them six at a time
// against `terms serve` while /healthz is asked: how long a liveness probe waits behind them.
import path from 'node:path';
import type { Context } from '../context.js';
import { bin, TERMS } from '../engine.js';
import { freePort } from '../peers/nginx.js';
import { type Service, startService } from '../procs.js';
import { summarize } from '../report.js';
import { type SlaBody, slaBodies } from '../sla-bodies.js';
import { ensureBundle } from './build.js';

const ROUTE = '/api/v1/sla/evaluate';
/** Requests in flight beside the /healthz probe. */
const CONCURRENT = 6;

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** In-process timings of every body, then /healthz behind the worst one over a socket. */
export async function slaSection(ctx: Context): Promise<void> {
  const { engine, budget, report } = ctx;
  const dist = await ensureBundle(ctx);
  const app = engine.app.createApp({ bundle: await engine.serverBundle.loadBundle(dist) });
  const runs = Math.max(3, Math.round(budget.benchIterations / 2));
  const post = (body: SlaBody) =>
    app.request(ROUTE, {
      method: 'POST',
      body: body.text,
      headers: { 'Content-Type': 'application/json' },
    });

  let worst: { body: SlaBody; median: number } | undefined;
  for (const body of slaBodies()) {
    const times: number[] = [];
    let answer = { status: 0, bytes: 0 };
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const res = await post(body);
      const bytes = (await res.arrayBuffer()).byteLength;
      // The first run warms up (compiles the schemas) and is not counted.
      if (i > 0) times.push(performance.now() - started);
      answer = { status: res.status, bytes };
    }
    const stats = summarize(times);
    report.add({
      id: `sla.request.${body.id}`,
      section: 'sla',
      label: `POST ${ROUTE}, ${body.what} (${kb(Buffer.byteLength(body.text))}): ${answer.status}, ${kb(answer.bytes)} answer (in-process)`,
      unit: 'ms',
      better: 'lower',
      ...stats,
    });
    if (!worst || stats.median > worst.median) worst = { body, median: stats.median };
  }
  if (!worst) throw new Error('no SLA bodies');
  report.note(
    `SLA: the costliest request under the 1 MB body limit is "${worst.body.what}", ${worst.median.toFixed(1)} ms median in-process.`,
  );
  await healthzBehind(ctx, dist, worst.body, runs);
}

/** /healthz latency while `CONCURRENT` copies of `body` are evaluated by `terms serve`. */
async function healthzBehind(ctx: Context, dist: string, body: SlaBody, runs: number) {
  let server: Service | undefined;
  try {
    const port = await freePort();
    server = await startService(
      process.execPath,
      [
        bin(),
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--bundle',
        dist,
        '--terms',
        TERMS,
      ],
      {
        label: 'terms serve',
        logFile: path.join(ctx.tmp, 'serve-sla.log'),
        timeoutMs: ctx.budget.peerTimeoutMs,
        ready: (log) => log.includes('listening on'),
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const signal = () => AbortSignal.timeout(60_000);
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const posts = Array.from({ length: CONCURRENT }, () =>
        fetch(base + ROUTE, {
          method: 'POST',
          body: body.text,
          headers: { 'Content-Type': 'application/json' },
          signal: signal(),
        }).then((r) => r.arrayBuffer()),
      );
      // Asked just after the posts, as a load balancer's probe would be.
      await new Promise((r) => setTimeout(r, 5));
      const started = performance.now();
      const res = await fetch(`${base}/healthz`, { signal: signal() });
      await res.arrayBuffer();
      if (i > 0) times.push(performance.now() - started);
      await Promise.all(posts);
    }
    ctx.report.add({
      id: 'sla.healthz',
      section: 'sla',
      label: `GET /healthz behind ${CONCURRENT} concurrent "${body.what}" requests (terms serve, loopback)`,
      unit: 'ms',
      better: 'lower',
      ...summarize(times),
    });
  } finally {
    server?.stop();
  }
}
