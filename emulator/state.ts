// The emulator's mutable world: the scenario, credentials and tokens it issued, OAuth clients, the call log.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Fault, Identity, Scenario, SeedSession, SsoUser } from './scenario.js';

export type ServiceName = 'sts' | 'sso' | 'sso-oidc' | 'bedrock' | 'bedrock-runtime' | 'emulator' | 'browser' | 'unknown';

export interface CallRecord {
  /** Epoch ms when the request arrived. */
  time: number;
  /** Epoch ms when the exchange ended (answered, or the caller went away); unset while it is open. */
  ended?: number;
  service: ServiceName;
  operation: string;
  region?: string;
  method: string;
  /** Path as sent (percent-encoded), without the query string. */
  path: string;
  /** HTTP status, 0 while unanswered (or forever, for a dead region). */
  status: number;
  /** AWS error code when the call failed. */
  errorCode?: string;
  auth: 'sigv4' | 'bearer' | 'sso-token' | 'none';
  /** The caller's ARN when known (never a secret). */
  principal?: string;
  /** Model or inference-profile ID (decoded) for Bedrock Runtime calls and model lookups. */
  modelId?: string;
  requestId: string;
}

export interface IssuedCredentials extends Identity {
  /** Epoch ms. */
  expiresAt: number;
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  grantTypes: string[];
  redirectUris: string[];
  scopes: string[];
  issuerUrl?: string;
  expiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  user: SsoUser;
  expiresAt: number;
  approved: boolean;
  used: boolean;
}

