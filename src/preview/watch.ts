import path from 'node:path';
import { watch } from 'chokidar';

/** A running watcher. */
export interface SourceWatcher {
  /** Resolves once the folders are being watched (changes before it may be missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches folders and reports the paths that changed, in batches: events closer than
 * `debounceMs` to each other make one batch (an editor's save is often several events).
 * chokidar's `atomic` mode turns an editor's save by rename (write a temporary file, remove
 * the original, rename) into one change. Hidden files (editors' swap and backup files) are
 * ignored.
 */
export function watchSources(
  folders: readonly string[],
  onChange: (paths: string[]) => void,
  options: { debounceMs?: number } = {},
): SourceWatcher {
  const debounceMs = options.debounceMs ?? 50;
  const roots = new Set(folders.map((f) => path.resolve(f)));
  const watcher = watch([...roots], {
    ignoreInitial: true,
    atomic: true,
    ignored: (p: string) => !roots.has(path.resolve(p)) && path.basename(p).startsWith('.'),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, p) => {
    pending.add(path.resolve(p));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending].sort();
      pending = new Set();
      onChange(batch);
    }, debounceMs);
  });
  // A watcher error (a folder removed under it) is not fatal: the next event still comes.
  watcher.on('error', () => {});
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
