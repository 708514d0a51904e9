// HTTP(S) agents that tunnel through an HTTP proxy with CONNECT (HTTPS_PROXY / HTTP_PROXY, NO_PROXY honoured), no deps.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { bypassesProxy } from './network.js';

/** The proxy refused or could not open the tunnel. `code` tells network failures of the proxy itself apart. */
export class ProxyError extends Error {
  constructor(message: string, readonly code: string, readonly status?: number) {
    super(message);
    this.name = 'ProxyError';
  }
}

export interface ProxyOptions {
  /** The proxy URL, possibly with user:password (sent as Proxy-Authorization, never printed). */
  proxyUrl: string;
  noProxy: string | null;
  connectTimeoutMs: number;
}

type Callback = (err: Error | null, stream: Duplex) => void;
const noStream = undefined as unknown as Duplex;

function openTunnel(opts: ProxyOptions, host: string, port: number, cb: (err: Error | null, socket?: net.Socket) => void): void {
  const proxy = new URL(opts.proxyUrl.includes('://') ? opts.proxyUrl : `http://${opts.proxyUrl}`);
  const shown = `${proxy.protocol}//${proxy.host}`;
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (proxy.username || proxy.password) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  }
  const req = (proxy.protocol === 'https:' ? https : http).request({
    host: proxy.hostname,
    port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT',
    path: `${host}:${port}`,
    headers,
    agent: false,
  });
  let done = false;
  const finish = (err: Error | null, socket?: net.Socket) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    cb(err, socket);
  };
  const timer = setTimeout(() => {
    req.destroy();
    finish(new ProxyError(`The proxy ${shown} did not open a tunnel to ${host}:${port} within ${opts.connectTimeoutMs} ms.`, 'ETIMEDOUT'));
  }, opts.connectTimeoutMs);
  timer.unref?.();
  req.once('connect', (res, socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      const why = res.statusCode === 407 ? ' (407 Proxy Authentication Required: put user:password in the proxy URL)' : '';
      finish(new ProxyError(`The proxy ${shown} refused CONNECT ${host}:${port}: HTTP ${res.statusCode}${why}.`, 'EPROXY', res.statusCode));
      return;
    }
    finish(null, socket);
  });
  req.once('error', (e: NodeJS.ErrnoException) => finish(new ProxyError(`Cannot reach the proxy ${shown}: ${e.code ?? e.message}.`, e.code ?? 'EPROXY')));
  req.end();
}

/** An https.Agent whose connections go through the proxy unless NO_PROXY says otherwise. */
export class TunnelingHttpsAgent extends https.Agent {
  constructor(private readonly proxy: ProxyOptions, options: https.AgentOptions) {
    super(options);
  }
  override createConnection(options: any, cb?: Callback): Duplex | undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || 443;
    if (bypassesProxy(this.proxy.noProxy, host, port)) return tls.connect({ ...options, servername: options.servername ?? (net.isIP(host) ? undefined : host) });
    openTunnel(this.proxy, host, port, (err, socket) => {
      if (err || !socket) return cb?.(err ?? new ProxyError('no tunnel socket', 'EPROXY'), noStream);
      cb?.(null, tls.connect({ ...options, socket, servername: options.servername ?? (net.isIP(host) ? undefined : host) }));
    });
    return undefined;
  }
}

/** Plain-HTTP endpoints (local emulators, gateways) through the proxy: also tunnelled, so the SDK's request is unchanged. */
export class TunnelingHttpAgent extends http.Agent {
  constructor(private readonly proxy: ProxyOptions, options: http.AgentOptions) {
    super(options);
  }
  override createConnection(options: any, cb?: Callback): Duplex | undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || 80;
    if (bypassesProxy(this.proxy.noProxy, host, port)) return net.connect({ host, port });
    openTunnel(this.proxy, host, port, (err, socket) => (err || !socket ? cb?.(err ?? new ProxyError('no tunnel socket', 'EPROXY'), noStream) : cb?.(null, socket)));
    return undefined;
  }
}
