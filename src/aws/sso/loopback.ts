// The PKCE redirect listener: bound on 127.0.0.1 before the browser opens, answers /oauth/callback once, bounded wait.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { redirectUriWithPort } from '../../core/sso/pkce.js';

export type CallbackResult = { code: string; state: string } | { error: string; description?: string };

export interface Loopback {
  port: number;
  redirectUri: string;
  /** Resolves with the first callback (code+state or error), or 'timeout'; rejects with the signal's reason on abort. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<CallbackResult | 'timeout'>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`127.0.0.1:${port} is in use`);
  }
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${body}</p></body></html>`;

export async function startLoopback(port = 0): Promise<Loopback> {
  let settle: ((r: CallbackResult) => void) | undefined;
  const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
  let done = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/oauth/callback' || done) {
      res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('Not found\n');
      return;
    }
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    const error = url.searchParams.get('error');
    let r: CallbackResult;
    if (error || !code || !state) {
      r = { error: error ?? 'missing_code', description: url.searchParams.get('error_description') ?? undefined };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page('Sign-in failed', 'Return to the terminal for details.'));
    } else {
      r = { code, state };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page('Signed in', 'claude-bedrock received your sign-in. You can close this tab and return to the terminal.'));
    }
    done = true;
    settle!(r);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? new PortInUseError(port) : e));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return {
    port: actual,
    redirectUri: redirectUriWithPort(actual),
    async wait(timeoutMs, signal) {
      signal?.throwIfAborted();
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal!.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([result, timeout, aborted]);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort!);
      }
    },
    close,
  };
}