export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
  user: SsoUser;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  user: SsoUser;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface AccessTokenRecord {
  user: SsoUser;
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  user: SsoUser;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

/** What an SSO token-cache file needs; returned by `issueSsoToken`. */
export interface SsoTokenGrant {
  startUrl: string;
  region: string;
  accessToken: string;
  /** ISO 8601, `YYYY-MM-DDTHH:MM:SSZ`. */
  expiresAt: string;
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomId(prefix: string, length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (let i = 0; s.length < length; i++) s += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return s;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class EmulatorState {
  scenario: Scenario;
  readonly calls: CallRecord[] = [];
  readonly credentials = new Map<string, IssuedCredentials>();
  readonly clients = new Map<string, OidcClient>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  readonly authorizationRequests = new Map<string, AuthorizationRequest>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Seeded refresh tokens that have been rotated away (single use, like the real service). */
  readonly usedSeedRefreshTokens = new Set<string>();
  /** Seeded access tokens ended by a refresh or a Logout. */
  readonly revokedSeedAccess = new Set<string>();
  readonly faultHits = new WeakMap<Fault, number>();
  latencyOverride: { all?: number; regions: Record<string, number> } = { regions: {} };
  url = '';

  constructor(scenario: Scenario, readonly now: () => number) {
    this.scenario = scenario;
  }

  /** The first matching fault that still has hits left (counting the hit). */
  takeFault(match: { service: string; operation: string; region?: string; model?: string }, globMatch: (p: string, v: string) => boolean): Fault | undefined {
    for (const f of this.scenario.faults) {
      if (f.service && f.service !== match.service) continue;
      if (f.operation && !(Array.isArray(f.operation) ? f.operation : [f.operation]).includes(match.operation)) continue;
      if (f.region && f.region !== match.region) continue;
      if (f.model && !(match.model && globMatch(f.model, match.model))) continue;
      const hits = this.faultHits.get(f) ?? 0;
      if (f.times !== undefined && hits >= f.times) continue;
      this.faultHits.set(f, hits + 1);
      return f;
    }
    return undefined;
  }

  latencyFor(region: string | undefined): number {
    if (region && this.latencyOverride.regions[region] !== undefined) return this.latencyOverride.regions[region]!;
    if (this.latencyOverride.all !== undefined) return this.latencyOverride.all;
    const spec = region ? this.scenario.regions[region] : undefined;
    return spec?.latencyMs ?? this.scenario.latencyMs;
  }

  /** Static identity, or credentials the emulator issued (SSO role credentials, AssumeRole). */
  findIdentity(accessKeyId: string): { identity: Identity; expiresAt?: number } | undefined {
    const stat = this.scenario.identities.find((i) => i.accessKeyId === accessKeyId);
    if (stat) return { identity: stat };
    const issued = this.credentials.get(accessKeyId);
    return issued ? { identity: issued, expiresAt: issued.expiresAt } : undefined;
  }

  issueCredentials(account: string, arn: string, userId: string, ttlSeconds: number): IssuedCredentials {
    const c: IssuedCredentials = {
      accessKeyId: randomId('ASIA', 20),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: 'IQoJb3JpZ2luX2VjE' + randomBytes(96).toString('base64'),
      account,
      arn,
      userId,
      expiresAt: this.now() + ttlSeconds * 1000,
    };
    this.credentials.set(c.accessKeyId, c);
    return c;
  }

  userForStartUrl(startUrl: string | undefined): SsoUser | undefined {
    const users = this.scenario.sso.users;
    if (!startUrl) return users[0];
    const norm = (u: string) => u.replace(/\/+$/, '').replace(/#.*$/, '');
    return users.find((u) => norm(u.startUrl) === norm(startUrl));
  }

  /** A seeded (pre-existing) session holding this access or refresh token. */
  seedSession(field: 'accessToken' | 'refreshToken', token: string): { user: SsoUser; session: SeedSession } | undefined {
    for (const user of this.scenario.sso.users) {
      for (const session of user.sessions ?? []) if (session[field] === token) return { user, session };
    }
    return undefined;
  }

  /** Who an SSO access token belongs to, or why it is rejected. */
  checkAccessToken(token: string): SsoUser | 'invalid' {
    const rec = this.accessTokens.get(token);
    if (rec) return rec.revoked || rec.expiresAt <= this.now() ? 'invalid' : rec.user;
    const seed = this.seedSession('accessToken', token);
    if (seed && (seed.session.state ?? 'valid') === 'valid' && !this.revokedSeedAccess.has(token)) return seed.user;
    return 'invalid';
  }
  registerClient(c: Omit<OidcClient, 'clientId' | 'clientSecret' | 'expiresAt'>): OidcClient {
    const client: OidcClient = {
      ...c,
      clientId: randomId('emuClient', 22, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      clientSecret: 'eyJraWQiOiJlbXUi' + randomBytes(48).toString('base64url'),
      expiresAt: this.now() + 90 * 86400_000,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** Mint an access token (and a refresh token when the client may refresh). */
  mintTokens(user: SsoUser, clientId: string, refreshable: boolean, scopes: string[]): { accessToken: string; refreshToken?: string; expiresIn: number } {
    const sso = this.scenario.sso;
    const expiresIn = refreshable ? sso.accessTokenTtlSeconds : sso.legacyAccessTokenTtlSeconds;
    const accessToken = 'aoa' + randomBytes(48).toString('base64url');
    this.accessTokens.set(accessToken, { user, clientId, expiresAt: this.now() + expiresIn * 1000, revoked: false });
    let refreshToken: string | undefined;
    if (refreshable) {
      refreshToken = 'aor' + randomBytes(48).toString('base64url');
      this.refreshTokens.set(refreshToken, { user, clientId, scopes, revoked: false });
    }
    return { accessToken, refreshToken, expiresIn };
  }

  /** A logged-in SSO session, as if `aws sso login` had just run (for tests and --sandbox token caches). */
  issueSsoToken(opts: { startUrl?: string; refreshable?: boolean; expiresInSeconds?: number } = {}): SsoTokenGrant {
    const user = this.userForStartUrl(opts.startUrl);
    if (!user) throw new Error(`The scenario has no SSO user for start URL ${opts.startUrl ?? '(any)'}.`);
    const refreshable = opts.refreshable ?? true;
    const client = this.registerClient({
      clientName: 'emulator-seed',
      grantTypes: refreshable ? ['authorization_code', 'refresh_token'] : [],
      redirectUris: refreshable ? ['http://127.0.0.1/oauth/callback'] : [],
      scopes: refreshable ? ['sso:account:access'] : [],
      issuerUrl: user.startUrl,
    });
    const t = this.mintTokens(user, client.clientId, refreshable, client.scopes);
    if (opts.expiresInSeconds !== undefined) this.accessTokens.get(t.accessToken)!.expiresAt = this.now() + opts.expiresInSeconds * 1000;
    return {
      startUrl: user.startUrl,
      region: user.region,
      accessToken: t.accessToken,
      expiresAt: isoSeconds(this.accessTokens.get(t.accessToken)!.expiresAt),
      ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: isoSeconds(client.expiresAt),
    };
  }

  newRequestId(): string {
    return randomUUID();
  }
}

/** base64url(sha256(verifier)) without padding: the PKCE S256 challenge. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
