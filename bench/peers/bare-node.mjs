// The floor for `terms serve`: bare node:http answering the same bytes from memory, each URL
// with one fixed header object, no routing, no logging. What any Node server pays at least.
// Usage: node bare-node.mjs PORT TARGET FILE CONTENT-TYPE [TARGET FILE CONTENT-TYPE …]
// (prints "listening on PORT" on stderr once it accepts connections).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [portText, ...routes] = process.argv.slice(2);
const answers = new Map();
for (let i = 0; i + 2 < routes.length; i += 3) {
  const [target, file, type] = routes.slice(i, i + 3);
  const body = readFileSync(file);
  answers.set(target, {
    body,
    headers: { 'Content-Type': type, 'Content-Length': String(body.length) },
  });
}
const server = createServer((req, res) => {
  const answer = answers.get(req.url);
  if (!answer) {
    res.writeHead(404, { 'Content-Length': '0' });
    res.end();
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
});
server.listen(Number(portText), '127.0.0.1', () => {
  process.stderr.write(`listening on ${server.address().port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.close(() => process.exit(0)));
