import { type Diagnostic, diagnostic, type Point } from '../diagnostics.js';
import { VERSION_FILE } from '../model/files.js';
import type { Service, TermsVersion, VersionHeader } from '../model/terms.js';
import { effectiveBeforeDated } from '../model/timeline.js';
import type { CheckContext } from './context.js';

/** A version as the order check sees it: its header, and where its effective date is written. */
export interface TimelineEntry extends VersionHeader {
  /** The point of `effectiveFrom` in its version.yaml (the top of the file when unknown). */
  at?: Point | undefined;
}

/**
 * Published versions take effect in the order of their dates, never on the same day;
 * a draft takes effect after every published version.
 */
export function checkVersionOrder(ctx: CheckContext, service: Service): Diagnostic[] {
  return checkTimeline(
    service.versions.map((v) => ({ ...v, at: ctx.sources.get(v.dir)?.pointOf(['effectiveFrom']) })),
    ctx.display,
  );
}

/** `checkVersionOrder` over version headers: all it reads of a version is its header. */
export function checkTimeline(
  versions: readonly TimelineEntry[],
  display: (rel: string) => string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byDate = [...versions].sort((a, b) => (a.id < b.id ? -1 : 1));
  const published = byDate.filter((v) => v.status === 'published');
  for (let i = 1; i < published.length; i++) {
    const prev = published[i - 1];
    const cur = published[i];
    if (!prev || !cur) continue;
    const file = display(`${cur.dir}/${VERSION_FILE}`);
    if (cur.effectiveFrom === prev.effectiveFrom)
      out.push(
        diagnostic(
          'version-overlap',
          `versions ${prev.id} and ${cur.id} both take effect on ${cur.effectiveFrom}`,
          { file, at: cur.at },
        ),
      );
    else if (cur.effectiveFrom < prev.effectiveFrom)
      out.push(
        diagnostic(
          'version-order',
          `version ${cur.id} takes effect on ${cur.effectiveFrom}, before the earlier version ${prev.id} (${prev.effectiveFrom}): effective dates must follow version dates`,
          { file, at: cur.at },
        ),
      );
  }
  const latest = published.reduce<string | undefined>(
    (m, v) => (m === undefined || v.effectiveFrom > m ? v.effectiveFrom : m),
    undefined,
  );
  for (const draft of byDate.filter((v) => v.status === 'draft'))
    if (latest !== undefined && draft.effectiveFrom <= latest)
      out.push(
        diagnostic(
          'version-order',
          `draft ${draft.id} takes effect on ${draft.effectiveFrom}, not after the latest published version (${latest})`,
          { file: display(`${draft.dir}/${VERSION_FILE}`), at: draft.at },
        ),
      );
  return out;
}

/** A version takes effect on or after its version date, never before it is dated. */
export function checkVersionDates(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const problem = effectiveBeforeDated(version.id, version.effectiveFrom);
  if (!problem) return [];
  return [
    diagnostic('version-order', problem, {
      file: ctx.display(`${version.dir}/${VERSION_FILE}`),
      at: ctx.sources.get(version.dir)?.pointOf(['effectiveFrom']),
    }),
  ];
}
