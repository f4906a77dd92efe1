import { isDeepStrictEqual } from 'node:util';

/** One parameter that differs between two versions, by its path (`sla.restoreTimes.reboot.withinMinutes`). */
export interface ParameterChange {
  path: string;
  change: 'changed' | 'added' | 'removed';
  /** The value before (absent when added). */
  from?: unknown;
  /** The value after (absent when removed). */
  to?: unknown;
}

/**
 * Every difference between two parameter trees, deepest path first reached, in the order of the
 * older tree. Array items that carry an `id` (restore times) or a `type` (support channels) are
 * matched by it and named by it in the path, the way placeholders name them; other arrays of
 * objects (compensation tiers) are compared by index; arrays of plain values as a whole.
 */
export function diffParameters(from: unknown, to: unknown, path = ''): ParameterChange[] {
  if (isDeepStrictEqual(from, to)) return [];
  if (isRecord(from) && isRecord(to)) {
    const keys = [...Object.keys(from), ...Object.keys(to).filter((k) => !(k in from))];
    return keys.flatMap((k) => member(join(path, k), from[k], to[k], k in from, k in to));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const key = itemKey(from, to);
    if (key) {
      const byKey = (list: unknown[]) =>
        new Map(list.map((item) => [String((item as Record<string, unknown>)[key]), item]));
      const a = byKey(from);
      const b = byKey(to);
      const ids = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
      return ids.flatMap((id) =>
        member(join(path, id), a.get(id), b.get(id), a.has(id), b.has(id)),
      );
    }
    if ([...from, ...to].some((item) => isRecord(item) || Array.isArray(item))) {
      const n = Math.max(from.length, to.length);
      return Array.from({ length: n }, (_, i) =>
        member(`${path}[${i}]`, from[i], to[i], i < from.length, i < to.length),
      ).flat();
    }
  }
  return [{ path, change: 'changed', from, to }];
}

function member(
  path: string,
  from: unknown,
  to: unknown,
  inFrom: boolean,
  inTo: boolean,
): ParameterChange[] {
  if (!inFrom) return [{ path, change: 'added', to }];
  if (!inTo) return [{ path, change: 'removed', from }];
  return diffParameters(from, to, path);
}

/** `id` or `type` when every item on both sides is an object with a distinct string value of it. */
function itemKey(from: unknown[], to: unknown[]): 'id' | 'type' | undefined {
  for (const key of ['id', 'type'] as const) {
    const ok = (list: unknown[]) => {
      const values = list.map((item) => (isRecord(item) ? item[key] : undefined));
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    };
    if (from.length + to.length > 0 && ok(from) && ok(to)) return key;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
