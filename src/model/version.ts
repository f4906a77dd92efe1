import { z } from 'zod';
import { IsoDate } from './date.js';
import { Localized } from './lang.js';
import { Parameters } from './parameters.js';

/** Whether a version is still being drafted or has been published (and frozen). */
export const Status = z.enum(['draft', 'published']);
/** Whether a version is still being drafted or has been published. */
export type Status = z.infer<typeof Status>;

/** `terms/<service>/<version>/version.yaml`. */
export const VersionFile = z.strictObject({
  effectiveFrom: IsoDate,
  status: Status,
  parameters: Parameters,
});
/** `terms/<service>/<version>/version.yaml`. */
export type VersionFile = z.infer<typeof VersionFile>;

/** `terms/<service>/service.yaml`. */
export const ServiceFile = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lower-case id like "dedicated-compute"' }),
  timeZone: z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'not an IANA time zone' },
  ),
  names: Localized,
  /** Who provides the service, in each language: the author of its PDF agreements. */
  provider: Localized.optional(),
});
/** `terms/<service>/service.yaml`. */
export type ServiceFile = z.infer<typeof ServiceFile>;

/** The front matter of a language file: labels of rows the generated tables need. */
export const DocumentLabels = z.strictObject({
  restoreTimes: z.record(z.string(), z.string().min(1)).default({}),
});
/** The front matter of a language file. */
export type DocumentLabels = z.infer<typeof DocumentLabels>;
