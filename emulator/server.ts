// The HTTP server: one port for every service, routed by method + path (+ Action for STS), with latency, faults,
// dead regions and a call log applied around the service handlers.
import http, { type IncomingMessage } from 'node:http';
import http2, { type Http2ServerRequest } from 'node:http2';
import net, { type Socket } from 'node:net';
import { authenticate } from './auth.js';
import { AwsError } from './errors.js';
import { decodeLabel, header, parseJsonBody, readBody, segments, sendHtml, sendJson, sendQueryError, sendRestJsonError, type Ctx, type Req, type Res } from './http.js';
import { globMatch, type ErrorSpec } from './scenario.js';
import { parseSigV4 } from './sigv4.js';
import type { CallRecord, EmulatorState, ServiceName } from './state.js';
import { handleBedrock } from './services/bedrock.js';
import { approvePending, handleBrowser, handleOidc } from './services/oidc.js';
import { handleRuntime } from './services/runtime.js';
import { handleSso } from './services/sso.js';
import { handleSts, stsAction } from './services/sts.js';

export interface Route {
  service: ServiceName;
  operation: string;
  /** The decoded `{modelId}` / `{inferenceProfileIdentifier}` URI label. */
  label?: string;
}

const RUNTIME_OPS: Record<string, string> = {
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  'count-tokens': 'CountTokens',
};
const STREAMING = new Set(['InvokeModelWithResponseStream', 'ConverseStream']);

export function route(req: Req): Route | undefined {
  const s = segments(req.path);
  const m = req.method;
  const p = '/' + s.join('/');
  if (m === 'POST' && s.length === 0) return { service: 'sts', operation: stsAction(req) || 'Unknown' };
  if (s[0] === '__emulator') return { service: 'emulator', operation: s.slice(1).join('/') };
  if (m === 'GET' && p === '/federation/credentials') return { service: 'sso', operation: 'GetRoleCredentials' };
  if (m === 'GET' && p === '/assignment/accounts') return { service: 'sso', operation: 'ListAccounts' };
  if (m === 'GET' && p === '/assignment/roles') return { service: 'sso', operation: 'ListAccountRoles' };
  if (m === 'POST' && p === '/logout') return { service: 'sso', operation: 'Logout' };
  if (m === 'POST' && p === '/client/register') return { service: 'sso-oidc', operation: 'RegisterClient' };
  if (m === 'POST' && p === '/device_authorization') return { service: 'sso-oidc', operation: 'StartDeviceAuthorization' };
  if (m === 'POST' && p === '/token') return { service: 'sso-oidc', operation: 'CreateToken' };
  if (m === 'GET' && ['/authorize', '/authorize/allow', '/authorize/deny', '/device', '/device/approve'].includes(p)) return { service: 'browser', operation: p };
  if (m === 'GET' && s[0] === 'inference-profiles' && s.length <= 2) {
    return s.length === 1 ? { service: 'bedrock', operation: 'ListInferenceProfiles' } : { service: 'bedrock', operation: 'GetInferenceProfile', label: decodeLabel(s[1]!) };
  }
  if (m === 'GET' && s[0] === 'foundation-models' && s.length <= 2) {
    return s.length === 1 ? { service: 'bedrock', operation: 'ListFoundationModels' } : { service: 'bedrock', operation: 'GetFoundationModel', label: decodeLabel(s[1]!) };
  }
  if (m === 'GET' && s[0] === 'foundation-model-availability' && s.length === 2) return { service: 'bedrock', operation: 'GetFoundationModelAvailability', label: decodeLabel(s[1]!) };
  if (m === 'POST' && s[0] === 'model' && s.length === 3 && RUNTIME_OPS[s[2]!]) return { service: 'bedrock-runtime', operation: RUNTIME_OPS[s[2]!]!, label: decodeLabel(s[1]!) };
  return undefined;
}

/** The region a request is for: the SigV4 scope, else a `/region/<r>` prefix, else the scenario's default. */
function requestRegion(state: EmulatorState, req: Req, service: ServiceName): string | undefined {
  if (service === 'emulator' || service === 'browser') return undefined;
  const authz = header(req, 'authorization');
  const sig = authz ? parseSigV4(authz) : undefined;
  if (sig) return sig.region;
  if (req.regionHint) return req.regionHint;
  if (service === 'sso' || service === 'sso-oidc') return state.scenario.sso.users[0]?.region ?? state.scenario.defaultRegion;
  return state.scenario.defaultRegion;
}

