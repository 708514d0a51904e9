// The online part of `status`: who the credentials Claude Code would use belong to (STS), and the expiry clocks.
// Loaded only by `status` without --offline; the SDK itself is loaded lazily by api.ts.
import type { Deps } from '../deps.js';
import { CliError } from '../errors.js';
import type { ResolvedAuth } from '../core/claude-settings/effective.js';
import { createAwsApi } from './api.js';
import { knownSecrets, networkLines } from './command-support.js';
import { apiKeyClockInput, computeClocks, readClockInputs, type Clock } from './clocks.js';
import { onlineContext } from './context.js';
import { describeSource, type AwsProfileData, type ResolvedCredentials } from './credentials.js';
import { toFailure, type Failure } from './failure.js';
import { withTimeout } from './pool.js';

export interface OnlineFields {
  offline: false;
  /** When the clocks were read (ISO). */
  checkedAt: string;
  /** Whose credentials were checked ("profile dev", "the credentials in the environment", ...). */
  checked: string | null;
  identity: { account: string; arn: string; userId: string } | null;
  identityError: Failure | null;
  credentialKind: string | null;
  clocks: Clock[];
  /** What changes the network path to AWS: proxy (credentials stripped), CA bundles, endpoint overrides. */
  network: string[];
}

const ONLINE_TIMEOUT_MS = 15_000;

/** Extend the offline status report with identity and clocks. Never throws for an AWS problem: it is reported. */
export async function addOnlineStatus<R extends { auth: ResolvedAuth; offline: boolean }>(deps: Deps, report: R, flags: { profile?: string; region?: string } = {}): Promise<Omit<R, 'offline'> & OnlineFields> {
  let ctx;
  try {
    ctx = onlineContext(deps, flags);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { ...report, offline: false, checkedAt: deps.now().toISOString(), checked: null, identity: null, identityError: toFailure(e), credentialKind: null, clocks: [], network: [] };
  }
  const secrets = knownSecrets(ctx.deps.env);
  const profile = ctx.source.kind === 'profile' ? ctx.source.profile : null;
  const api = createAwsApi(ctx.deps, { settings: { requestTimeoutMs: 5_000, maxAttempts: 2 }, warm: ['sts'] });
  let identity: OnlineFields['identity'] = null;
  let identityError: Failure | null = null;
  let creds: ResolvedCredentials | null = null;
  let data: AwsProfileData | null = null;
  try {
    data = await api.profileData().catch(() => null);
    if (ctx.source.kind !== 'bearer') {
      try {
        creds = await withTimeout(api.credentials(ctx.source), ONLINE_TIMEOUT_MS, `credentials for ${describeSource(ctx.source)}`);
        identity = await api.callerIdentity(ctx.source, ctx.region.value, { timeoutMs: ONLINE_TIMEOUT_MS });
      } catch (e) {
        identityError = toFailure(e, { ...(profile ? { profile } : {}), region: ctx.region.value, secrets });
      }
    }
  } finally {
    api.close();
  }
  const clocks = computeClocks(
    {
      kind: ctx.source.kind === 'bearer' ? 'bearer' : creds?.kind ?? null,
      profile,
      ...(creds?.expiration ? { roleExpiration: creds.expiration } : {}),
      ...readClockInputs(ctx.deps, data, profile),
      ...(ctx.source.kind === 'bearer' ? { apiKey: apiKeyClockInput(ctx.deps.env.AWS_BEARER_TOKEN_BEDROCK) } : {}),
      awsAuthRefresh: report.auth.awsAuthRefresh,
    },
    deps.now(),
  );
  return {
    ...report,
    offline: false,
    auth: {
      ...report.auth,
      roleCredentialsExpireAt: clocks.roleCredentialsExpireAt,
      accessTokenExpiresAt: clocks.accessTokenExpiresAt,
      registrationExpiresAt: clocks.registrationExpiresAt,
      refreshable: clocks.refreshable ?? report.auth.refreshable,
    },
    checkedAt: deps.now().toISOString(),
    checked: describeSource(ctx.source),
    identity,
    identityError,
    credentialKind: ctx.source.kind === 'bearer' ? 'bearer-token' : creds?.kind ?? null,
    clocks: clocks.clocks,
    network: networkLines(api.network),
  };
}
