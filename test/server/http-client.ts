import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { NGINX } from '../../bench/peers/nginx.js';

/** A request as sent byte for byte (the target is never normalized by the client). */
export interface RawRequest {
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** A response as received (the body as sent: still compressed if it was). */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request on its own connection; resolves with the response, even if the server stops reading the body. */
export function send(port: number, request: RawRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      agent: false,
      method: request.method ?? 'GET',
      path: request.target,
      headers: { Connection: 'close', ...request.headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    // The server may answer and close before reading a large body: the answer is what counts.
    req.on('error', (err) => setTimeout(() => reject(err), 500));
    req.end(request.body);
  });
}

/** Sends raw bytes and reads until the server closes: for requests no client library would send. */
export function sendRaw(port: number, bytes: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines)
        headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line
          .slice(line.indexOf(':') + 1)
          .trim();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
    socket.end(bytes);
  });
}

/** A free TCP port, and where nginx is: one home for the tests and the bench. */
export { freePort, NGINX } from '../../bench/peers/nginx.js';

/** A running nginx and how to stop it. */
export interface RunningNginx {
  port: number;
  stop(): Promise<void>;
  errorLog: string;
}

/**
 * Starts real nginx in the foreground with a temporary prefix `dir` (pid, logs and temp files
 * inside it) and `http { include serverBlock; }`; resolves once it accepts connections (20 s).
 */
export async function startNginx(
  dir: string,
  serverBlock: string,
  port: number,
): Promise<RunningNginx> {
  if (!NGINX) throw new Error('nginx is not installed: apt-get install -y nginx (.ci/setup does)');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'terms.conf'), serverBlock);
  const errorLog = path.join(dir, 'error.log');
  // As root, workers would run as nobody and could not read a temporary folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} info;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/terms.conf;
}
`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, stop, errorLog };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
