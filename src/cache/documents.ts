import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { PlannedDocument } from '../publish/bundle-plan.js';
import type { DocumentStore } from '../publish/bundle-writer.js';
import type { Cache } from './store.js';

/**
 * Rendered bundle documents in the cache. A document's key is made of the keys of the version
 * folders it reads (`sources`: its own, and for a changes page the version it is compared with;
 * each key covers the engine fingerprint, service.yaml and every file of the folder: see
 * `inspectVersionFolder`),
 * its render job (format, edition, drafts) and its plan `context` (everything else it shows,
 * e.g. the other versions a page lists): a published version's PDF keeps its key until the
 * engine or its own sources change; a page gets a new one when the versions it lists change.
 */
export class CachedDocuments implements DocumentStore {
  private readonly cache: Cache;
  private readonly versionKeys: ReadonlyMap<string, string>;
  private readonly keys = new WeakMap<PlannedDocument, string | undefined>();
  /** Documents of one service share their context object (the version list): hashed once. */
  private readonly contexts = new WeakMap<object, string>();

  /** `versionKeys`: the key of each version folder, `<service>/<version>` → key (from `openTree`). */
  constructor(cache: Cache, versionKeys: ReadonlyMap<string, string>) {
    this.cache = cache;
    this.versionKeys = versionKeys;
  }

  async has(doc: PlannedDocument): Promise<boolean> {
    const key = this.keyOf(doc);
    return (
      key !== undefined && this.cache.usable && existsSync(this.cache.entryPath('document', key))
    );
  }

  async get(doc: PlannedDocument): Promise<Uint8Array | undefined> {
    const key = this.keyOf(doc);
    return key === undefined ? undefined : this.cache.get('document', key);
  }

  async put(doc: PlannedDocument, bytes: Uint8Array): Promise<void> {
    const key = this.keyOf(doc);
    if (key !== undefined) await this.cache.put('document', key, bytes);
  }

  private keyOf(doc: PlannedDocument): string | undefined {
    if (this.keys.has(doc)) return this.keys.get(doc);
    const sources = doc.sources.map((dir) => this.versionKeys.get(dir));
    let key: string | undefined;
    if (sources.length > 0 && sources.every((k) => k !== undefined)) {
      const hash = createHash('sha256').update('document\0');
      for (const k of sources) hash.update(`${k}\0`);
      key = hash
        .update(stableJson(doc.job))
        .update('\0')
        .update(this.contextText(doc.context))
        .digest('hex');
    }
    this.keys.set(doc, key);
    return key;
  }

  private contextText(context: unknown): string {
    if (typeof context !== 'object' || context === null) return stableJson(context);
    let text = this.contexts.get(context);
    if (text === undefined) {
      text = stableJson(context);
      this.contexts.set(context, text);
    }
    return text;
  }
}

/** JSON with object keys sorted at every level: equal data, equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
