import path from 'node:path';
import { createApp } from '../../server/app.js';
import { loadBundle } from '../../server/bundle.js';
import { nginxServerBlock } from '../../server/nginx.js';
import { parse, stringOption } from '../args.js';
import { type Command, write } from '../io.js';

const USAGE =
  'terms nginx-conf [--bundle dist] [--listen 127.0.0.1:8081] [--upstream http://127.0.0.1:8080]';

/**
 * `terms nginx-conf`: prints an nginx `server { … }` block that serves the bundle's files
 * with exactly the headers `terms serve` sends and proxies everything else to it.
 */
export const nginxConf: Command = async (args, io) => {
  const parsed = parse(
    args,
    { bundle: { type: 'string' }, listen: { type: 'string' }, upstream: { type: 'string' } },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) {
    await write(io.stdout, `usage: ${USAGE}\n`);
    return 0;
  }
  const root = path.resolve(io.cwd, stringOption(parsed, 'bundle') ?? 'dist');
  const app = createApp({ bundle: await loadBundle(root) });
  const block = nginxServerBlock(app.resources, {
    root,
    listen: stringOption(parsed, 'listen') ?? '127.0.0.1:8081',
    upstream: stringOption(parsed, 'upstream') ?? 'http://127.0.0.1:8080',
  });
  await write(io.stdout, block);
  return 0;
};
