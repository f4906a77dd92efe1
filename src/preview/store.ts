/**
 * Where preview keeps what it computed from content, keyed by that content: a version's check
 * results (by the sha256 of its folder's files and of its service.yaml) and rendered pages (by
 * everything they print). In memory here; the persistent content-addressed cache (`src/cache/`)
 * can stand in for either by implementing this, adding the engine's fingerprint to the keys
 * (a preview engine never outlives a change of templates or locales, so these keys need none).
 */
export interface KeyedStore<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/**
 * A store that keeps the `limit` most recently used entries: a writer opens a few pages, but a
 * tree of 500 versions has 4,000 documents and most are never looked at twice.
 */
export function memoryStore<T>(limit: number): KeyedStore<T> {
  const entries = new Map<string, T>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
  };
}
