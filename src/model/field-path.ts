/**
 * Prints a zod issue path the way JavaScript reads it: `["incidents", 2, "end"]` →
 * `incidents[2].end`, `["sla", "restoreTimes", 1, "withinMinutes"]` →
 * `sla.restoreTimes[1].withinMinutes`; the empty path prints as the empty string.
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
