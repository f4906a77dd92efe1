// The benchmark's results: measurements with their statistics and peer figures, the lines
// that say what was skipped and why, the table printed at the end and bench/results.json.
import os from 'node:os';

/** Summary statistics of a list of samples. */
export interface Stats {
  n: number;
  median: number;
  /** Null when the tool that measured gives no 95th percentile (autocannon latency). */
  p95: number | null;
  min: number;
  max: number;
  mean: number;
  /** Only where the source reports it (HTTP latency). */
  p99?: number;
}

/** A peer's figure for the same measurement, taken in the same run. */
export interface PeerFigure extends Stats {
  name: string;
}

/** One row of the results. */
export interface Measurement extends Stats {
  id: string;
  section: string;
  label: string;
  unit: string;
  /** Which way is better for this unit. */
  better: 'lower' | 'higher';
  peer?: PeerFigure;
  /** engine median ÷ peer median. */
  ratio?: number;
  /** e.g. "3.1× faster than Chromium". */
  verdict?: string;
  note?: string;
}

/** A measurement that was not taken, and why. */
export interface Skipped {
  id: string;
  reason: string;
}

/** Linear-interpolated percentile of sorted samples (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Median, p95, min, max and mean of samples. */
export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
  };
}

/** Collects measurements and skip lines; prints the table; serializes the results. */
export class Report {
  readonly measurements: Measurement[] = [];
  readonly skipped: Skipped[] = [];
  readonly notes: string[] = [];
  private readonly started = new Date();
  private readonly loadStart = os.loadavg();

  constructor(
    private readonly mode: { quick: boolean; sections: string[] },
    private readonly log: (line: string) => void,
  ) {}

  /** Adds a row; with a peer, the ratio and verdict are derived from the medians. */
  add(m: Omit<Measurement, 'ratio' | 'verdict'>): Measurement {
    const row: Measurement = { ...m };
    if (m.peer && m.peer.median > 0 && m.median > 0) {
      row.ratio = m.median / m.peer.median;
      const factor = m.better === 'lower' ? m.peer.median / m.median : m.median / m.peer.median;
      row.verdict =
        factor >= 1
          ? `${fmtFactor(factor)} better than ${m.peer.name}`
          : `${fmtFactor(1 / factor)} worse than ${m.peer.name}`;
    }
    this.measurements.push(row);
    this.log(
      `  ${row.label}: ${fmt(row.median, row.unit)} median, p95 ${fmt(row.p95, row.unit)} (n=${row.n})${row.peer ? ` · ${row.peer.name} ${fmt(row.peer.median, row.unit)}` : ''}`,
    );
    return row;
  }

  /** Records a measurement that was not taken, and prints why, loudly. */
  skip(id: string, reason: string): void {
    this.skipped.push({ id, reason });
    this.log(`  SKIPPED ${id}: ${reason}`);
  }

  /** A method note printed under the table and kept in the JSON. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** The one table printed at the end (Markdown). */
  table(): string {
    const lines = [
      '| measurement | unit | n | median | p95 | peer (median) | engine vs peer |',
      '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ];
    for (const m of this.measurements) {
      const p95 = m.p95 === null ? (m.p99 !== undefined ? `p99 ${num(m.p99)}` : '—') : num(m.p95);
      const peerP99 = m.peer?.p99 !== undefined ? ` (p99 ${num(m.peer.p99)})` : '';
      lines.push(
        `| ${m.label} | ${m.unit} | ${m.n} | ${num(m.median)} | ${p95} | ${m.peer ? `${m.peer.name}: ${num(m.peer.median)}${peerP99}` : '—'} | ${m.verdict ?? '—'} |`,
      );
    }
    for (const s of this.skipped)
      lines.push(`| SKIPPED: ${s.id} | | | | | | ${oneLine(s.reason)} |`);
    return lines.join('\n');
  }

  /** The contents of bench/results.json. */
  toJson(): object {
    const cpus = os.cpus();
    return {
      schemaVersion: 1,
      date: this.started.toISOString(),
      finished: new Date().toISOString(),
      mode: this.mode,
      machine: {
        cpuModel: cpus[0]?.model ?? 'unknown',
        cpus: cpus.length,
        availableParallelism: os.availableParallelism(),
        memoryMB: Math.round(os.totalmem() / 2 ** 20),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        loadAverageAtStart: this.loadStart.map((x) => Number(x.toFixed(2))),
        loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
      },
      ratioMeaning:
        'ratio = engine median ÷ peer median; for ms and MB lower is better, for req/s higher is better (see `better`)',
      notes: this.notes,
      measurements: this.measurements.map((m) => round(m)),
      skipped: this.skipped,
    };
  }
}

function round<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_, v) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v,
    ),
  ) as T;
}

/** A reason as one table cell: its first line, pipes escaped, at most 200 characters. */
function oneLine(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const cut = first.length > 200 ? `${first.slice(0, 199)}…` : first;
  return cut.replaceAll('|', '\\|');
}

function fmtFactor(f: number): string {
  return `${f < 10 ? f.toFixed(1) : f.toFixed(0)}×`;
}

/** A number for the table: 3 significant digits, thousands kept whole. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  if (Math.abs(x) >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function fmt(x: number | null, unit: string): string {
  return `${num(x)} ${unit}`;
}
