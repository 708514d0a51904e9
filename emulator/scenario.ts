// What a scenario is: plain data describing the AWS world the emulator plays (identities, regions, models, failures).
import { CLAUDE_MODELS, geosForRegion, profileId } from './catalog.js';

/** An IAM user or role session with static (or pre-issued temporary) keys. */
export interface Identity {
  accessKeyId: string;
  secretAccessKey: string;
  /** Required on every request when set (temporary credentials). */
  sessionToken?: string;
  account: string;
  arn: string;
  userId: string;
  /** Every signed request with these keys fails with ExpiredToken / ExpiredTokenException. */
  expired?: boolean;
}

/** A Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`, sent as `Authorization: Bearer`). */
export interface ApiKey {
  key: string;
  account: string;
  /** The IAM user the key belongs to (used in AccessDenied texts). */
  arn: string;
  expired?: boolean;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

/** A login session that exists before the emulator starts (e.g. a token cache a test or --sandbox wrote). */
export interface SeedSession {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken?: string;
  /** valid (default); expired: the access token is rejected, the refresh token works; revoked: both are rejected. */
  state?: 'valid' | 'expired' | 'revoked';
}

/** An IAM Identity Center user reachable through one start URL. */
export interface SsoUser {
  userName: string;
  startUrl: string;
  /** The Identity Center (sso_region) region. */
  region: string;
  accounts: SsoAccount[];
  sessions?: SeedSession[];
}

export interface SsoSettings {
  users: SsoUser[];
  /** Device codes and /authorize requests are approved without a (simulated) browser click. */
  autoApprove: boolean;
  /** Access-token lifetime for clients registered with refresh (sso-session with scopes, or PKCE) and without. */
  accessTokenTtlSeconds: number;
  legacyAccessTokenTtlSeconds: number;
  roleCredentialsTtlSeconds: number;
  deviceCodeTtlSeconds: number;
  pollIntervalSeconds: number;
}

/** An IAM deny: principal (glob on ARN), action (glob, e.g. `bedrock:Invoke*`), resource (glob on ARN or ID). */
export interface DenyRule {
  principal?: string;
  action: string;
  resource?: string;
  /** Word the denial as a service-control-policy deny instead of a missing identity-based allow. */
  scp?: boolean;
}

export interface ErrorSpec {
  status: number;
  code: string;
  message: string;
}

/** A failure switch: matching requests fail (or hang) the first `times` times (always when unset). */
export interface Fault {
  service?: 'sts' | 'sso' | 'sso-oidc' | 'bedrock' | 'bedrock-runtime';
  /** Operation name(s), e.g. `InvokeModelWithResponseStream`. */
  operation?: string | string[];
  region?: string;
  /** Glob on the model ID or profile ID in the path. */
  model?: string;
  times?: number;
  /**
   * `hang`: accept the request and never answer. The others answer as usual, but: `drip` sends the response one byte
   * every `dripMs` (no idle timeout ever fires); `truncate` sends half of it and closes the connection; `corrupt`
   * sends bytes that cannot be read (an event-stream frame with a bad checksum, or garbage instead of JSON/XML).
   */
  error: ErrorSpec | 'hang' | 'drip' | 'truncate' | 'corrupt';
  /** For `drip`: milliseconds between bytes (default 100). */
  dripMs?: number;
  /** For streaming operations: start the stream, then send the error as an event-stream exception. */
  inStream?: boolean;
}

export interface RegionSpec {
  /** System-defined inference profile IDs served here (default: every Claude profile whose geography covers the region). */
  profiles?: string[];
  latencyMs?: number;
  /** Accepts connections and never answers. */
  dead?: boolean;
}

export interface ApplicationProfile {
  region: string;
  account: string;
  /** The 12-character ID in `application-inference-profile/<id>`. */
  id: string;
  name: string;
  /** The system-defined profile (or foundation model) it copies. */
  source: string;
}

export interface Scenario {
  name: string;
  description: string;
  /** Region for requests that carry none (Bearer auth without a `/region/<r>` path prefix). */
  defaultRegion: string;
  identities: Identity[];
  apiKeys: ApiKey[];
  sso: SsoSettings;
  /** Regions where Bedrock serves Claude. Other regions answer with no Claude models. */
  regions: Record<string, RegionSpec>;
  applicationProfiles: ApplicationProfile[];
  /** Foundation model IDs (globs) whose access has not been granted in the account. */
  modelAccessNotGranted: string[];
  deny: DenyRule[];
  faults: Fault[];
  /** Added to every response (a region's own latencyMs wins). */
  latencyMs: number;
  /** The assistant's answer; the default names the model and region. */
  reply?: string;
  /** Check SigV4 signatures byte for byte (default true). */
  verifySignatures: boolean;
}

/** System-defined profile IDs callable from a region, from the catalog. */
export function defaultProfilesFor(region: string): string[] {
  const geos = geosForRegion(region);
  const ids: string[] = [];
  for (const m of CLAUDE_MODELS) for (const g of m.geos) if (geos.includes(g)) ids.push(profileId(g, m.id));
  return ids;
}

/** `{ region: {} }` for each region: each serves every Claude profile its geography allows. */
export function claudeRegions(regions: string[], spec: RegionSpec = {}): Record<string, RegionSpec> {
  return Object.fromEntries(regions.map((r) => [r, { ...spec }]));
}

/** Glob match with `*` only (case-sensitive, whole string). */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(value);
}

export const DEFAULT_SSO: SsoSettings = {
  users: [],
  autoApprove: true,
  accessTokenTtlSeconds: 3600,
  legacyAccessTokenTtlSeconds: 8 * 3600,
  roleCredentialsTtlSeconds: 3600,
  deviceCodeTtlSeconds: 600,
  pollIntervalSeconds: 1,
};

export type ScenarioInput = Omit<Partial<Scenario>, 'sso'> & { name: string; sso?: Partial<SsoSettings> };

/** Fill in the optional parts so a scenario written as a partial object is complete. */
export function completeScenario(s: ScenarioInput): Scenario {
  return {
    description: '',
    defaultRegion: 'us-east-1',
    identities: [],
    apiKeys: [],
    regions: {},
    applicationProfiles: [],
    modelAccessNotGranted: [],
    deny: [],
    faults: [],
    latencyMs: 0,
    verifySignatures: true,
    ...s,
    sso: { ...DEFAULT_SSO, ...(s.sso ?? {}) },
  };
}
