#!/usr/bin/env node
// The `terms` command. The only place that calls process.exit.
import { run } from '../lib/cli/main.js';

const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
