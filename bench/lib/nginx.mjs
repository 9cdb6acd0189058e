// nginx (Debian's package) as the native reverse-proxy reference: no inspection, a keep-alive upstream
// pool, one worker process (the gateway and the Node proxies run one event loop too). It runs in the
// foreground as the current user on loopback, with its own config, logs and temp paths in the run's
// temp dir; its body buffer is larger than the biggest bench body, so no request spills to disk.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, runCommand, startServer } from './procs.mjs';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

/** { command, version } of the installed nginx, or undefined (the bench then says so and skips its cells). */
export async function findNginx() {
  for (const command of [process.env.PG_BENCH_NGINX, ...CANDIDATES].filter(Boolean)) {
    if (!existsSync(command)) continue;
    const { stderr } = await runCommand(command, ['-v'], { timeoutMs: 10_000 }).catch(() => ({ stderr: '' }));
    const match = /nginx\/(\S+)/.exec(stderr);
    if (match) return { command, version: match[1] };
  }
  return undefined;
}

function config({ dir, http, https, upstreamPorts, certs }) {
  const temp = (name) => join(dir, name);
  // Run as root (a container), nginx would switch its worker to `nobody`; the bench stays the current user.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
  return `${user}
daemon off;
master_process off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  # Bodies up to 1 MB stay in memory (the bench's largest is 10 KB).
  client_body_buffer_size 1m;
  client_max_body_size 2m;
  keepalive_requests 1000000;
  upstream plain { server 127.0.0.1:${upstreamPorts.http}; keepalive 64; }
  upstream secure { server 127.0.0.1:${upstreamPorts.https}; keepalive 64; }
  server {
    listen 127.0.0.1:${http};
    location / {
      proxy_pass http://plain;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
  server {
    listen 127.0.0.1:${https} ssl;
    server_name localhost;
    ssl_certificate ${certs.cert};
    ssl_certificate_key ${certs.key};
    location / {
      proxy_pass https://secure;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_ssl_server_name on;
      proxy_ssl_name localhost;
      proxy_ssl_verify on;
      proxy_ssl_trusted_certificate ${certs.ca};
      proxy_ssl_session_reuse on;
    }
  }
}
`;
}

/** Starts nginx for one cell; resolves { proc, ports }. */
export async function startNginx(env) {
  if (!env.nginx) throw new Error('nginx is not installed (apt-get install nginx-light, or nginx)');
  const dir = join(env.dir, `nginx-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const ports = { http: await freePort(), https: await freePort() };
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config({ dir, ...ports, upstreamPorts: env.upstreamPorts, certs: env.certs }));
  const proc = await startServer('nginx', env.nginx.command, ['-p', dir, '-c', file, '-e', join(dir, 'error.log')], {
    logDir: env.dir,
    readyPort: ports.https,
  });
  return { proc, ports };
}
