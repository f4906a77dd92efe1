import { isLang, LANGS } from '../../model/lang.js';
import { findService, findVersion } from '../../model/timeline.js';
import { inspectTerms } from '../../open.js';
import { diffVersions } from '../../publish/diff.js';
import { formatDiffHtml } from '../../publish/diff-html.js';
import { formatDiffText } from '../../publish/diff-text.js';
import { refuseErrors } from '../../publish/problems.js';
import { parse, stringOption, termsDir } from '../args.js';
import { type Command, UsageError, write } from '../io.js';

const USAGE =
  'terms diff <service> <from> <to> [--lang kk|ru|en] [--format text|json|html] [--terms DIR]';

const FORMATS = {
  text: formatDiffText,
  json: (d: ReturnType<typeof diffVersions>) => `${JSON.stringify(d, null, 2)}\n`,
  html: formatDiffHtml,
} as const;

/**
 * `terms diff`: parameter changes and clause-level text changes between two versions.
 * Exit 0 when nothing differs, 1 when something does (as `diff` does), 2 on a usage error.
 */
export const diff: Command = async (args, io) => {
  const parsed = parse(
    args,
    { lang: { type: 'string' }, format: { type: 'string', default: 'text' } },
    { min: 3, max: 3, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const format = stringOption(parsed, 'format') as string;
  if (!Object.hasOwn(FORMATS, format))
    throw new UsageError(`--format must be text, json or html, got "${format}"\nusage: ${USAGE}`);
  const lang = stringOption(parsed, 'lang');
  if (lang !== undefined && !isLang(lang))
    throw new UsageError(
      `--lang must be one of ${LANGS.join(', ')}, got "${lang}"\nusage: ${USAGE}`,
    );
  const [serviceId, fromId, toId] = parsed.positionals as [string, string, string];
  // Only the two versions compared must be free of errors: a broken draft elsewhere does not
  // stop a diff.
  const loaded = await inspectTerms(termsDir(io, parsed), { cwd: io.cwd });
  const service = findService(loaded.terms, serviceId);
  for (const id of new Set([fromId, toId])) refuseErrors(loaded, serviceId, id, io.cwd, 'compare');
  const result = diffVersions(
    service,
    findVersion(service, fromId),
    findVersion(service, toId),
    lang === undefined ? {} : { lang },
  );
  await write(io.stdout, FORMATS[format as keyof typeof FORMATS](result));
  return result.identical ? 0 : 1;
};
