import path from 'node:path';
import { ContentError, type Diagnostic } from '../diagnostics.js';
import { displayPath, type LoadResult } from '../load/index.js';

/** Errors found in a version folder or in its service's service.yaml. */
export function errorsIn(
  loaded: LoadResult,
  service: string,
  version: string,
  cwd: string,
): Diagnostic[] {
  const show = (rel: string) => displayPath(path.join(loaded.terms.root, rel), cwd);
  const dir = show(`${service}/${version}`);
  const serviceFile = show(`${service}/service.yaml`);
  return loaded.diagnostics.filter(
    (d) =>
      d.severity === 'error' &&
      (d.file === dir || d.file.startsWith(`${dir}/`) || d.file === serviceFile),
  );
}

/** Throws a ContentError when the version folder or its service.yaml has errors (except codes in `ignore`). */
export function refuseErrors(
  loaded: LoadResult,
  service: string,
  version: string,
  cwd: string,
  doing: string,
  ignore: readonly string[] = [],
): void {
  const errors = errorsIn(loaded, service, version, cwd).filter((d) => !ignore.includes(d.code));
  if (errors.length > 0)
    throw new ContentError(errors, `cannot ${doing} ${service} ${version}: it has errors`);
}
