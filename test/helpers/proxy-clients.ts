/**
 * Real clients for proxy tests: curl (through the proxy or via --connect-to) and a raw CONNECT socket
 * that a Node TLS client can then run on. No proxy settings of the environment leak in.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import tls from 'node:tls';

export interface CurlResult {
  readonly status: number;
  readonly body: string;
  readonly exitCode: number;
  readonly stderr: string;
}

const NO_PROXY_ENV = {
  http_proxy: '',
  https_proxy: '',
  HTTP_PROXY: '',
  HTTPS_PROXY: '',
  ALL_PROXY: '',
  all_proxy: '',
  NO_PROXY: '',
  no_proxy: '',
};

/** Runs curl with `args`; the status comes from `--write-out`, never from parsing the body. */
export function curl(args: readonly string[]): Promise<CurlResult> {
  const marker = '\n@@status=';
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '--noproxy', '', '--max-time', '10', '--write-out', `${marker}%{http_code}`, ...args],
      { env: { ...process.env, ...NO_PROXY_ENV } },
      (error, stdout, stderr) => {
        const at = stdout.lastIndexOf(marker);
        const status = at === -1 ? 0 : Number(stdout.slice(at + marker.length));
        const exitCode = error !== null && typeof error.code === 'number' ? error.code : 0;
        resolve({ status, body: at === -1 ? stdout : stdout.slice(0, at), exitCode, stderr });
      },
    );
  });
}

export interface ConnectResult {
  readonly status: number;
  /** Whatever followed the response headers (the JSON of a refusal). */
  readonly body: string;
  readonly socket: net.Socket;
}

/** Sends `CONNECT authority` and resolves once the response headers (and, for refusals, the body) are in. */
export function connectThrough(proxyPort: number, authority: string): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(proxyPort, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    socket.once('error', reject);
    socket.on('connect', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffered.toString('latin1'))?.[1] ?? 0);
      if (status === 200) {
        socket.removeListener('data', onData);
        socket.removeListener('error', reject);
        return resolve({ status, body: '', socket });
      }
      socket.removeListener('data', onData);
      let body = buffered.subarray(end + 4).toString('utf8');
      socket.on('data', (more: Buffer) => (body += more.toString('utf8')));
      socket.once('close', () => resolve({ status, body, socket }));
    };
    socket.on('data', onData);
  });
}

/** A TLS client on an already-open socket; resolves with the socket once the handshake verified. */
export function tlsOver(socket: net.Socket, servername: string, ca: readonly string[]): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const client = tls.connect({ socket, servername, ca: [...ca], rejectUnauthorized: true });
    client.once('secureConnect', () => resolve(client));
    client.once('error', reject);
  });
}

/** Sends one HTTP/1.1 request on an open (TLS or plain) stream and returns the raw response text. */
export function rawRequest(stream: net.Socket | tls.TLSSocket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    stream.once('close', () => resolve(text));
    stream.on('error', () => undefined);
    stream.write(request);
  });
}
