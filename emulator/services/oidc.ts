// SSO-OIDC: client registration, device authorization, CreateToken (device code, rotating refresh, PKCE auth code),
// and the browser side (/authorize, /device) that a user would click through.
import { randomBytes } from 'node:crypto';
import {
  AwsError,
  authorizationPending,
  invalidClient,
  invalidClientMetadata,
  invalidGrant,
  invalidRedirectUri,
  oidcExpiredToken,
  oidcInvalidRequest,
  unsupportedGrantType,
} from '../errors.js';
import { parseJsonBody, redirect, sendHtml, sendJson, xmlEscape, type Ctx } from '../http.js';
import type { SsoUser } from '../scenario.js';
import { pkceChallenge, randomId, type EmulatorState, type OidcClient } from '../state.js';

const GRANT_DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
const GRANTS = ['authorization_code', GRANT_DEVICE, 'refresh_token'];

function body(ctx: Ctx): Record<string, unknown> {
  const b = parseJsonBody(ctx.req);
  if (!b) throw oidcInvalidRequest('Invalid request body');
  return b;
}

function str(b: Record<string, unknown>, k: string): string | undefined {
  const v = b[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strList(b: Record<string, unknown>, k: string): string[] {
  const v = b[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isLoopback(u: URL): boolean {
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** AWS-WIRE §3.6/§8.6: a loopback redirect matches a registered one whatever its port. */
export function redirectAllowed(client: OidcClient, redirectUri: string): boolean {
  let u: URL;
  try {
    u = new URL(redirectUri);
  } catch {
    return false;
  }
  return client.redirectUris.some((r) => {
    try {
      const reg = new URL(r);
      if (isLoopback(u) && isLoopback(reg)) return u.hostname === reg.hostname && u.pathname === reg.pathname;
      return r === redirectUri;
    } catch {
      return false;
    }
  });
}

/** A registered client, or the client of a seeded session (so a pre-written token cache can refresh). */
function authenticateClient(state: EmulatorState, clientId: string | undefined, clientSecret: string | undefined): { client?: OidcClient; seedClientId?: string } {
  if (!clientId || !clientSecret) throw oidcInvalidRequest('Missing client credentials');
  const c = state.clients.get(clientId);
  if (c) {
    if (c.clientSecret !== clientSecret) throw invalidClient();
    if (c.expiresAt <= state.now()) throw invalidClient('Client registration has expired');
    return { client: c };
  }
  for (const u of state.scenario.sso.users) {
    for (const s of u.sessions ?? []) if (s.clientId === clientId && s.clientSecret === clientSecret) return { seedClientId: clientId };
  }
  throw invalidClient();
}

function refreshable(client: OidcClient | undefined): boolean {
  if (!client) return true;
  return client.grantTypes.includes('refresh_token') || client.scopes.includes('sso:account:access');
}

function tokenResponse(t: { accessToken: string; refreshToken?: string; expiresIn: number }) {
  return { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: t.expiresIn, ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}) };
}

function issueCode(state: EmulatorState, r: { clientId: string; redirectUri: string; codeChallenge: string; user: SsoUser; scopes: string[] }): string {
  const code = randomBytes(24).toString('base64url');
  state.authorizationCodes.set(code, { code, ...r, expiresAt: state.now() + 5 * 60_000, used: false });
  return code;
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** Approve pending device codes (all, or the one with this user code) and pending /authorize requests. */
export function approvePending(state: EmulatorState, userCode?: string): { devices: number; redirects: string[] } {
  let devices = 0;
  for (const d of state.deviceAuthorizations.values()) {
    if (d.approved || d.used) continue;
    if (userCode && d.userCode !== userCode) continue;
    d.approved = true;
    devices++;
  }
  const redirects: string[] = [];
  if (!userCode) {
    for (const r of state.authorizationRequests.values()) {
      const code = issueCode(state, r);
      redirects.push(withParams(r.redirectUri, { code, state: r.state }));
    }
    state.authorizationRequests.clear();
  }
  return { devices, redirects };
}

export function handleOidc(ctx: Ctx, operation: string): void {
  const { state } = ctx;
  switch (operation) {
    case 'RegisterClient': {
      const b = body(ctx);
      const clientName = str(b, 'clientName');
      const clientType = str(b, 'clientType');
      if (!clientName || !clientType) throw oidcInvalidRequest('clientName and clientType are required');
      if (clientType !== 'public') throw invalidClientMetadata(`Invalid client type: ${clientType}`);
      const grantTypes = strList(b, 'grantTypes');
      const bad = grantTypes.find((g) => !GRANTS.includes(g));
      if (bad) throw unsupportedGrantType(`Unsupported grant type: ${bad}`);
      const redirectUris = strList(b, 'redirectUris');
      if (grantTypes.includes('authorization_code')) {
        if (redirectUris.length === 0) throw invalidRedirectUri('Redirect URIs are required for the authorization_code grant');
        for (const r of redirectUris) {
          let ok = false;
          try {
            ok = isLoopback(new URL(r)) || new URL(r).protocol === 'https:';
          } catch { /* not a URL */ }
          if (!ok) throw invalidRedirectUri(`Invalid redirect URI: ${r}`);
        }
      }
      const c = state.registerClient({ clientName, grantTypes, redirectUris, scopes: strList(b, 'scopes'), issuerUrl: str(b, 'issuerUrl') });
      return sendJson(ctx, 200, {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        clientIdIssuedAt: Math.floor(state.now() / 1000),
        clientSecretExpiresAt: Math.floor(c.expiresAt / 1000),
      });
    }
    case 'StartDeviceAuthorization': {
      const b = body(ctx);
      const startUrl = str(b, 'startUrl');
      if (!startUrl) throw oidcInvalidRequest('startUrl is required');
      const { client } = authenticateClient(state, str(b, 'clientId'), str(b, 'clientSecret'));
      const user = state.userForStartUrl(startUrl);
      if (!user) throw oidcInvalidRequest(`Invalid start URL: ${startUrl}`);
      const deviceCode = randomBytes(32).toString('base64url');
      const letters = randomId('', 8, 'BCDFGHJKLMNPQRSTVWXZ');
      const userCode = `${letters.slice(0, 4)}-${letters.slice(4)}`;
      const sso = state.scenario.sso;
      state.deviceAuthorizations.set(deviceCode, {
        deviceCode, userCode, clientId: client?.clientId ?? str(b, 'clientId')!, user,
        expiresAt: state.now() + sso.deviceCodeTtlSeconds * 1000, approved: sso.autoApprove, used: false,
      });
      return sendJson(ctx, 200, {
        deviceCode,
        userCode,
        verificationUri: `${state.url}/device`,
        verificationUriComplete: `${state.url}/device?user_code=${userCode}`,
        expiresIn: sso.deviceCodeTtlSeconds,
        interval: sso.pollIntervalSeconds,
      });
    }
    case 'CreateToken': {
      const b = body(ctx);
      const grantType = str(b, 'grantType');
      if (!grantType) throw oidcInvalidRequest('grantType is required');
      const clientId = str(b, 'clientId');
      const { client } = authenticateClient(state, clientId, str(b, 'clientSecret'));
      if (grantType === GRANT_DEVICE) {
        const d = state.deviceAuthorizations.get(str(b, 'deviceCode') ?? '');
        if (!d || d.clientId !== clientId || d.used) throw invalidGrant('Invalid device code provided');
        if (d.expiresAt <= state.now()) throw oidcExpiredToken('Device code has expired');
        if (!d.approved) throw authorizationPending();
        d.used = true;
        return sendJson(ctx, 200, tokenResponse(state.mintTokens(d.user, clientId!, refreshable(client), client?.scopes ?? [])));
      }
      if (grantType === 'refresh_token') {
        const token = str(b, 'refreshToken') ?? '';
        const rec = state.refreshTokens.get(token);
        if (rec) {
          if (rec.revoked || rec.clientId !== clientId) throw invalidGrant('Invalid refresh token provided');
          rec.revoked = true;
          return sendJson(ctx, 200, tokenResponse(state.mintTokens(rec.user, clientId!, true, rec.scopes)));
        }
        const seed = state.seedSession('refreshToken', token);
        if (!seed || seed.session.clientId !== clientId || seed.session.state === 'revoked' || state.usedSeedRefreshTokens.has(token)) {
          throw invalidGrant('Invalid refresh token provided');
        }
        state.usedSeedRefreshTokens.add(token);
        state.revokedSeedAccess.add(seed.session.accessToken);
        return sendJson(ctx, 200, tokenResponse(state.mintTokens(seed.user, clientId!, true, ['sso:account:access'])));
      }
      if (grantType === 'authorization_code') {
        const code = state.authorizationCodes.get(str(b, 'code') ?? '');
        const redirectUri = str(b, 'redirectUri');
        const verifier = str(b, 'codeVerifier');
        if (!code || code.used || code.clientId !== clientId || code.expiresAt <= state.now()) throw invalidGrant('Invalid authorization code provided');
        if (redirectUri !== code.redirectUri) throw invalidGrant('Redirect URI does not match the authorization request');
        if (!verifier || pkceChallenge(verifier) !== code.codeChallenge) throw invalidGrant('Code verifier does not match the code challenge');
        code.used = true;
        return sendJson(ctx, 200, tokenResponse(state.mintTokens(code.user, clientId!, true, code.scopes)));
      }
      throw unsupportedGrantType(`Unsupported grant type: ${grantType}`);
    }
  }
  throw new AwsError(404, 'UnknownOperationException', 'Unknown operation');
}

/** The pages a browser visits: /authorize (PKCE), /device (device code). */
export function handleBrowser(ctx: Ctx, path: string): void {
  const { state } = ctx;
  const q = ctx.req.query;
  const sso = state.scenario.sso;
  if (path === '/authorize') {
    const client = state.clients.get(q.get('client_id') ?? '');
    if (!client || !client.grantTypes.includes('authorization_code')) return sendHtml(ctx, 400, 'Invalid client', '<p>The client_id is not registered for the authorization_code grant.</p>');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!redirectAllowed(client, redirectUri)) return sendHtml(ctx, 400, 'Invalid redirect_uri', `<p>${xmlEscape(redirectUri)} is not a registered redirect URI for this client.</p>`);
    const st = q.get('state') ?? '';
    if (q.get('response_type') !== 'code') return redirect(ctx, withParams(redirectUri, { error: 'unsupported_response_type', state: st }));
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return redirect(ctx, withParams(redirectUri, { error: 'invalid_request', error_description: 'code_challenge_method must be S256 with a 43-character code_challenge', state: st }));
    }
    const scopes = (q.get('scopes') ?? q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const user = state.userForStartUrl(client.issuerUrl) ?? sso.users[0];
    if (!user) return sendHtml(ctx, 400, 'No user', '<p>The scenario has no Identity Center user.</p>');
    const r = { clientId: client.clientId, redirectUri, state: st, codeChallenge: challenge, scopes, user };
    if (sso.autoApprove) return redirect(ctx, withParams(redirectUri, { code: issueCode(state, r), state: st }));
    const id = randomBytes(12).toString('hex');
    state.authorizationRequests.set(id, { id, ...r });
    return sendHtml(ctx, 200, 'Allow access?', `<p>${xmlEscape(client.clientName)} wants to access your AWS accounts as ${xmlEscape(user.userName)}.</p>\n<p><a id="allow" href="/authorize/allow?request=${id}">Allow access</a> · <a id="deny" href="/authorize/deny?request=${id}">Deny</a></p>`);
  }
  if (path === '/authorize/allow' || path === '/authorize/deny') {
    const r = state.authorizationRequests.get(q.get('request') ?? '');
    if (!r) return sendHtml(ctx, 400, 'Request expired', '<p>This authorization request is unknown or already answered.</p>');
    state.authorizationRequests.delete(r.id);
    if (path === '/authorize/deny') return redirect(ctx, withParams(r.redirectUri, { error: 'access_denied', state: r.state }));
    return redirect(ctx, withParams(r.redirectUri, { code: issueCode(state, r), state: r.state }));
  }
  if (path === '/device' || path === '/device/approve') {
    const userCode = q.get('user_code') ?? '';
    const d = [...state.deviceAuthorizations.values()].find((x) => x.userCode === userCode && !x.used);
    if (!d) return sendHtml(ctx, userCode ? 400 : 200, 'Authorize request', userCode ? '<p>Unknown or expired code.</p>' : '<p>Enter the code shown in your terminal.</p>');
    if (path === '/device/approve' || sso.autoApprove) {
      d.approved = true;
      return sendHtml(ctx, 200, 'Request approved', '<p>You can close this window and return to your terminal.</p>');
    }
    return sendHtml(ctx, 200, 'Authorize request', `<p>Code ${xmlEscape(userCode)} for ${xmlEscape(d.user.userName)}.</p>\n<p><a id="allow" href="/device/approve?user_code=${xmlEscape(userCode)}">Confirm and continue</a></p>`);
  }
  return sendHtml(ctx, 404, 'Not found', '');
}
