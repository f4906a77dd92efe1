import path from 'node:path';
import { InputError } from '../../diagnostics.js';
import { isLang, LANGS, type Lang } from '../../model/lang.js';
import type { Service, TermsVersion } from '../../model/terms.js';
import { writeFileAtomic } from '../../publish/atomic.js';
import { parse, stringOption } from '../args.js';
import { CACHE_OPTIONS } from '../cache.js';
import { type Command, UsageError, write } from '../io.js';
import { openVersion } from './pick.js';

const USAGE =
  'terms render <service> (--version V | --at D) --lang kk|ru|en [--format html|pdf|txt] [--parallel LANG] [-o FILE] [--terms DIR]';

/** The output formats of `terms render`. */
export const FORMATS = ['html', 'pdf', 'txt'] as const;
type Format = (typeof FORMATS)[number];

/** `terms render`: one document (a language, or a bilingual pair) to a file or stdout. */
export const render: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      version: { type: 'string' },
      at: { type: 'string' },
      lang: { type: 'string' },
      format: { type: 'string', default: 'html' },
      parallel: { type: 'string' },
      output: { type: 'string', short: 'o' },
      ...CACHE_OPTIONS,
    },
    { min: 1, max: 1, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const lang = language(stringOption(parsed, 'lang'), '--lang');
  const parallelName = stringOption(parsed, 'parallel');
  const parallel = parallelName === undefined ? undefined : language(parallelName, '--parallel');
  if (parallel === lang)
    throw new UsageError(
      `--parallel must name a language other than --lang ${lang}\nusage: ${USAGE}`,
    );
  const format = stringOption(parsed, 'format');
  if (!isFormat(format))
    throw new UsageError(
      `--format must be one of ${FORMATS.join(', ')}, got "${format}"\nusage: ${USAGE}`,
    );

  const { service, version } = await openVersion(io, parsed, USAGE);
  const bytes = await renderAs(format, service, version, lang, parallel);

  const output = stringOption(parsed, 'output');
  if (output === undefined) {
    await write(io.stdout, bytes);
    return 0;
  }
  const target = path.resolve(io.cwd, output);
  try {
    await writeFileAtomic(target, bytes);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? `the folder ${path.dirname(target)} does not exist`
        : e.code === 'EISDIR'
          ? 'it is a folder, not a file'
          : e.message;
    throw new InputError('output', `cannot write ${output}: ${why}`, 'output');
  }
  return 0;
};

async function renderAs(
  format: Format,
  service: Service,
  version: TermsVersion,
  lang: Lang,
  parallel: Lang | undefined,
): Promise<string | Uint8Array> {
  const options = parallel ? { parallel } : {};
  // Each renderer is loaded on demand: a cold process imports only the one it runs
  // (pdfmake and the fonts are not needed for HTML, nor the HTML pipeline for a PDF).
  switch (format) {
    case 'html': {
      const { renderHtml } = await import('../../render/html/index.js');
      return renderHtml(service, version, lang, options);
    }
    case 'txt': {
      const { renderText } = await import('../../render/text/index.js');
      return renderText(service, version, lang, options);
    }
    case 'pdf': {
      const { renderPdf } = await import('../../render/pdf/index.js');
      return renderPdf(service, version, lang, options);
    }
  }
}

function language(value: string | undefined, flag: string): Lang {
  if (value === undefined)
    throw new UsageError(`${flag} is required (one of ${LANGS.join(', ')})\nusage: ${USAGE}`);
  if (!isLang(value))
    throw new UsageError(
      `${flag} must be one of ${LANGS.join(', ')}, got "${value}"\nusage: ${USAGE}`,
    );
  return value;
}

function isFormat(value: string | undefined): value is Format {
  return (FORMATS as readonly (string | undefined)[]).includes(value);
}
