import { ContentError, type Diagnostic, InputError } from '../diagnostics.js';
import type { Lang } from '../model/lang.js';
import type { Terms } from '../model/terms.js';
import { findService, findVersion } from '../model/timeline.js';
import { renderHtml } from '../render/html/index.js';
import { renderPdf } from '../render/pdf/index.js';
import { renderChangesHtml } from './changes-page.js';

/** One document of the bundle to render: an edition of a version, or what changed in it. */
export type RenderJob =
  | {
      kind: 'document';
      format: 'html' | 'pdf';
      service: string;
      version: string;
      lang: Lang;
      parallel?: Lang;
    }
  | {
      kind: 'changes';
      format: 'html';
      service: string;
      version: string;
      /** The previous published version it is compared with. */
      from: string;
      lang: Lang;
      parallel?: Lang;
    };

/** Renders one job against loaded terms. */
export async function renderJob(terms: Terms, job: RenderJob): Promise<Uint8Array> {
  const service = findService(terms, job.service);
  const version = findVersion(service, job.version);
  if (job.kind === 'changes')
    return new TextEncoder().encode(
      renderChangesHtml(service, findVersion(service, job.from), version, job.lang, job.parallel),
    );
  const options = job.parallel === undefined ? {} : { parallel: job.parallel };
  if (job.format === 'pdf') return renderPdf(service, version, job.lang, options);
  return new TextEncoder().encode(renderHtml(service, version, job.lang, options));
}

/** An error as it crosses a thread boundary: plain data. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  kind?: string;
  field?: string;
  diagnostics?: Diagnostic[];
}

/** Turns an error into plain data to post from a worker. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof ContentError)
    return { name: err.name, message: err.message, diagnostics: err.diagnostics };
  if (err instanceof InputError)
    return { name: err.name, message: err.message, kind: err.kind, field: err.field };
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, stack: e.stack };
}

/** Rebuilds an error posted by a worker, keeping ContentError diagnostics and InputError kinds. */
export function deserializeError(data: SerializedError): Error {
  if (data.name === 'ContentError' && data.diagnostics)
    return new ContentError(data.diagnostics, data.message.split(':\n')[0]);
  if (data.name === 'InputError' && data.kind)
    return new InputError(data.kind, data.message, data.field);
  const err = new Error(data.message);
  err.name = data.name;
  if (data.stack) err.stack = data.stack;
  return err;
}
