// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    total: number;
    sent?: number;
  }
  interface Result {
    duration: number;
    samples: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    headers?: Record<string, string>;
  }
  interface Instance {
    stop(): void;
  }
  function autocannon(
    options: Options,
    callback: (err: Error | null, result: Result) => void,
  ): Instance;
  export default autocannon;
  export type { Histogram, Options, Result };
}
