/** A half-open span of time `[start, end)` in epoch nanoseconds. */
export interface Interval {
  start: bigint;
  end: bigint;
}

/** The union of intervals as sorted, disjoint, non-touching intervals; empty ones vanish. */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = list
    .filter((i) => i.end > i.start)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end) {
      if (next.end > last.end) last.end = next.end;
    } else {
      out.push({ start: next.start, end: next.end });
    }
  }
  return out;
}

/** The intersection of two unions (sorted, disjoint lists as `union` returns). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = later(x.start, y.start);
    const end = earlier(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** The part of `a` not covered by `b` (both sorted, disjoint lists as `union` returns). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  // Found by bisection: one incident subtracted from a long exclusion list costs log n, not n.
  let j = a[0] ? firstEndingAfter(b, a[0].start) : 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && (b[j] as Interval).end <= start) j++;
    let k = j;
    while (k < b.length && (b[k] as Interval).start < x.end) {
      const y = b[k] as Interval;
      if (y.start > start) out.push({ start, end: y.start });
      if (y.end > start) start = y.end;
      k++;
    }
    if (x.end > start) out.push({ start, end: x.end });
  }
  return out;
}

/** The index of the first interval of a sorted, disjoint list that ends after `instant`. */
function firstEndingAfter(list: readonly Interval[], instant: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Interval).end <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The total length of disjoint intervals, in nanoseconds. */
export function measure(list: readonly Interval[]): bigint {
  return list.reduce((sum, i) => sum + (i.end - i.start), 0n);
}

/** The later of two instants (Math.max does not take bigints). */
export function later(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** The earlier of two instants (Math.min does not take bigints). */
export function earlier(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
