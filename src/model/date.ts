import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (2025-02-30 does not). */
export const IsoDate = z.iso.date({ error: 'expected an existing calendar date YYYY-MM-DD' });
/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDate>;

/** True when `value` is an existing calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  return IsoDate.safeParse(value).success;
}
