import type { TermsDocument } from './document.js';
import type { Lang, Localized } from './lang.js';
import type { Parameters } from './parameters.js';
import type { Status } from './version.js';

/** One version of a service's terms: metadata, parameters and a clause tree per language. */
export interface TermsVersion {
  service: string;
  /** The version date `YYYY-MM-DD`, also the folder name. */
  id: string;
  effectiveFrom: string;
  status: Status;
  parameters: Parameters;
  documents: Record<Lang, TermsDocument>;
  /** Folder of the version, relative to the terms root (`dedicated-compute/2025-09-10`). */
  dir: string;
}

/** A service and all its versions, ordered by version date. */
export interface Service {
  id: string;
  timeZone: string;
  names: Localized;
  /** Who provides the service, in each language (the PDF's author), when `service.yaml` says. */
  provider?: Localized | undefined;
  versions: TermsVersion[];
  /**
   * Drafts left out because they have errors (version id → error count), so a broken draft
   * never blocks the published terms; naming one is an error that says why.
   */
  withheld?: Record<string, number>;
}

/** Everything under a terms folder. */
export interface Terms {
  /** Absolute path of the terms folder. */
  root: string;
  services: Service[];
}
