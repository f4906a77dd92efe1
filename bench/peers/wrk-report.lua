-- wrk's end-of-run report as one JSON line (latency in microseconds), for bench/load.ts.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latencyUs":{"mean":%f,"min":%d,"max":%d,"p50":%d,"p95":%d,"p99":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.min, latency.max,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
