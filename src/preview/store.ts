/**
 * Where preview keeps what it rendered, in memory, keyed by everything it shows (pages) or by
 * the version folder's key and the edition (PDFs). Check results and models live in the
 * persistent cache (`src/cache/`) instead, and PDFs there too, when one is given.
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
