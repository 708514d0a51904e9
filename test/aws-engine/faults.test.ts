// Network faults between the CLI and AWS: proxies, TLS interception, malformed and truncated responses, dead endpoints,
// credentials that expire mid-run. Each must give a clear entry within bounded time and never print a secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { tempDir } from '../helpers.js';
import { world, staticProfiles, type World } from './world.js';

const OPUS = 'global.anthropic.claude-opus-5';

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))));
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A CONNECT proxy that counts tunnels and may require a Proxy-Authorization header. */
async function connectProxy(auth?: string) {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    if (auth && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(auth).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return { port, tunnels, stop: () => { for (const s of sockets) s.destroy(); return close(server); } };
}

function setup(w: World): void {
  w.credentials(staticProfiles(w, ['keys']));
  w.config('[profile keys]\nregion = us-east-1\n');
}

test('HTTP(S)_PROXY: every call goes through the tunnel; NO_PROXY bypasses it; a refused proxy is a proxy error', async () => {
  const w = await world();
  const open = await connectProxy();
  const locked = await connectProxy('alice:proxy-password-4711');
  w.secrets.push('proxy-password-4711');
  try {
    setup(w);
    const r = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { HTTP_PROXY: `http://127.0.0.1:${open.port}` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().profiles[0].valid, true);
    assert.ok(open.tunnels.length >= 1 && open.tunnels.every((t) => t === `127.0.0.1:${w.emu.port}`), `tunnels: ${open.tunnels.join(', ')}`);
    const before = open.tunnels.length;
    const bypass = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { HTTP_PROXY: `http://127.0.0.1:${open.port}`, NO_PROXY: 'localhost,127.0.0.1' });
    assert.equal(bypass.json().profiles[0].valid, true);
    assert.equal(open.tunnels.length, before, 'NO_PROXY hosts are not tunnelled');
    const authed = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { HTTP_PROXY: `http://alice:proxy-password-4711@127.0.0.1:${locked.port}` });
    assert.equal(authed.json().profiles[0].valid, true);
    const noted = await w.cli(['discover', '--regions', 'us-east-1'], { HTTP_PROXY: `http://alice:proxy-password-4711@127.0.0.1:${locked.port}` });
    assert.match(noted.stderr, new RegExp(`^network: proxy http://127\\.0\\.0\\.1:${locked.port} \\(HTTP_PROXY, with user and password\\)$`, 'm'));
    const st = await w.cli(['status', '--json'], { AWS_PROFILE: 'keys', HTTP_PROXY: `http://alice:proxy-password-4711@127.0.0.1:${locked.port}` });
    assert.ok(st.json().network.some((l: string) => l.startsWith(`proxy http://127.0.0.1:${locked.port}`)));
    assert.ok(st.json().identity, 'status goes through the proxy too');
    const refused = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { HTTP_PROXY: `http://127.0.0.1:${locked.port}` });
    const e = refused.json().profiles[0].error;
    assert.equal(e.kind, 'proxy');
    assert.match(e.message, /refused CONNECT .*HTTP 407 \(407 Proxy Authentication Required/);
    const dead = await w.cli(['discover', '--json', '--regions', 'us-east-1', '--timeout', '2'], { HTTP_PROXY: 'http://127.0.0.1:1' });
    assert.equal(dead.json().profiles[0].error.kind, 'proxy');
    assert.match(dead.json().profiles[0].error.message, /Cannot reach the proxy http:\/\/127\.0\.0\.1:1: ECONNREFUSED/);
  } finally {
    await Promise.all([open.stop(), locked.stop(), w.stop()]);
  }
});

function selfSignedCert(dir: string): { cert: string; key: string } | null {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { cert, key };
  } catch {
    return null;
  }
}

test('TLS interception (self-signed CA): a TLS error naming the fix; AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS make it work', async (t) => {
  const pem = selfSignedCert(tempDir());
  if (!pem) return t.skip('openssl is not installed');
  const w = await world();
  // An HTTPS "corporate proxy" in front of the emulator, with its own certificate authority.
  const mitm = https.createServer({ cert: fs.readFileSync(pem.cert), key: fs.readFileSync(pem.key) }, (req, res) => {
    const up = http.request({ host: '127.0.0.1', port: w.emu.port, method: req.method, path: req.url, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode ?? 502, u.headers);
      u.pipe(res);
    });
    req.pipe(up);
  });
  const port = await listen(mitm);
  try {
    setup(w);
    const url = `https://127.0.0.1:${port}`;
    const env = { AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_BEDROCK: url, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url, ANTHROPIC_BEDROCK_BASE_URL: url };
    const bad = await w.cli(['discover', '--json', '--regions', 'us-east-1'], env);
    const e = bad.json().profiles[0].error;
    assert.equal(e.kind, 'tls');
    assert.equal(e.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(e.fix, /NODE_EXTRA_CA_CERTS=/);
    const bundle = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { ...env, AWS_CA_BUNDLE: pem.cert });
    assert.equal(bundle.json().profiles[0].valid, true, JSON.stringify(bundle.json().profiles[0].error));
    const extra = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { ...env, NODE_EXTRA_CA_CERTS: pem.cert });
    assert.equal(extra.json().profiles[0].valid, true);
    const missing = await w.cli(['discover', '--regions', 'us-east-1'], { ...env, AWS_CA_BUNDLE: path.join(w.home, 'nope.pem') });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read AWS_CA_BUNDLE=.*nope\.pem: ENOENT/);
  } finally {
    await close(mitm);
    await w.stop();
  }
});

