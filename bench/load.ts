// HTTP load, bounded in time: autocannon (in this process), and wrk when it is installed
// (a C client: autocannon decodes every response body to a string, which caps it at a few
// hundred binary PDFs a second here, whatever the server). Each run has a fixed duration and
// a guard that stops it if it does not end soon after (a hanging peer cannot hang the bench).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { runBounded, treeCpuMs, withTimeout } from './procs.js';

/** wrk, if installed (apt-get install -y wrk). */
export const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((f) => existsSync(f));
const WRK_SCRIPT = fileURLToPath(new URL('./peers/wrk-report.lua', import.meta.url));

/** What one load run gives. */
export interface LoadFigures {
  tool: 'autocannon' | 'wrk';
  /** Requests per second: median of the per-second counts (autocannon) or overall (wrk). */
  rps: number;
  /** Seconds sampled (autocannon), or 1 (wrk gives one overall figure). */
  n: number;
  rpsMin: number;
  rpsMax: number;
  rpsMean: number;
  latency: {
    median: number;
    p95: number | null;
    p99: number;
    min: number;
    max: number;
    mean: number;
  };
  requests: number;
  /** CPU time the server's process tree used per request, in microseconds. */
  serverCpuUsPerRequest: number;
  /** CPU the load generator used, as a share of one core (autocannon only: it runs here). */
  clientCpuShare?: number;
}

/** Loads `url` with autocannon; `serverPid` is the tree whose CPU time is charged per request. */
export async function autocannonRun(
  url: string,
  serverPid: number,
  options: { connections: number; durationS: number },
): Promise<LoadFigures> {
  let instance: { stop(): void } | undefined;
  const cpuBefore = treeCpuMs(serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await withTimeout(
    new Promise<Result>((resolve, reject) => {
      instance = autocannon(
        { url, connections: options.connections, duration: options.durationS, timeout: 10 },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    }),
    (options.durationS + 15) * 1000,
    `autocannon ${url}`,
    () => instance?.stop(),
  );
  const wall = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  const serverMs = treeCpuMs(serverPid) - cpuBefore;
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0)
    throw new Error(
      `${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`,
    );
  const requests = result.requests.total;
  return {
    tool: 'autocannon',
    rps: result.requests.p50,
    n: result.samples,
    rpsMin: result.requests.min,
    rpsMax: result.requests.max,
    rpsMean: result.requests.average,
    latency: {
      median: result.latency.p50,
      p95: null,
      p99: result.latency.p99,
      min: result.latency.min,
      max: result.latency.max,
      mean: result.latency.average,
    },
    requests,
    serverCpuUsPerRequest: (serverMs * 1000) / Math.max(1, requests),
    clientCpuShare: (client.user + client.system) / 1000 / wall,
  };
}

interface WrkReport {
  requests: number;
  durationUs: number;
  errors: Record<'connect' | 'read' | 'write' | 'status' | 'timeout', number>;
  latencyUs: { mean: number; min: number; max: number; p50: number; p95: number; p99: number };
}

/** Loads `url` with wrk (one thread), bounded by a process timeout. */
export async function wrkRun(
  url: string,
  serverPid: number,
  options: { connections: number; durationS: number },
): Promise<LoadFigures> {
  if (!WRK) throw new Error('wrk is not installed');
  const cpuBefore = treeCpuMs(serverPid);
  const run = await runBounded(
    WRK,
    [
      '-t1',
      `-c${options.connections}`,
      `-d${options.durationS}s`,
      '--timeout',
      '10s',
      '-s',
      WRK_SCRIPT,
      url,
    ],
    { label: `wrk ${url}`, timeoutMs: (options.durationS + 15) * 1000 },
  );
  const serverMs = treeCpuMs(serverPid) - cpuBefore;
  const line = run.stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk ${url}: no report in its output:\n${run.stdout}`);
  const r = JSON.parse(line) as WrkReport;
  const bad = Object.entries(r.errors).filter(([, n]) => n > 0);
  if (bad.length > 0)
    throw new Error(
      `${url}: wrk errors under load: ${bad.map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
  const rps = r.requests / (r.durationUs / 1e6);
  const ms = (us: number) => us / 1000;
  return {
    tool: 'wrk',
    rps,
    n: 1,
    rpsMin: rps,
    rpsMax: rps,
    rpsMean: rps,
    latency: {
      median: ms(r.latencyUs.p50),
      p95: ms(r.latencyUs.p95),
      p99: ms(r.latencyUs.p99),
      min: ms(r.latencyUs.min),
      max: ms(r.latencyUs.max),
      mean: ms(r.latencyUs.mean),
    },
    requests: r.requests,
    serverCpuUsPerRequest: (serverMs * 1000) / Math.max(1, r.requests),
  };
}