function parseRequest(im: IncomingMessage | Http2ServerRequest, body: Buffer): Req {
  const rawUrl = im.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  let path = rawPath;
  let regionHint: string | undefined;
  const m = /^\/region\/([a-z]{2}(?:-[a-z]+)+-\d)(\/.*)?$/.exec(rawPath);
  if (m) {
    regionHint = m[1];
    path = m[2] ?? '/';
  }
  return { method: im.method ?? 'GET', path, rawPath, rawQuery, query: new URLSearchParams(rawQuery), rawHeaders: im.rawHeaders, headers: im.headers, body, regionHint };
}

export interface ServerHooks {
  setScenario(name: string): void;
}

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/**
 * One TCP port for HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the JS SDK's Bedrock Runtime client always speaks
 * HTTP/2, the AWS CLI and most other clients HTTP/1.1. The first bytes of a connection pick the protocol.
 */
export function createEmulatorServer(state: EmulatorState, hooks: ServerHooks, opts: { unref?: boolean } = {}): { server: net.Server; stop(): Promise<void> } {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      if (opts.unref) t.unref();
      timers.add(t);
    });

  const h1 = http.createServer((im, res) => void handle(im, res));
  h1.keepAliveTimeout = 5_000;
  const h2 = http2.createServer((im, res) => void handle(im, res));
  h2.on('sessionError', () => {});
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (opts.unref) socket.unref();
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const isH2 = first.subarray(0, H2_PREFACE.length).equals(H2_PREFACE.subarray(0, Math.min(first.length, H2_PREFACE.length)));
      (isH2 ? h2 : h1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => {});
  });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }));

  async function handle(im: IncomingMessage | Http2ServerRequest, res: Res): Promise<void> {
    const requestId = state.newRequestId();
    let body: Buffer;
    try {
      body = await readBody(im, 26_000_000);
    } catch {
      res.destroy();
      return;
    }
    const req = parseRequest(im, body);
    const call: CallRecord = { time: state.now(), service: 'unknown', operation: 'Unknown', method: req.method, path: req.rawPath, status: 0, auth: 'none', requestId };
    state.calls.push(call);
    let closed = false;
    res.on('close', () => {
      closed = true;
      call.ended = state.now();
    });
    const ctx: Ctx = { state, req, res, call, requestId, aborted: () => closed };
    const r = route(req);
    if (r) {
      call.service = r.service;
      call.operation = r.operation;
      if (r.label !== undefined) call.modelId = r.label;
    }
    try {
      if (!r) throw new AwsError(404, 'UnknownOperationException', `No operation matches ${req.method} ${req.path}`);
      const region = requestRegion(state, req, r.service);
      call.region = region;
      if (region && state.scenario.regions[region]?.dead) return; // a dead region: accept and never answer
      const fault = r.service === 'emulator' || r.service === 'browser' ? undefined : state.takeFault({ service: r.service, operation: r.operation, region, model: r.label }, globMatch);
      if (fault?.error === 'hang') return;
      await delay(state.latencyFor(region));
      if (ctx.aborted()) return;
      if (fault && typeof fault.error === 'string') {
        ctx.res = damaged(res, fault.error, fault.dripMs ?? 100, ctx.aborted);
        return dispatch(ctx, r, undefined);
      }
      const streamFault = fault && fault.inStream && STREAMING.has(r.operation) ? fault.error : undefined;
      if (fault && !streamFault) throw AwsError.from(fault.error as ErrorSpec);
      dispatch(ctx, r, streamFault as ErrorSpec | undefined);
    } catch (e) {
      const err = e instanceof AwsError ? e : new AwsError(500, 'InternalServerException', `Emulator error: ${(e as Error).message}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (r?.service === 'sts') sendQueryError(ctx, err);
      else if (r?.service === 'browser') sendHtml(ctx, err.status, err.code, `<p>${err.message}</p>`);
      else sendRestJsonError(ctx, err);
    }
  }

  /** A response that goes wrong on the wire as the fault says, whatever the handler writes into it. */
  function damaged(res: Res, mode: 'drip' | 'truncate' | 'corrupt', dripMs: number, aborted: () => boolean): Res {
    let queue = Buffer.alloc(0);
    let ending = false;
    let dripping = false;
    let first = true;
    const drip = () => {
      if (aborted()) return;
      if (!queue.length) {
        if (ending) res.end();
        dripping = false;
        return;
      }
      res.write(queue.subarray(0, 1));
      queue = queue.subarray(1);
      delay(dripMs).then(drip, () => {});
    };
    const send = (chunk: Buffer | undefined, end: boolean): void => {
      let b = chunk ?? Buffer.alloc(0);
      if (mode === 'drip') {
        queue = Buffer.concat([queue, b]);
        ending ||= end;
        if (!dripping) { dripping = true; drip(); }
        return;
      }
      if (mode === 'truncate') {
        if (b.length) res.write(b.subarray(0, Math.max(1, b.length >> 1)));
        setImmediate(() => res.destroy());
        return;
      }
      // corrupt: the first chunk is damaged (an event-stream frame's prelude checksum, or every byte of a body).
      if (first && b.length) {
        b = Buffer.from(b);
        if (b.length >= 12) b.writeUInt32BE((b.readUInt32BE(8) ^ 0xffffffff) >>> 0, 8);
        if (b.length < 12 || b[0] === 0x7b || b[0] === 0x3c) b.fill(0xfe);
      }
      first = false;
      if (end) res.end(b);
      else res.write(b);
    };
    return {
      writeHead: (status, headers) => res.writeHead(status, headers),
      write: (chunk) => { send(chunk, false); return true; },
      end: (chunk?: Buffer) => send(chunk, true),
      get headersSent() { return res.headersSent; },
      on: (event, listener) => res.on(event, listener),
      destroy: (error) => res.destroy(error),
    };
  }

  function dispatch(ctx: Ctx, r: Route, streamFault: ErrorSpec | undefined): void {
    switch (r.service) {
      case 'sts':
        return handleSts(ctx);
      case 'sso':
        return handleSso(ctx, r.operation);
      case 'sso-oidc':
        return handleOidc(ctx, r.operation);
      case 'browser':
        return handleBrowser(ctx, r.operation);
      case 'bedrock':
        return handleBedrock(ctx, authenticate(ctx, 'bedrock'), r.operation, r.label);
      case 'bedrock-runtime':
        return handleRuntime(ctx, authenticate(ctx, 'bedrock'), r.operation, r.label!, { streamFault });
      case 'emulator':
        return control(ctx, r.operation);
    }
  }

  /** Test and tooling endpoints (not AWS): approve logins, read the call log, switch scenario, mint a token. */
  function control(ctx: Ctx, op: string): void {
    const b = parseJsonBody(ctx.req) ?? {};
    if (op === 'approve' && ctx.req.method === 'POST') return sendJson(ctx, 200, approvePending(state, typeof b.userCode === 'string' ? b.userCode : undefined));
    if (op === 'calls' && ctx.req.method === 'GET') return sendJson(ctx, 200, { calls: state.calls.filter((c) => c.service !== 'emulator') });
    if (op === 'scenario' && ctx.req.method === 'GET') return sendJson(ctx, 200, { name: state.scenario.name, description: state.scenario.description });
    if (op === 'scenario' && ctx.req.method === 'POST') {
      try {
        hooks.setScenario(String(b.name));
      } catch (e) {
        throw new AwsError(400, 'ValidationException', (e as Error).message);
      }
      return sendJson(ctx, 200, { name: state.scenario.name });
    }
    if (op === 'sso-token' && ctx.req.method === 'POST') {
      return sendJson(ctx, 200, state.issueSsoToken({ startUrl: typeof b.startUrl === 'string' ? b.startUrl : undefined, refreshable: b.refreshable !== false }));
    }
    throw new AwsError(404, 'UnknownOperationException', `Unknown emulator endpoint ${op}`);
  }

  return { server, stop };
}
