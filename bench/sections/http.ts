// The server under load over loopback, bounded in time, beside two peers: bare node:http
// answering the same bytes from memory (the floor any Node server pays), and nginx serving
// the same bundle folder (nginx: the static rules.json the date resolves to). A cached PDF,
// and rules by date. Servers run one at a time; each URL is loaded by autocannon and, when
// installed, by wrk. terms serve runs as users run it: request logging on (JSON, to a file).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, mb } from '../context.js';
import { bin, TERMS } from '../engine.js';
import { autocannonRun, type LoadFigures, WRK, wrkRun } from '../load.js';
import { freePort, NGINX, startNginx } from '../peers/nginx.js';
import { type Service, startService } from '../procs.js';
import { type Measurement, summarize } from '../report.js';
import { ensureBundle } from './build.js';

const SERVICE = 'dedicated-compute';
const VERSION = '2025-09-10';
const RULES_FILE = `/api/v1/services/${SERVICE}/versions/${VERSION}/rules.json`;
const BARE_NODE = fileURLToPath(new URL('../peers/bare-node.mjs', import.meta.url));
const BARE = 'bare node:http';

/** What is loaded: the engine's URL and the URL nginx answers the same bytes at. */
const TARGETS = [
  {
    key: 'pdf',
    engine: `/terms/${SERVICE}/${VERSION}/kk.pdf`,
    nginx: `/terms/${SERVICE}/${VERSION}/kk.pdf`,
    what: 'cached kk PDF',
    peerName: 'nginx, same file',
    type: 'application/pdf',
  },
  {
    key: 'rules',
    engine: `/api/v1/services/${SERVICE}/rules?at=2025-10-01`,
    nginx: RULES_FILE,
    what: 'rules?at=2025-10-01 (by-date lookup)',
    peerName: 'nginx, static rules.json of that version',
    type: 'application/json; charset=utf-8',
  },
] as const;
type Key = (typeof TARGETS)[number]['key'];

interface ServerFigures {
  autocannon: Record<Key, LoadFigures>;
  wrk?: Record<Key, LoadFigures>;
  peakKb: number;
}

/** Fetches once and checks the answer is exactly the bundle file (both hosts serve the same bytes). */
async function verify(url: string, expected: Buffer, label: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || !body.equals(expected))
    throw new Error(
      `${label} ${url}: expected 200 with the ${expected.length} bundle bytes, got ${res.status} with ${body.length} bytes`,
    );
}

/** Loads every target of one running server: a 1 s warm-up, autocannon, then wrk. */
async function loadServer(
  ctx: Context,
  server: Service,
  base: string,
  side: 'engine' | 'bare' | 'nginx',
  files: Record<Key, Buffer>,
): Promise<ServerFigures> {
  const { connections, durationS } = ctx.budget;
  const opts = { connections, durationS };
  const target = (t: (typeof TARGETS)[number]) => (side === 'nginx' ? t.nginx : t.engine);
  for (const t of TARGETS) await verify(base + target(t), files[t.key], side);
  const ac = {} as Record<Key, LoadFigures>;
  const wrk = WRK ? ({} as Record<Key, LoadFigures>) : undefined;
  for (const t of TARGETS) {
    const url = base + target(t);
    ctx.log(`  ${side}: ${target(t)} for ${durationS} s, ${connections} connections`);
    await autocannonRun(url, server.pid, { connections, durationS: 1 });
    ac[t.key] = await autocannonRun(url, server.pid, opts);
    if (wrk) wrk[t.key] = await wrkRun(url, server.pid, opts);
  }
  return { autocannon: ac, ...(wrk ? { wrk } : {}), peakKb: server.sampler.peakKb };
}

/** `terms serve` and nginx, loaded one after the other (never at the same time). */
/** `terms serve` of the engine being measured over `dist`, on a free port, logging to `logName`. */
export async function startTermsServe(
  ctx: Context,
  dist: string,
  logName: string,
): Promise<{ server: Service; port: number }> {
  const port = await freePort();
  const server = await startService(
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
      logFile: path.join(ctx.tmp, logName),
      timeoutMs: ctx.budget.peerTimeoutMs,
      ready: (log) => log.includes('listening on'),
    },
  );
  return { server, port };
}