test('malformed and truncated responses are reported as such, and say what to suspect', async () => {
  const w = await world();
  let stream = 'truncated';
  const bad = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/inference-profiles')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"inferenceProfileSummaries":[{"inferenceProf');
      } else if (req.url?.endsWith('/invoke')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"msg_1","type":"message","role":"assistant","content":[],"stop_reason":"max_tokens","usage":{"input_tokens":1,"output_tokens":1}}');
      } else if (stream === 'truncated') {
        res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
        res.end(Buffer.from([0, 0, 0, 100, 0, 0, 0, 10, 1, 2, 3, 4, 5]));
      } else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body>Bad Gateway</body></html>');
      }
    });
  });
  const port = await listen(bad);
  try {
    setup(w);
    const url = `http://127.0.0.1:${port}`;
    const models = await w.cli(['models', '--profile', 'keys', '--json'], { AWS_ENDPOINT_URL_BEDROCK: url, ANTHROPIC_BEDROCK_BASE_URL: url });
    assert.equal(models.code, 1);
    assert.equal(models.json().error.code, 'malformed-response');
    assert.match(models.json().error.message, /The response could not be read/);
    assert.match(models.json().error.next, /proxy or gateway/);
    const t1 = await w.cli(['test', '--profile', 'keys', '--model', OPUS, '--json'], { ANTHROPIC_BEDROCK_BASE_URL: url });
    assert.equal(t1.code, 3);
    const x = t1.json().results[0];
    assert.equal(x.invoke, true);
    assert.equal(x.stream, false);
    assert.equal(x.error.kind, 'malformed-response');
    stream = 'html';
    const t2 = await w.cli(['test', '--profile', 'keys', '--model', OPUS, '--json'], { ANTHROPIC_BEDROCK_BASE_URL: url });
    assert.equal(t2.json().results[0].error.kind, 'malformed-response');
    assert.match(t2.json().results[0].error.message, /HTTP 502/);
  } finally {
    await close(bad);
    await w.stop();
  }
});

test('unreachable endpoints fail fast with a network entry; a dead TCP listener within the time limit', async () => {
  const w = await world();
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => { sockets.add(s); });
  const port = await new Promise<number>((r) => silent.listen(0, '127.0.0.1', () => r((silent.address() as AddressInfo).port)));
  try {
    setup(w);
    const refused = await w.cli(['discover', '--json', '--regions', 'us-east-1'], { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:1' });
    const p = refused.json().profiles[0];
    assert.equal(p.error.kind, 'network');
    assert.equal(p.regions[0].error.code, 'ECONNREFUSED');
    // A run the limit did not stop would be killed by the harness (30 s) and print no JSON.
    const hang = await w.cli(['discover', '--json', '--regions', 'us-east-1', '--timeout', '1'], { AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`, AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}` });
    assert.equal(hang.json().profiles[0].error.kind, 'timeout');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    await w.stop();
  }
});

test('credentials that expire mid-run: the failing call says so, with the fix', async () => {
  const w = await world();
  try {
    setup(w);
    w.emu.addFault({ operation: 'InvokeModelWithResponseStream', error: { status: 403, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' } });
    const r = await w.cli(['test', '--profile', 'keys', '--model', OPUS, '--json']);
    assert.equal(r.code, 4, 'the credentials need a login');
    const x = r.json().results[0];
    assert.equal(x.invoke, true);
    assert.equal(x.error.kind, 'credentials-expired');
    assert.ok(x.error.explain.includes('sts-token-expired'));
  } finally {
    await w.stop();
  }
});

test('a response that drips in slower than the time limit is a timeout with its fix; a connection cut half way is not', async () => {
  const w = await world();
  try {
    setup(w);
    w.emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'drip', dripMs: 200 });
    const models = await w.cli(['models', '--profile', 'keys', '--timeout', '1', '--json'], {}, 20_000);
    assert.equal(models.code, 1);
    const e = models.json().error;
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /in us-east-1 .*did not finish within 1000 ms \(the response was still arriving\)/);
    assert.match(e.next, /^check the network \/ VPN \/ proxy; claude-bedrock regions shows which regions answer/);
    w.emu.scenario.faults.length = 0;
    w.emu.addFault({ service: 'bedrock-runtime', operation: 'InvokeModelWithResponseStream', error: 'drip', dripMs: 200 });
    const t = await w.cli(['test', '--profile', 'keys', '--model', OPUS, '--timeout', '1', '--json'], {}, 20_000);
    assert.equal(t.code, 3);
    const x = t.json().results[0];
    assert.equal(x.invoke, true);
    assert.equal(x.stream, false);
    assert.equal(x.error.kind, 'timeout');
    assert.match(x.error.message, new RegExp(`^InvokeModelWithResponseStream of ${OPUS} in us-east-1 did not finish within 1000 ms`));
    w.emu.scenario.faults.length = 0;
    w.emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'truncate' });
    const cut = await w.cli(['models', '--profile', 'keys', '--timeout', '5', '--json'], {}, 20_000);
    assert.equal(cut.code, 1);
    assert.notEqual(cut.json().error.code, 'timeout', cut.stdout);
  } finally {
    await w.stop();
  }
});
