// IAM Identity Center login on the SDK: refresh when possible, else PKCE (loopback) or the device flow, one at a
// time per session across processes (single flight), with the token cache written exactly as the AWS CLI v2 does.
// Ctrl-C (or SIGINT) anywhere in it is a clean cancel: the calls in flight are aborted, the loopback listener closed,
// the lock released, and nothing is cached (a new client registration is cached only with the token it obtained).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { AuthError, CliError } from '../../errors.js';
import { stateDir } from '../../core/paths.js';
import { acquireLock } from '../../io/fs.js';
import { interruptible, sleep } from '../../io/interrupt.js';
import { canRefresh, formatAwsTimestamp, isFresh, registrationUsable, tokenCacheKey, type SsoRegistration, type SsoToken } from '../../core/sso/cache-format.js';
import { authorizeUrl, codeChallenge, newCodeVerifier, REGISTERED_REDIRECT_URI, DEFAULT_AUTH_SCOPE } from '../../core/sso/pkce.js';
import { describeTarget, loginCommand, type SsoTarget } from '../../core/sso/target.js';
import { callError, defaultSsoApis, type OidcApi, type SsoApis } from './api.js';
import { runAwsSsoLogin } from './aws-cli.js';
import { chooseFlow, openBrowser } from './browser.js';
import { readCachedToken, readRegistration, registrationFileFor, writeCachedToken, writeRegistration, type CachedToken } from './cache.js';
import { PortInUseError, startLoopback } from './loopback.js';

export interface LoginOptions {
  /** aws-cli: delegate the interactive part to `aws sso login` (still single-flight). */
  flow: 'auto' | 'pkce' | 'device' | 'aws-cli';
  /** false with --no-browser: only print the URL. */
  openBrowser: boolean;
  /** Skip reuse and refresh: always sign in again in the browser. */
  force: boolean;
  timeoutMs: number;
  /** 0: any free port. */
  redirectPort: number;
}

export type LoginMethod = 'pkce' | 'device-code' | 'aws-cli' | 'refresh' | 'reused';

export interface LoginOutcome {
  target: SsoTarget;
  method: LoginMethod;
  token: SsoToken;
  expiresAt: Date;
  refreshable: boolean;
  cacheFile: string;
  /** Another process held the login lock and we waited for it. */
  waited: boolean;
}