export async function httpSection(ctx: Context): Promise<void> {
  const { budget, report } = ctx;
  const dist = await ensureBundle(ctx);
  const files = {} as Record<Key, Buffer>;
  for (const t of TARGETS) files[t.key] = await readFile(path.join(dist, ...t.nginx.split('/')));

  let engine: ServerFigures;
  let server: Service | undefined;
  try {
    let port: number;
    ({ server, port } = await startTermsServe(ctx, dist, 'serve.log'));
    engine = await loadServer(ctx, server, `http://127.0.0.1:${port}`, 'engine', files);
  } finally {
    server?.stop();
  }

  let bare: ServerFigures | undefined;
  let bareServer: Service | undefined;
  try {
    const port = await freePort();
    const routes = TARGETS.flatMap((t) => [
      t.engine,
      path.join(dist, ...t.nginx.split('/')),
      t.type,
    ]);
    bareServer = await startService(process.execPath, [BARE_NODE, String(port), ...routes], {
      label: BARE,
      logFile: path.join(ctx.tmp, 'bare-node.log'),
      timeoutMs: budget.peerTimeoutMs,
      ready: (log) => log.includes('listening on'),
    });
    bare = await loadServer(ctx, bareServer, `http://127.0.0.1:${port}`, 'bare', files);
  } finally {
    bareServer?.stop();
  }

  let peer: ServerFigures | undefined;
  if (!NGINX)
    report.skip(
      'http.nginx',
      'nginx is not installed (apt-get install -y nginx): no static-server figures to compare with',
    );
  else {
    let nginx: Service | undefined;
    try {
      const started = await startNginx(path.join(ctx.tmp, 'nginx'), dist);
      nginx = started.service;
      peer = await loadServer(ctx, nginx, `http://127.0.0.1:${started.port}`, 'nginx', files);
    } finally {
      nginx?.stop();
    }
  }
  if (!WRK)
    report.skip(
      'http.wrk',
      'wrk is not installed (apt-get install -y wrk): PDF throughput is only measured by autocannon, which is bound by its own body decoding',
    );

  const rps = (f: LoadFigures) => ({
    n: f.n,
    median: f.rps,
    p95: null,
    min: f.rpsMin,
    max: f.rpsMax,
    mean: f.rpsMean,
  });
  const lat = (f: LoadFigures) => ({ n: f.requests, ...f.latency });
  const one = (x: number) => summarize([x]);
  const withPeer = (name: string, stats: object | undefined) =>
    stats ? { peer: { name, ...stats } as Measurement['peer'] } : {};
  for (const t of TARGETS) {
    for (const tool of ['autocannon', 'wrk'] as const) {
      const e = engine[tool]?.[t.key];
      if (!e) continue;
      const p = peer?.[tool]?.[t.key];
      const share = (f: LoadFigures | undefined) =>
        f?.clientCpuShare === undefined ? '?' : `${Math.round(f.clientCpuShare * 100)}%`;
      // autocannon runs in this process: how busy it was says whether it, not the server, set the pace.
      const saturated =
        e.clientCpuShare === undefined
          ? ''
          : `; autocannon used ${share(e)} of a core${p ? `, ${share(p)} against nginx` : ''}`;
      report.add({
        id: `http.${t.key}.${tool}.rps`,
        section: 'http',
        label: `terms serve, ${t.what}: throughput (${tool}${saturated})`,
        unit: 'req/s',
        better: 'higher',
        ...rps(e),
        ...withPeer(t.peerName, p && rps(p)),
      });
      report.add({
        id: `http.${t.key}.${tool}.latency`,
        section: 'http',
        label: `terms serve, ${t.what}: latency (${tool})`,
        unit: 'ms',
        better: 'lower',
        ...lat(e),
        ...withPeer(t.peerName, p && lat(p)),
      });
    }
    // Server CPU per request does not depend on how fast the client is.
    const tool = engine.wrk ? 'wrk' : 'autocannon';
    const e = engine[tool]?.[t.key] as LoadFigures;
    const p = peer?.[tool]?.[t.key];
    report.add({
      id: `http.${t.key}.cpu`,
      section: 'http',
      label: `terms serve, ${t.what}: server CPU per request (${tool} run)`,
      unit: 'µs',
      better: 'lower',
      ...one(e.serverCpuUsPerRequest),
      ...withPeer(t.peerName, p && one(p.serverCpuUsPerRequest)),
    });
  }
  // The floor: terms serve and nginx against bare node:http answering the same bytes.
  const ratios: string[] = [];
  for (const t of TARGETS) {
    const tool = engine.wrk && bare.wrk ? 'wrk' : 'autocannon';
    const e = engine[tool]?.[t.key] as LoadFigures;
    const b = bare[tool]?.[t.key] as LoadFigures;
    const n = peer?.[tool]?.[t.key];
    report.add({
      id: `http.${t.key}.vs-bare.rps`,
      section: 'http',
      label: `terms serve ÷ ${BARE}, ${t.what}: throughput (${tool})`,
      unit: 'req/s',
      better: 'higher',
      ...rps(e),
      peer: { name: BARE, ...rps(b) },
    });
    report.add({
      id: `http.${t.key}.vs-bare.cpu`,
      section: 'http',
      label: `terms serve ÷ ${BARE}, ${t.what}: server CPU per request (${tool} run)`,
      unit: 'µs',
      better: 'lower',
      ...one(e.serverCpuUsPerRequest),
      peer: { name: BARE, ...one(b.serverCpuUsPerRequest) },
    });
    if (n)
      report.add({
        id: `http.${t.key}.nginx-vs-bare.rps`,
        section: 'http',
        label: `nginx ÷ ${BARE}, ${t.what}: throughput (${tool})`,
        unit: 'req/s',
        better: 'higher',
        ...rps(n),
        peer: { name: BARE, ...rps(b) },
      });
    ratios.push(
      `${t.key}: terms serve ÷ bare ${(e.rps / b.rps).toFixed(2)}× req/s, ${(e.serverCpuUsPerRequest / b.serverCpuUsPerRequest).toFixed(2)}× CPU/request${n ? `; nginx ÷ bare ${(n.rps / b.rps).toFixed(2)}× req/s` : ''}`,
    );
  }
  ctx.log(`  ratios (${engine.wrk ? 'wrk' : 'autocannon'}): ${ratios.join(' · ')}`);
  report.add({
    id: 'http.memory.vs-bare',
    section: 'http',
    label: `terms serve ÷ ${BARE}: peak RSS over the load runs (process tree, sampled)`,
    unit: 'MB',
    better: 'lower',
    ...summarize([mb(engine.peakKb)]),
    peer: { name: BARE, ...summarize([mb(bare.peakKb)]) },
  });
  report.add({
    id: 'http.memory',
    section: 'http',
    label: 'server peak RSS over the load runs (process tree, sampled)',
    unit: 'MB',
    better: 'lower',
    ...summarize([mb(engine.peakKb)]),
    ...withPeer('nginx master + 2 workers', peer && summarize([mb(peer.peakKb)])),
  });
  report.note(
    `HTTP: ${budget.connections} keep-alive connections over loopback, ${budget.durationS} s per run after a 1 s autocannon warm-up; one server at a time. autocannon runs in the benchmark process and decodes every response body to a string, so on binary PDFs it measures mostly itself (its CPU share is shown; over 90% = client-bound); wrk (one C thread) gives the figures that are about the servers. Both share the machine's CPUs with the server. req/s: autocannon's median of per-second counts (n = seconds), wrk's overall rate; latency: p50 and p99 (autocannon has no p95 and 1 ms resolution; wrk gives µs and p95). Server CPU per request: user+system time of the server's process tree (/proc) during the run ÷ requests answered. terms serve logs one JSON line per request (pino, its default) to a file; bare node:http (bench/peers/bare-node.mjs) answers the same bytes from memory with one fixed header object per URL, no routing, no log; nginx runs with access_log off, sendfile on, 2 workers. Every answer was checked byte for byte against the bundle file before loading.`,
  );
}
