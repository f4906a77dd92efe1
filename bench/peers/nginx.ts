// The static-file peer: nginx serving the same bundle folder the engine's server loads.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { type Service, startService } from '../procs.js';

/** Where Debian's nginx package installs it. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((f) => existsSync(f));

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True once something accepts TCP connections on the port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A self-contained nginx.conf: in the foreground, every path (pid, logs, temp files) in `dir`,
 * two workers, sendfile, no access log, serving `root` on 127.0.0.1:`port`.
 */
export function nginxConf(dir: string, root: string, port: number): string {
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {
    text/html html;
    application/json json;
    application/pdf pdf;
    text/css css;
    text/plain txt;
  }
  default_type application/octet-stream;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri =404; }
  }
}
`;
}

/** Starts nginx over `root` in `dir`; resolves when it accepts connections (30 s bound). */
export async function startNginx(
  dir: string,
  root: string,
): Promise<{ service: Service; port: number }> {
  if (!NGINX) throw new Error('nginx is not installed');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, nginxConf(dir, root, port));
  const service = await startService(NGINX, ['-p', dir, '-c', conf], {
    label: 'nginx',
    logFile: path.join(dir, 'stderr.log'),
    timeoutMs: 30_000,
    ready: () => accepts(port),
  });
  return { service, port };
}
