import type { Command } from '../io.js';
import { build } from './build.js';
import { check } from './check.js';
import { diff } from './diff.js';
import { newVersion } from './new-version.js';
import { publish } from './publish.js';
import { render } from './render.js';
import { rules } from './rules.js';
import { serve } from './serve.js';
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
};

/** The top-level help text. */
export const HELP = `usage: terms <command> [options]

commands:
  check                                  validate every version (exit 1 on any error)
  versions <service>                     versions with effective ranges
  rules <service> (--version V | --at D) rules JSON; rules --schema prints its JSON Schema
  render <service> (--version V | --at D) --lang kk|ru|en [--format html|pdf|txt] [--parallel L] [-o FILE]
  build [--out dist]                     write the static bundle
  diff <service> <from> <to> [--lang L]  clause and parameter changes
  new-version <service> --effective D [--from V]
  publish <service> <version>            check, freeze and publish a draft
  sla evaluate [--input FILE]            SLA evaluation JSON
  serve [--port 8080] [--host 127.0.0.1] the HTTP server

every command takes --terms DIR (default ./terms)
exit codes: 0 ok, 1 invalid content or input, 2 usage error
`;
