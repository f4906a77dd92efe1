import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SOURCE_FILES } from './files.js';

/** The files of a version folder a lock freezes, in the order the lock lists them. */
export const LOCKED_FILES: readonly string[] = SOURCE_FILES;

/** Hex digits of the per-line hash a lock keeps for each line of a rendered text. */
export const LINE_HASH_HEX = 8;

const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'expected a lower-case sha256 hex digest' });

/**
 * The frozen plain text of one edition: the sha256 of the whole text decides whether it changed;
 * `lines` (the first 8 hex digits of the sha256 of each line, concatenated) only locates the first
 * line that differs, without keeping the text itself in the lock.
 */
export const RenderedHash = z.strictObject({
  sha256: Sha256,
  lines: z.string().regex(new RegExp(`^(?:[0-9a-f]{${LINE_HASH_HEX}})*$`), {
    error: `expected ${LINE_HASH_HEX} lower-case hex digits per line`,
  }),
});
/** The frozen plain text of one edition. */
export type RenderedHash = z.infer<typeof RenderedHash>;

const Files = z.record(z.string(), Sha256);

/**
 * `terms/<service>/<version>/lock.json`: the sha256 of every file of a published version,
 * written by `terms publish`. A published file that no longer matches it is an error.
 * Version 2 adds `rendered`: the plain text a reader sees, per edition (`kk`, `ru`, `en`,
 * `kk-ru`), so an engine change (a locale string, a renderer) cannot change it unnoticed either.
 * Version 1 locks (files only) stay valid.
 */
export const Lock = z.discriminatedUnion('lockVersion', [
  z.strictObject({
    lockVersion: z.literal(1),
    service: z.string(),
    version: z.string(),
    files: Files,
  }),
  z.strictObject({
    lockVersion: z.literal(2),
    service: z.string(),
    version: z.string(),
    files: Files,
    rendered: z.record(z.string(), RenderedHash),
  }),
]);
/** The freeze lock of a published version. */
export type Lock = z.infer<typeof Lock>;

/** The sha256 hex digest of some bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The rendered-text hash of a plain text: the whole text's sha256 and one short hash a line. */
export function renderedHashOf(text: string): RenderedHash {
  return {
    sha256: sha256(text),
    lines: text
      .split('\n')
      .map((line) => sha256(line).slice(0, LINE_HASH_HEX))
      .join(''),
  };
}

/**
 * The lock of a version from the bytes of its files (by file name); file names sorted. With
 * `rendered` (the rendered-text hashes by edition), a version 2 lock.
 */
export function lockOf(
  service: string,
  version: string,
  files: ReadonlyMap<string, Uint8Array | string>,
  rendered?: Readonly<Record<string, RenderedHash>>,
): Lock {
  const hashes: Record<string, string> = {};
  for (const name of LOCKED_FILES) {
    const bytes = files.get(name);
    if (bytes === undefined)
      throw new Error(`cannot lock ${service}/${version}: ${name} is missing`);
    hashes[name] = sha256(bytes);
  }
  return rendered
    ? { lockVersion: 2, service, version, files: hashes, rendered: { ...rendered } }
    : { lockVersion: 1, service, version, files: hashes };
}

/** Serializes a lock deterministically: fixed key order, names sorted, trailing newline. */
export function stringifyLock(lock: Lock): string {
  const sorted = <T>(record: Readonly<Record<string, T>>) =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((name) => [name, record[name] as T]),
    );
  const ordered = {
    lockVersion: lock.lockVersion,
    service: lock.service,
    version: lock.version,
    files: sorted(lock.files),
    ...(lock.lockVersion === 2
      ? {
          rendered: Object.fromEntries(
            Object.entries(sorted(lock.rendered)).map(([edition, r]) => [
              edition,
              { sha256: r.sha256, lines: r.lines },
            ]),
          ),
        }
      : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