export interface LoginSeams {
  apis: SsoApis;
  open(url: string): Promise<{ opened: boolean; command?: string; error?: string }>;
  /** Rejects when `signal` aborts (a cancelled login). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  awsCli(t: SsoTarget, opts: LoginOptions, signal?: AbortSignal): Promise<void>;
}

/** The real seams. Call apis.close() when done so keep-alive sockets do not hold the process open. */
export function defaultSeams(deps: Deps): LoginSeams {
  return {
    apis: defaultSsoApis(deps),
    open: (url) => openBrowser(deps, url),
    sleep,
    awsCli: (t, o, signal) => runAwsSsoLogin(deps, t, { deviceCode: false, noBrowser: !o.openBrowser, timeoutMs: o.timeoutMs, signal }),
  };
}

/** A valid token written this recently by another login is reused rather than opening another browser tab. */
export const RECENT_LOGIN_MS = 30_000;

export function loginLockPath(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>): string {
  return path.join(stateDir(deps.env, deps.home()), 'locks', `sso-${tokenCacheKey(t).slice(0, 24)}.lock`);
}

/** A token left by a session that was repointed (same name, other start URL or region) must not be reused. */
function forOtherSession(c: CachedToken & { state: 'ok' }, t: SsoTarget): boolean {
  return (c.token.startUrl !== undefined && c.token.startUrl !== t.startUrl) || (c.token.region !== undefined && c.token.region !== t.region);
}

function sameToken(a: CachedToken, b: CachedToken): boolean {
  if (a.state !== 'ok' || b.state !== 'ok') return a.state === b.state;
  return a.token.accessToken === b.token.accessToken && a.mtimeMs === b.mtimeMs;
}

export function isRefreshable(t: SsoTarget, token: SsoToken, now: Date): boolean {
  return t.sessionName !== null && canRefresh(token, now);
}

/** Errors from the token endpoint that mean "this refresh token / client is no good any more". */
const REFRESH_REJECTED = new Set(['InvalidGrantException', 'ExpiredTokenException', 'InvalidClientException', 'UnauthorizedClientException', 'AccessDeniedException', 'InvalidRequestException']);

function unreachable(t: SsoTarget, op: string, endpoint: string, e: unknown): CliError {
  const c = callError(e);
  if (!c.network && c.status !== undefined && c.status >= 400 && c.status < 500 && op === 'StartDeviceAuthorization') {
    // The start URL (or the sso_region it is served from) is what this call checks.
    return new CliError({
      what: `IAM Identity Center refused to start a sign-in (${op} at ${endpoint}) for ${describeTarget(t)}: ${c.name}: ${c.message}.`,
      why: `The start URL ${t.startUrl} is not an IAM Identity Center portal in ${t.region} (a typo, an old URL, or the wrong sso_region).`,
      next: `check sso_start_url and sso_region with your AWS administrator, then: ${loginCommand(t)}`,
      code: 'sso-start-refused',
    });
  }
  return new CliError({
    what: `Cannot reach IAM Identity Center (${op} at ${endpoint}) for ${describeTarget(t)}: ${c.message}.`,
    why: c.network ? 'The network, VPN or proxy did not let the request through.' : `The service answered ${c.name}${c.status ? ` (HTTP ${c.status})` : ''}.`,
    next: c.network ? `check your connection or VPN, then: ${loginCommand(t)}` : `${loginCommand(t)}   # try again; if it persists: claude-bedrock doctor`,
    code: 'sso-unreachable',
  });
}

/**
 * Log in to one SSO session. Several concurrent callers for the same session produce one browser prompt (or one
 * refresh): the first takes the lock, the others wait and then reuse the token it wrote. Ctrl-C or SIGINT while it
 * waits (for the lock, the browser, the device code, a call) throws CancelledError once everything it started stopped.
 */
export async function login(deps: Deps, note: (s: string) => void, target: SsoTarget, opts: LoginOptions, seams?: LoginSeams): Promise<LoginOutcome> {
  const own = seams ? undefined : defaultSeams(deps);
  try {
    return await interruptible(deps, (signal) => loginLocked(deps, note, target, opts, seams ?? own!, signal));
  } finally {
    own?.apis.close();
  }
}

async function loginLocked(deps: Deps, note: (s: string) => void, target: SsoTarget, opts: LoginOptions, seams: LoginSeams, signal: AbortSignal): Promise<LoginOutcome> {
  const snapshot = readCachedToken(deps, target);
  const lockPath = loginLockPath(deps, target);
  const busy = fs.existsSync(lockPath);
  // Prose, not a command line: the target's name must never follow `claude-bedrock login` unquoted for a shell.
  if (busy) note(`Another sign-in for ${describeTarget(target)} is in progress (a concurrent claude-bedrock login or logout); waiting for it to finish...`);
  const lock = await acquireLock(lockPath, { timeoutMs: opts.timeoutMs + 60_000, staleMs: opts.timeoutMs + 120_000, what: `the login lock for ${describeTarget(target)}`, signal });
  try {
    const now = deps.now();
    let cur = readCachedToken(deps, target);
    const base = { target, cacheFile: cur.file, waited: busy };
    if (cur.state === 'ok' && forOtherSession(cur, target)) {
      note(`The cached token ${cur.file} is for ${cur.token.startUrl} (${cur.token.region ?? 'unknown region'}), not ${target.startUrl} (${target.region}); signing in again replaces it.`);
      cur = { state: 'missing', file: cur.file };
    } else if (cur.state === 'malformed') {
      note(`The cached token ${cur.file} is unusable (${cur.reason}); signing in again replaces it.`);
    }
    if (!opts.force && cur.state === 'ok' && isFresh(cur.expiresAt, now) && (!sameToken(snapshot, cur) || now.getTime() - cur.mtimeMs < RECENT_LOGIN_MS)) {
      return { ...base, method: 'reused', token: cur.token, expiresAt: cur.expiresAt, refreshable: isRefreshable(target, cur.token, now) };
    }
    if (opts.flow === 'aws-cli') {
      await seams.awsCli(target, opts, signal);
      const after = readCachedToken(deps, target);
      if (after.state !== 'ok' || sameToken(after, cur)) {
        throw new CliError({
          what: `\`aws sso login\` finished, but no new token for ${describeTarget(target)} is in ${after.file}.`,
          why: 'The AWS CLI wrote its token somewhere else (a different profile or session name?).',
          next: loginCommand(target),
          code: 'aws-cli-failed',
        });
      }
      return { ...base, method: 'aws-cli', token: after.token, expiresAt: after.expiresAt, refreshable: isRefreshable(target, after.token, deps.now()) };
    }
    if (!opts.force && cur.state === 'ok' && canRefresh(cur.token, now)) {
      const refreshed = await tryRefresh(deps, note, target, cur.token, seams, signal);
      if (refreshed) return { ...base, method: 'refresh', ...refreshed, refreshable: isRefreshable(target, refreshed.token, deps.now()) };
    }
    // Like the AWS CLI, legacy profiles sign in with the device flow (PKCE is for sso-session registrations).
    const choice = target.sessionName === null && opts.flow === 'auto' ? { flow: 'device' as const } : chooseFlow(deps, opts.flow as 'auto' | 'pkce' | 'device');
    if (choice.reason) note(`Using the device-code sign-in because ${choice.reason}. (Force the browser flow with BROWSER=<command>.)`);
    const { token, expiresAt, registration: reg } = choice.flow === 'pkce'
      ? await pkceLogin(deps, note, target, opts, seams, signal)
      : await deviceLogin(deps, note, target, opts, seams, opts.openBrowser && !choice.reason, signal);
    signal.throwIfAborted();
    if (reg.fresh) writeRegistration(deps, target, reg.value);
    const w = writeCachedToken(deps, target, token);
    if (w.keptMalformedAt) note(`The unusable token file was kept at ${w.keptMalformedAt}.`);
    return { ...base, method: choice.flow === 'pkce' ? 'pkce' : 'device-code', token, expiresAt, refreshable: isRefreshable(target, token, deps.now()) };
  } finally {
    lock.release();
  }
}

/** Exchange the refresh token (it rotates: the old one is spent). Returns undefined when IAM Identity Center refused it. */
async function tryRefresh(deps: Deps, note: (s: string) => void, t: SsoTarget, old: SsoToken, seams: LoginSeams, signal?: AbortSignal): Promise<{ token: SsoToken; expiresAt: Date } | undefined> {
  const oidc = await seams.apis.oidc(t.region);
  let r;
  try {
    r = await oidc.createToken({ clientId: old.clientId!, clientSecret: old.clientSecret!, grantType: 'refresh_token', refreshToken: old.refreshToken! }, { signal });
  } catch (e) {
    signal?.throwIfAborted();
    const c = callError(e);
    if (REFRESH_REJECTED.has(c.name)) {
      note(`The refresh token for ${describeTarget(t)} was refused (${c.name}: the session ended or was revoked); a new sign-in is needed.`);
      return undefined;
    }
    throw unreachable(t, 'CreateToken', oidc.endpoint, e);
  }
  const expiresAt = new Date(deps.now().getTime() + r.expiresIn * 1000);
  const token: SsoToken = {
    startUrl: t.startUrl,
    region: t.region,
    accessToken: r.accessToken,
    expiresAt: formatAwsTimestamp(expiresAt),
    clientId: old.clientId,
    clientSecret: old.clientSecret,
    registrationExpiresAt: old.registrationExpiresAt,
    refreshToken: r.refreshToken,
  };
  signal?.throwIfAborted();
  writeCachedToken(deps, t, token);
  return { token, expiresAt };
}

function clientName(t: SsoTarget, now: Date): string {
  return `claude-bedrock-${t.sessionName ?? Math.floor(now.getTime() / 1000)}`;
}

/** A registration and whether it is new (then the caller caches it with the token it obtains, for the AWS CLI too). */
interface Registration { value: SsoRegistration; fresh: boolean }

/** A cached registration for this flow, or a new one (not cached yet: a cancelled or failed sign-in writes nothing). */
async function registration(deps: Deps, note: (s: string) => void, t: SsoTarget, oidc: OidcApi, flow: 'pkce' | 'device', signal: AbortSignal): Promise<Registration> {
  const now = deps.now();
  const cached = readRegistration(deps, t);
  if (cached?.ok && registrationUsable(cached, now, flow)) return { value: cached.value, fresh: false };
  if (cached?.ok && !isFresh(cached.expiresAt, now)) note(`The client registration for ${describeTarget(t)} expired on ${cached.value.expiresAt}; registering again.`);
  const input = flow === 'pkce'
    ? { clientName: clientName(t, now), clientType: 'public' as const, grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [REGISTERED_REDIRECT_URI], issuerUrl: t.startUrl, scopes: t.scopes && t.scopes.length ? t.scopes : [DEFAULT_AUTH_SCOPE] }
    : { clientName: clientName(t, now), clientType: 'public' as const, ...(t.scopes && t.scopes.length ? { scopes: t.scopes } : {}) };
  let r;
  try {
    r = await oidc.registerClient(input, { signal });
  } catch (e) {
    signal.throwIfAborted();
    throw unreachable(t, 'RegisterClient', oidc.endpoint, e);
  }
  const reg: SsoRegistration = {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    expiresAt: formatAwsTimestamp(new Date(r.clientSecretExpiresAt * 1000)),
    ...(flow === 'pkce' ? { scopes: input.scopes, grantTypes: input.grantTypes } : input.scopes ? { scopes: input.scopes } : {}),
  };
  return { value: reg, fresh: true };
}

type SignedIn = { token: SsoToken; expiresAt: Date; registration: Registration };

function tokenFrom(deps: Deps, t: SsoTarget, reg: SsoRegistration, r: { accessToken: string; expiresIn: number; refreshToken?: string }): { token: SsoToken; expiresAt: Date } {
  const expiresAt = new Date(deps.now().getTime() + r.expiresIn * 1000);
  return {
    expiresAt,
    token: {
      startUrl: t.startUrl,
      region: t.region,
      accessToken: r.accessToken,
      expiresAt: formatAwsTimestamp(expiresAt),
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: reg.expiresAt,
      refreshToken: r.refreshToken,
    },
  };
}

function registrationRejected(deps: Deps, t: SsoTarget, e: unknown): CliError | undefined {
  const c = callError(e);
  if (c.name !== 'InvalidClientException' && c.name !== 'UnauthorizedClientException') return undefined;
  // The cached registration is no longer accepted: drop it so the next login registers a new client.
  try { fs.unlinkSync(registrationFileFor(deps, t)); } catch { /* already gone */ }
  return new AuthError({
    what: `IAM Identity Center rejected the client registration for ${describeTarget(t)} (${c.name}).`,
    why: 'The registration was revoked or expired on the server; it has been removed from the cache.',
    next: loginCommand(t),
  });
}

async function pkceLogin(deps: Deps, note: (s: string) => void, t: SsoTarget, opts: LoginOptions, seams: LoginSeams, signal: AbortSignal): Promise<SignedIn> {
  const oidc = await seams.apis.oidc(t.region);
  const registered = await registration(deps, note, t, oidc, 'pkce', signal);
  const reg = registered.value;
  signal.throwIfAborted();
  let loopback;
  try {
    loopback = await startLoopback(opts.redirectPort);
  } catch (e) {
    if (!(e instanceof PortInUseError)) throw e;
    throw new CliError({
      what: `Cannot receive the browser sign-in: 127.0.0.1:${e.port} is already in use.`,
      why: 'Another program is listening on that port, so the sign-in redirect could not reach claude-bedrock.',
      next: opts.redirectPort ? `${loginCommand(t)}   # without --redirect-port: any free port is used` : `${loginCommand(t)} --device-code`,
      code: 'port-in-use',
    });
  }
  try {
    const state = crypto.randomUUID();
    const verifier = newCodeVerifier();
    const url = authorizeUrl({ oidcEndpoint: oidc.endpoint, clientId: reg.clientId, redirectUri: loopback.redirectUri, state, scopes: t.scopes, challenge: codeChallenge(verifier) });
    note(`Sign in to ${t.startUrl} in your browser${opts.openBrowser ? '' : ' (open this URL on this machine)'}:\n\n  ${url}\n`);
    if (opts.openBrowser) {
      const o = await seams.open(url);
      if (!o.opened) note(`Could not open a browser (${o.error}). Open the URL above on this machine, or sign in from another device: ${loginCommand(t)} --device-code`);
    }
    const secs = Math.round(opts.timeoutMs / 1000);
    note(`Waiting up to ${secs} s for the sign-in...`);
    const res = await loopback.wait(opts.timeoutMs, signal);
    if (res === 'timeout') {
      throw new AuthError({
        what: `No sign-in arrived from the browser within ${secs} s for ${describeTarget(t)}.`,
        why: 'The sign-in page was closed or never completed, or the browser runs on another machine and cannot reach 127.0.0.1 here.',
        next: `${loginCommand(t)} --device-code   # sign in from any device with a code`,
        code: 'login-timeout',
      });
    }
    if ('error' in res) {
      throw new AuthError({
        what: `The browser sign-in for ${describeTarget(t)} failed: ${res.error}${res.description ? ` (${res.description})` : ''}.`,
        why: res.error === 'access_denied' ? 'The request was denied on the sign-in page.' : 'IAM Identity Center redirected back with an error instead of an authorization code.',
        next: loginCommand(t),
        code: 'login-failed',
      });
    }
    if (res.state !== state) {
      throw new AuthError({ what: `The browser sign-in for ${describeTarget(t)} answered a different request (state mismatch).`, why: 'The redirect was not for this login (an old tab?); it was ignored for safety.', next: loginCommand(t), code: 'login-failed' });
    }
    let r;
    try {
      r = await oidc.createToken({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code: res.code, redirectUri: loopback.redirectUri, codeVerifier: verifier }, { signal });
    } catch (e) {
      signal.throwIfAborted();
      const rejected = registrationRejected(deps, t, e);
      if (rejected) throw rejected;
      const c = callError(e);
      if (c.name === 'ExpiredTokenException' || c.name === 'InvalidGrantException') {
        throw new AuthError({ what: `The authorization code for ${describeTarget(t)} was refused (${c.name}).`, why: 'It expired or was already used before it could be exchanged.', next: loginCommand(t), code: 'login-failed' });
      }
      throw unreachable(t, 'CreateToken', oidc.endpoint, e);
    }
    return { ...tokenFrom(deps, t, reg, r), registration: registered };
  } finally {
    await loopback.close();
  }
}

async function deviceLogin(deps: Deps, note: (s: string) => void, t: SsoTarget, opts: LoginOptions, seams: LoginSeams, open: boolean, signal: AbortSignal): Promise<SignedIn> {
  const oidc = await seams.apis.oidc(t.region);
  const registered = await registration(deps, note, t, oidc, 'device', signal);
  const reg = registered.value;
  let auth;
  try {
    auth = await oidc.startDeviceAuthorization({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: t.startUrl }, { signal });
  } catch (e) {
    signal.throwIfAborted();
    throw registrationRejected(deps, t, e) ?? unreachable(t, 'StartDeviceAuthorization', oidc.endpoint, e);
  }
  const started = deps.now().getTime();
  const deadline = started + Math.min(auth.expiresIn * 1000, opts.timeoutMs);
  let interval = (auth.interval ?? 5) * 1000;
  let shown = false;
  for (;;) {
    signal.throwIfAborted();
    try {
      const r = await oidc.createToken({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }, { signal });
      return { ...tokenFrom(deps, t, reg, r), registration: registered };
    } catch (e) {
      signal.throwIfAborted();
      const c = callError(e);
      if (c.name === 'SlowDownException') interval += 5000;
      else if (c.name === 'ExpiredTokenException') {
        throw new AuthError({ what: `The sign-in code for ${describeTarget(t)} expired before it was approved.`, why: `Codes are valid for ${auth.expiresIn} s.`, next: `${loginCommand(t)} --device-code`, code: 'login-timeout' });
      } else if (c.name !== 'AuthorizationPendingException') {
        throw registrationRejected(deps, t, e) ?? (c.name === 'AccessDeniedException'
          ? new AuthError({ what: `The sign-in for ${describeTarget(t)} was denied.`, why: 'The request was denied on the approval page.', next: `${loginCommand(t)} --device-code`, code: 'login-failed' })
          : unreachable(t, 'CreateToken', oidc.endpoint, e));
      }
    }
    if (!shown) {
      // As the AWS CLI does: one attempt before showing the code, in case the client is already authorized.
      shown = true;
      note(`To sign in to ${t.startUrl}, open this page on any device:\n\n  ${auth.verificationUri}\n\nand enter the code:  ${auth.userCode}\n\n(or open ${auth.verificationUriComplete} which fills it in)\n`);
      if (open) {
        const o = await seams.open(auth.verificationUriComplete);
        if (!o.opened) note(`Could not open a browser (${o.error}); open the page above yourself.`);
      }
    }
    if (deps.now().getTime() + interval > deadline) {
      const secs = Math.round((deadline - started) / 1000);
      throw new AuthError({ what: `The sign-in for ${describeTarget(t)} was not approved within ${secs} s.`, why: 'The code was never entered, or the approval page was closed.', next: `${loginCommand(t)} --device-code`, code: 'login-timeout' });
    }
    await seams.sleep(interval, signal);
  }
}

/**
 * A usable access token for API calls (sso add listing accounts, logout): the cached one, silently refreshed under
 * the same single-flight lock when it is near expiry. Never opens a browser; says which login to run instead.
 */
export async function ensureFreshToken(deps: Deps, target: SsoTarget, seams?: LoginSeams): Promise<{ token: SsoToken; expiresAt: Date; refreshed: boolean }> {
  const own = seams ? undefined : defaultSeams(deps);
  try {
    return await ensureFresh(deps, target, seams ?? own!);
  } finally {
    own?.apis.close();
  }
}

async function ensureFresh(deps: Deps, target: SsoTarget, seams: LoginSeams): Promise<{ token: SsoToken; expiresAt: Date; refreshed: boolean }> {
  const first = readCachedToken(deps, target);
  if (first.state === 'ok' && forOtherSession(first, target)) throw notLoggedIn(target, { state: 'malformed', file: first.file, reason: `is for another start URL or region (${first.token.startUrl})` });
  if (first.state === 'ok' && isFresh(first.expiresAt, deps.now())) return { token: first.token, expiresAt: first.expiresAt, refreshed: false };
  let cur = first;
  if (first.state === 'ok' && target.sessionName !== null && canRefresh(first.token, deps.now())) {
    const lock = await acquireLock(loginLockPath(deps, target), { timeoutMs: 240_000, staleMs: 300_000, what: `the login lock for ${describeTarget(target)}` });
    try {
      cur = readCachedToken(deps, target);
      if (cur.state === 'ok' && isFresh(cur.expiresAt, deps.now())) return { token: cur.token, expiresAt: cur.expiresAt, refreshed: false };
      if (cur.state === 'ok' && canRefresh(cur.token, deps.now())) {
        const r = await tryRefresh(deps, () => {}, target, cur.token, seams);
        if (r) return { ...r, refreshed: true };
      }
    } finally {
      lock.release();
    }
  }
  if (cur.state === 'ok' && cur.expiresAt.getTime() > deps.now().getTime()) return { token: cur.token, expiresAt: cur.expiresAt, refreshed: false };
  throw notLoggedIn(target, cur);
}

export function notLoggedIn(t: SsoTarget, c: CachedToken): AuthError {
  const what = c.state === 'missing'
    ? `Not signed in to ${describeTarget(t)}: there is no cached token (${c.file}).`
    : c.state === 'malformed'
      ? `The cached token for ${describeTarget(t)} is unusable: ${c.file} ${c.reason}.`
      : `The sign-in for ${describeTarget(t)} expired at ${formatAwsTimestamp(c.expiresAt)}${c.token.refreshToken ? ' and could not be refreshed' : ''}.`;
  return new AuthError({ what, next: loginCommand(t) });
}

/** Hours and minutes until a time, for messages. */
export function untilText(now: Date, at: Date): string {
  const mins = Math.round((at.getTime() - now.getTime()) / 60_000);
  if (mins < 0) return 'expired';
  if (mins < 60) return `${mins} min`;
  const h = Math.floor(mins / 60);
  if (h < 48) return `${h} h ${mins % 60} min`;
  return `${Math.round(h / 24)} days`;
}

