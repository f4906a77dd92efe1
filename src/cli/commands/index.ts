import type { Command } from '../io.js';
import { build } from './build.js';
import { check } from './check.js';
import { diff } from './diff.js';
import { newVersion } from './new-version.js';
import { publish } from './publish.js';
import { render } from './render.js';
import { rules } from './rules.js';
import { serve } from './serve.js';
import { sla } from './sla.js';
import { versions } from './versions.js';

/** Every `terms` sub-command by name. */
export const COMMANDS: Record<string, Command> = {
  check,
  versions,
  rules,
  render,
  build,
  diff,
  'new-version': newVersion,
  publish,
  serve,
  sla,
};

/** The top-level help text. */
export const HELP = `usage: terms <command> [options]   (terms <command> --help for its options)

commands:
  check [--format text|json]             validate every version (exit 1 on any error)
  versions <service> [--drafts] [--json] versions with effective ranges
  rules <service> (--version V | --at D) rules JSON; rules --schema prints its JSON Schema
  render <service> (--version V | --at D) --lang kk|ru|en [--format html|pdf|txt] [--parallel L] [-o FILE]
  build [--out dist] [--drafts] [--quiet] [--workers N]
                                         write the static bundle (atomically)
  diff <service> <from> <to> [--lang L] [--format text|json|html]
                                         clause and parameter changes (exit 1 when they differ)
  new-version <service> --effective D [--from V]
                                         start a draft from an existing version
  publish <service> <version> [--freeze] check, freeze and publish a draft
  sla evaluate [--input FILE]            SLA evaluation JSON (input from FILE or stdin)
  serve [--port 8080] [--host 127.0.0.1] [--bundle dist] [--rebuild]
                                         the HTTP server over the bundle (built first if missing)

every command takes --terms DIR (default ./terms, or $TERMS_DIR)
exit codes: 0 ok, 1 invalid content or input, 2 usage error
`;
