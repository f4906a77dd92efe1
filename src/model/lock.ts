import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SOURCE_FILES } from './files.js';

/** The files of a version folder a lock freezes, in the order the lock lists them. */
export const LOCKED_FILES: readonly string[] = SOURCE_FILES;

const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'expected a lower-case sha256 hex digest' });

/**
 * `terms/<service>/<version>/lock.json`: the sha256 of every file of a published version,
 * written by `terms publish`. A published file that no longer matches it is an error.
 */
export const Lock = z.strictObject({
  lockVersion: z.literal(1),
  service: z.string(),
  version: z.string(),
  files: z.record(z.string(), Sha256),
});
/** The freeze lock of a published version. */
export type Lock = z.infer<typeof Lock>;

/** The sha256 hex digest of some bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The lock of a version from the bytes of its files (by file name); file names sorted. */
export function lockOf(
  service: string,
  version: string,
  files: ReadonlyMap<string, Uint8Array | string>,
): Lock {
  const hashes: Record<string, string> = {};
  for (const name of LOCKED_FILES) {
    const bytes = files.get(name);
    if (bytes === undefined)
      throw new Error(`cannot lock ${service}/${version}: ${name} is missing`);
    hashes[name] = sha256(bytes);
  }
  return { lockVersion: 1, service, version, files: hashes };
}

/** Serializes a lock deterministically: fixed key order, file names sorted, trailing newline. */
export function stringifyLock(lock: Lock): string {
  const files = Object.fromEntries(
    Object.keys(lock.files)
      .sort()
      .map((name) => [name, lock.files[name]]),
  );
  const ordered = {
    lockVersion: lock.lockVersion,
    service: lock.service,
    version: lock.version,
    files,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
