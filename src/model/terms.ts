import type { TermsDocument } from './document.js';
import type { Lang, Localized } from './lang.js';
import type { Parameters } from './parameters.js';
import type { Status } from './version.js';

/**
 * What the timeline knows of a version: its folder and the header of its version.yaml
 * (effective date, status). A loaded version is one too.
 */
export interface VersionHeader {
  service: string;
  /** The version date `YYYY-MM-DD`, also the folder name. */
  id: string;
  effectiveFrom: string;
  status: Status;
  /** Folder of the version, relative to the terms root (`dedicated-compute/2025-09-10`). */
  dir: string;
}

/** One version of a service's terms: metadata, parameters and a clause tree per language. */
export interface TermsVersion extends VersionHeader {
  parameters: Parameters;
  documents: Record<Lang, TermsDocument>;
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
  /**
   * Set when `versions` holds only the versions a command needed (`openOne`): every version
   * of the service, loaded ones as themselves and the others as their version.yaml header.
   * Timelines, ranges and by-date lookups are built from this list instead of `versions`.
   */
  headers?: VersionHeader[];
}

/** Everything under a terms folder. */
export interface Terms {
  /** Absolute path of the terms folder. */
  root: string;
  services: Service[];
}
