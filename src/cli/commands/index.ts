import type { Command } from '../io.js';

/**
 * A command whose module is imported only when it runs: a cold `terms check` or `terms rules`
 * then never loads the PDF renderer, the bundle builder or the HTTP server (about half of its
 * start-up time and a third of its memory; measured in `npm run bench`).
 */
function lazy(load: () => Promise<Command>): Command {
  return async (args, io) => (await load())(args, io);
}

/**
 * Every `terms` sub-command by name. No prototype, so a name like `constructor` or
 * `toString` is an unknown command rather than an Object method.
 */
export const COMMANDS: Record<string, Command> = Object.assign(Object.create(null), {
  check: lazy(async () => (await import('./check.js')).check),
  versions: lazy(async () => (await import('./versions.js')).versions),
  rules: lazy(async () => (await import('./rules.js')).rules),
  render: lazy(async () => (await import('./render.js')).render),
  build: lazy(async () => (await import('./build.js')).build),
  diff: lazy(async () => (await import('./diff.js')).diff),
  'new-version': lazy(async () => (await import('./new-version.js')).newVersion),
  publish: lazy(async () => (await import('./publish.js')).publish),
  'nginx-conf': lazy(async () => (await import('./nginx-conf.js')).nginxConf),
  serve: lazy(async () => (await import('./serve.js')).serve),
  preview: lazy(async () => (await import('./preview.js')).preview),
  sla: lazy(async () => (await import('./sla.js')).sla),
});

/** The top-level help text. */
export const HELP = `usage: terms <command> [options]   (terms <command> --help for its options)

commands:
  check [--format text|json]             validate every version (exit 1 on any error)
  versions <service> [--drafts] [--json] versions with effective ranges
  rules <service> (--version V | --at D) rules JSON; rules --schema prints its JSON Schema
  render <service> (--version V | --at D) --lang kk|ru|en [--format html|pdf|txt] [--parallel L] [-o FILE]
  build [--out dist] [--drafts] [--today D] [--quiet] [--workers N]
                                         write the static bundle (atomically)
  diff <service> <from> <to> [--lang L] [--format text|json|html]
                                         clause and parameter changes (exit 1 when they differ)
  new-version <service> --effective D [--from V]
                                         start a draft from an existing version
  publish <service> <version> [--freeze] check, freeze and publish a draft
  sla evaluate [--input FILE]            SLA evaluation JSON (input from FILE or stdin)
  serve [--port 8080] [--host 127.0.0.1] [--bundle dist] [--rebuild] [--log-level L] [--log-format F]
                                         the HTTP server over the bundle (built first if missing)
  preview [--port 8081] [--host 127.0.0.1] [--log-level L]
                                         every version, drafts included, live as files are saved
  nginx-conf [--bundle dist] [--listen 127.0.0.1:8081] [--upstream http://127.0.0.1:8080]
                                         an nginx server block answering like terms serve

every command takes --terms DIR (default ./terms, or $TERMS_DIR)
check, versions, rules, render and build keep results in a cache: --cache-dir DIR
(or $TERMS_CACHE_DIR; default node_modules/.cache/terms/), --no-cache to bypass it
exit codes: 0 ok, 1 invalid content or input, 2 usage error
`;
