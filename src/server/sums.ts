import { bundlePath } from '../bundle/layout.js';
import { InputError } from '../diagnostics.js';
import type { Bundle } from './bundle.js';

/** How many problems a refused bundle names before summing up the rest. */
const NAMED = 5;
const LINE = /^(?<sha>[0-9a-f]{64}) {2}(?<rel>[^\n]+)$/;

/**
 * Checks a loaded bundle against its SHA256SUMS, which the builder writes last: every listed
 * file must be there with those bytes, and no other file may be (SHA256SUMS itself aside).
 * A tampered or half-copied bundle would otherwise be served under immutable ETags. Throws an
 * `InputError` (`bad-bundle`) naming the files at fault, never a stack.
 */
export function verifySums(bundle: Bundle): void {
  const sumsKey = `/${bundlePath('sums')}`;
  const sums = bundle.files.get(sumsKey);
  if (!sums)
    throw new InputError(
      'bad-bundle',
      `not a terms bundle: ${bundle.dir} has no ${sumsKey.slice(1)} (build it with terms build)`,
    );
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sums.body);
  const listed = new Map<string, string>();
  const problems: string[] = [];
  text
    .split('\n')
    .slice(0, text.endsWith('\n') ? -1 : undefined)
    .forEach((line, i) => {
      const m = LINE.exec(line);
      if (!m?.groups) {
        problems.push(`${sumsKey.slice(1)}:${i + 1} is not "<sha256>  <path>"`);
        return;
      }
      listed.set(`/${m.groups.rel}`, m.groups.sha as string);
    });
  for (const [key, sha] of listed) {
    const file = bundle.files.get(key);
    if (!file) problems.push(`${key.slice(1)} is listed but missing`);
    else if (file.sha256 !== sha) problems.push(`${key.slice(1)} has changed since the build`);
  }
  for (const key of bundle.files.keys())
    if (key !== sumsKey && !listed.has(key)) problems.push(`${key.slice(1)} is not listed`);
  if (problems.length === 0) return;
  const named = problems.slice(0, NAMED).join('; ');
  const more = problems.length > NAMED ? `; and ${problems.length - NAMED} more` : '';
  throw new InputError(
    'bad-bundle',
    `the bundle ${bundle.dir} does not match its ${sumsKey.slice(1)}: ${named}${more}`,
  );
}
