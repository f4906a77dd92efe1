import path from 'node:path';
import { type Code, ContentError, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../load/files.js';
import { SERVICE_FILE } from '../model/files.js';
import type { Inspection } from '../open.js';

/** Errors found in a version folder or in its service's service.yaml. */
export function errorsIn(
  loaded: Inspection,
  service: string,
  version: string,
  cwd: string,
): Diagnostic[] {
  const show = (rel: string) => displayPath(path.join(loaded.terms.root, rel), cwd);
  const dir = show(`${service}/${version}`);
  const serviceFile = show(`${service}/${SERVICE_FILE}`);
  return loaded.diagnostics.filter(
    (d) =>
      d.severity === 'error' &&
      (d.file === dir || d.file.startsWith(`${dir}/`) || d.file === serviceFile),
  );
}

/** Throws a ContentError when the version folder or its service.yaml has errors (except codes in `ignore`). */
export function refuseErrors(
  loaded: Inspection,
  service: string,
  version: string,
  cwd: string,
  doing: string,
  ignore: readonly Code[] = [],
): void {
  const errors = errorsIn(loaded, service, version, cwd).filter((d) => !ignore.includes(d.code));
  if (errors.length > 0)
    throw new ContentError(errors, `cannot ${doing} ${service} ${version}: it has errors`);
}
