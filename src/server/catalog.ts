import { z } from 'zod';
import { bundlePath, type FileKind, type PathParams } from '../bundle/layout.js';
import { InputError } from '../diagnostics.js';
import { LANGS, type Lang } from '../model/lang.js';
import { Timeline, VersionRange } from '../model/timeline.js';
import type { Bundle } from './bundle.js';

/** A version and the dates it is in force, as the bundle lists it. */
export const VersionEntry = VersionRange.loose().extend({
  clauses: z.record(z.string(), z.string()).optional().meta({
    description: 'The generated number of each clause by id, e.g. "compensation": "5.8".',
  }),
});
/** A version and the dates it is in force. */
export type VersionEntry = z.infer<typeof VersionEntry>;

/** `api/v1/services/<service>/versions.json` (links are relative to its URL). */
export const VersionsList = z
  .looseObject({ service: z.string(), timeZone: z.string(), versions: z.array(VersionEntry) })
  .meta({ title: 'Versions of a service with their effective ranges' });

/** `api/v1/services.json`. */
export const ServicesList = z
  .looseObject({
    services: z.array(
      z.looseObject({
        id: z.string(),
        names: z.looseObject({ kk: z.string(), ru: z.string(), en: z.string() }),
        timeZone: z.string(),
        versions: z.array(VersionEntry),
      }),
    ),
  })
  .meta({ title: 'Services with their versions' });

/** What the server knows about one service of the bundle. */
export interface ServiceEntry {
  id: string;
  timeZone: string;
  names: Record<Lang, string>;
  /** Versions in the bundle, ordered by `effectiveFrom`. */
  versions: readonly VersionEntry[];
  /** The same versions on the timeline every by-date lookup uses. */
  timeline: Timeline<VersionEntry>;
}

/** Every service of a bundle by id. */
export type Catalog = ReadonlyMap<string, ServiceEntry>;

/** The route key (`/` + bundle path) of a file of the bundle. */
export function keyOf(kind: FileKind, params: PathParams = {}): string {
  return `/${bundlePath(kind, params)}`;
}

/**
 * Reads the services, their versions and time zones from a loaded bundle, once at start.
 * Throws when the bundle lacks a file the server needs or one is malformed, so a broken
 * bundle fails at start, not on a request.
 */
export function readCatalog(bundle: Bundle): Map<string, ServiceEntry> {
  const read = (key: string): Uint8Array => {
    const file = bundle.files.get(key);
    if (!file) throw badBundle(`not a terms bundle: ${bundle.dir} has no ${key.slice(1)}`);
    return file.body;
  };
  const json = <T>(key: string, schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(parseJson(bundle, key, read(key)));
    if (!parsed.success)
      throw badBundle(
        `not a terms bundle: ${bundle.dir}${key} is malformed: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
      );
    return parsed.data;
  };
  read(keyOf('index'));
  const catalog = new Map<string, ServiceEntry>();
  for (const { id, names } of json(keyOf('services'), ServicesList).services) {
    const list = json(keyOf('versions', { service: id }), VersionsList);
    const timeline = new Timeline(list.versions, (entry) => entry);
    const localized = Object.fromEntries(LANGS.map((l) => [l, names[l]])) as Record<Lang, string>;
    catalog.set(id, {
      id,
      timeZone: list.timeZone,
      names: localized,
      versions: timeline.all,
      timeline,
    });
  }
  return catalog;
}

/** The published version in force on `date`, by the timeline's one rule. */
export function rangeAt(service: ServiceEntry, date: string): VersionEntry | undefined {
  return service.timeline.at(date);
}

/** A bundle the server cannot serve: exit 1 with this message, never a stack. */
export function badBundle(message: string): InputError {
  return new InputError('bad-bundle', message);
}

/** The JSON of a bundle file, or a `badBundle` error naming it. */
export function parseJson(bundle: Bundle, key: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw badBundle(
      `not a terms bundle: ${bundle.dir}${key} is malformed: not JSON (${(err as Error).message})`,
    );
  }
}
