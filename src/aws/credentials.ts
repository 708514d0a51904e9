// Credentials for every kind of profile (static, SSO, assume-role chains, credential_process, aws login, web identity,
// environment), resolved once per profile with the SDK's own file parser, never interactively, and every failure
// turned into an error that names the profile and the exact next command.
import fs from 'node:fs';
import type { Deps } from '../deps.js';
import { AuthError, CliError } from '../errors.js';
import { awsConfigFile, awsCredentialsFile } from '../core/paths.js';
import { scrubSecrets } from '../core/redact.js';
import { ssoLoginCommand } from '../core/diagnosis/catalog.js';
import { shellWord } from '../core/sso/target.js';
import { isFresh } from '../core/sso/cache-format.js';
import type { AwsIdentity, ClientFactory } from './clients.js';
import { runCredentialProcess } from './credential-process.js';
import { readLoginToken, readSsoToken } from './sso-cache-read.js';
import { withTimeout } from './pool.js';
import { loadSdk } from './sdk.js';

/** Whose credentials a call uses. `env` = AWS_ACCESS_KEY_ID… (or web identity) in the environment; `bearer` = a Bedrock API key. */
export type AuthSource = { kind: 'profile'; profile: string } | { kind: 'env' } | { kind: 'bearer' } | { kind: 'export'; command: string };

export type CredentialKind =
  | 'static' | 'env' | 'sso-session' | 'sso-legacy' | 'assume-role' | 'credential-process' | 'credential-export' | 'login' | 'web-identity' | 'container' | 'instance-metadata';

export interface ResolvedCredentials extends AwsIdentity {
  kind: CredentialKind;
  /** Profiles walked to get them, the requested one first. */
  chain: string[];
  accountId?: string;
}

type Section = Record<string, string | undefined>;

export interface AwsProfileData {
  configFile: string;
  credentialsFile: string;
  profiles: Record<string, Section>;
  ssoSessions: Record<string, Section>;
}

export function sourceKey(s: AuthSource): string {
  return s.kind === 'profile' ? `profile:${s.profile}` : s.kind;
}

export function describeSource(s: AuthSource): string {
  return s.kind === 'profile' ? `profile ${s.profile}` : s.kind === 'env' ? 'the credentials in the environment' : s.kind === 'export' ? 'the awsCredentialExport command' : 'the Bedrock API key';
}

/**
 * The source Claude Code's SDK would use: a Bedrock API key wins; then AWS_PROFILE; then keys in the environment;
 * then the profile `default`. (The JS SDK skips environment keys when a profile is named.)
 */
export function defaultAuthSource(env: Readonly<Record<string, string | undefined>>, profile?: string): AuthSource {
  if (profile) return { kind: 'profile', profile };
  if (env.AWS_BEARER_TOKEN_BEDROCK) return { kind: 'bearer' };
  if (env.AWS_PROFILE) return { kind: 'profile', profile: env.AWS_PROFILE };
  if ((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)) return { kind: 'env' };
  return { kind: 'profile', profile: 'default' };
}

/** Read ~/.aws/config and ~/.aws/credentials the way the JS SDK (and so Claude Code) reads them. */
export async function loadProfileData(deps: Deps): Promise<AwsProfileData> {
  const { parseKnownFiles, loadSsoSessionData } = await loadSdk('@smithy/core/config');
  const home = deps.home();
  const configFile = awsConfigFile(deps.env, home);
  const credentialsFile = awsCredentialsFile(deps.env, home);
  const profiles = (await parseKnownFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true })) as Record<string, Section>;
  const ssoSessions = (await loadSsoSessionData({ configFilepath: configFile })) as Record<string, Section>;
  return { configFile, credentialsFile, profiles, ssoSessions };
}

export interface CredentialResolver {
  /** Resolve (once; again only after they expire) the credentials of a profile or of the environment. */
  resolve(source: AuthSource): Promise<ResolvedCredentials>;
  /** A provider for SDK clients, backed by `resolve`. */
  provider(source: AuthSource): () => Promise<AwsIdentity>;
  profileData(): Promise<AwsProfileData>;
}

const REFRESH_MARGIN_MS = 60_000;

export function createCredentialResolver(deps: Deps, factory: ClientFactory, opts: { timeoutMs?: number } = {}): CredentialResolver {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let data: Promise<AwsProfileData> | undefined;
  const profileData = () => (data ??= loadProfileData(deps));
  const cache = new Map<string, Promise<ResolvedCredentials>>();

  async function resolveFresh(source: AuthSource): Promise<ResolvedCredentials> {
    if (source.kind === 'bearer') {
      throw new CliError({ what: 'A Bedrock API key has no AWS credentials.', why: 'It authenticates Bedrock calls only; STS and SSO need a profile.', next: 'claude-bedrock status --profile <profile>', code: 'bearer-only' });
    }
    if (source.kind === 'env') return fromEnvironment();
    if (source.kind === 'export') {
      const c = await runCredentialProcess('awsCredentialExport', source.command, { env: deps.env, cwd: deps.cwd, timeoutMs: factory.settings.processTimeoutMs, now: deps.now, platform: deps.platform, format: 'export' });
      return { ...c, kind: 'credential-export', chain: [] };
    }
    const d = await profileData();
    return fromProfile(d, source.profile, []);
  }

  async function fromEnvironment(): Promise<ResolvedCredentials> {
    const e = deps.env;
    if (e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY) {
      const exp = e.AWS_CREDENTIAL_EXPIRATION ? new Date(e.AWS_CREDENTIAL_EXPIRATION) : undefined;
      if (exp && !Number.isNaN(exp.getTime()) && exp.getTime() <= deps.now().getTime()) {
        throw new AuthError({
          what: `The credentials in the environment expired at ${exp.toISOString()} (AWS_CREDENTIAL_EXPIRATION).`,
          why: 'They are temporary credentials exported by another tool.',
          next: 'refresh them with the tool that exported them, or unset AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN and use a profile',
          code: 'credentials-expired',
        });
      }
      return {
        kind: 'env',
        chain: [],
        accessKeyId: e.AWS_ACCESS_KEY_ID,
        secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
        ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}),
        ...(exp && !Number.isNaN(exp.getTime()) ? { expiration: exp } : {}),
        ...(e.AWS_ACCOUNT_ID ? { accountId: e.AWS_ACCOUNT_ID } : {}),
      };
    }
    if (e.AWS_WEB_IDENTITY_TOKEN_FILE && e.AWS_ROLE_ARN) {
      return webIdentity('environment', e.AWS_WEB_IDENTITY_TOKEN_FILE, e.AWS_ROLE_ARN, e.AWS_ROLE_SESSION_NAME, e.AWS_REGION ?? e.AWS_DEFAULT_REGION, []);
    }
    throw new CliError({
      what: 'No AWS credentials in the environment.',
      why: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.',
      next: 'claude-bedrock profiles  # then pass --profile <name>',
      code: 'no-credentials',
    });
  }

  async function fromProfile(d: AwsProfileData, name: string, visited: string[]): Promise<ResolvedCredentials> {
    const p = d.profiles[name];
    const chain = [...visited, name];
    if (!p) {
      const via = visited.length ? ` (source_profile of ${visited[visited.length - 1]})` : '';
      throw new CliError({
        what: `AWS profile ${name}${via} not found in ${d.configFile} or ${d.credentialsFile}.`,
        why: 'Profile names are case-sensitive; AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE change where they are read from.',
        next: 'claude-bedrock profiles',
        code: 'profile-not-found',
      });
    }
    // The JS SDK's order (credential-provider-ini resolveProfileData).
    if (visited.length && p.aws_access_key_id && p.aws_secret_access_key) return staticCreds(p, chain);
    if (p.role_arn && (p.source_profile !== undefined) !== (p.credential_source !== undefined)) return assumeRole(d, name, p, visited);
    if (p.aws_access_key_id && p.aws_secret_access_key) return staticCreds(p, chain);
    if (p.web_identity_token_file && p.role_arn) return webIdentity(name, p.web_identity_token_file, p.role_arn, p.role_session_name, p.region, chain);
    if (p.credential_process) {
      const c = await runCredentialProcess(name, p.credential_process, { env: deps.env, cwd: deps.cwd, timeoutMs: factory.settings.processTimeoutMs, now: deps.now, platform: deps.platform });
      return { ...c, kind: 'credential-process', chain, ...(c.accountId ?? p.aws_account_id ? { accountId: c.accountId ?? p.aws_account_id } : {}) };
    }
    if (p.sso_session || p.sso_start_url || p.sso_account_id || p.sso_role_name || p.sso_region) return sso(d, name, p, chain);
    if (p.login_session) return login(d, name, p, chain);
    if (p.role_arn && p.source_profile !== undefined && p.credential_source !== undefined) {
      throw new CliError({ what: `Profile ${name} sets both source_profile and credential_source.`, why: 'AWS allows only one source for role_arn.', next: `remove one of them from [profile ${name}] in ${d.configFile}`, code: 'config-error' });
    }
    throw new CliError({
      what: `Profile ${name} has no credentials.`,
      why: 'It has no access keys, SSO settings, role_arn, credential_process, web identity or login_session (a region alone is not enough).',
      next: `claude-bedrock sso add --profile ${shellWord(name)}  # or: aws configure --profile ${shellWord(name)}`,
      code: 'no-credentials',
    });
  }

  function staticCreds(p: Section, chain: string[]): ResolvedCredentials {
    return {
      kind: 'static',
      chain,
      accessKeyId: p.aws_access_key_id!,
      secretAccessKey: p.aws_secret_access_key!,
      ...(p.aws_session_token ? { sessionToken: p.aws_session_token } : {}),
      ...(p.aws_account_id ? { accountId: p.aws_account_id } : {}),
    };
  }

  async function assumeRole(d: AwsProfileData, name: string, p: Section, visited: string[]): Promise<ResolvedCredentials> {
    const chain = [...visited, name];
    if (p.mfa_serial) {
      throw new CliError({
        what: `Profile ${name} needs an MFA code (mfa_serial) to assume ${p.role_arn}.`,
        why: 'Neither claude-bedrock nor Claude Code can prompt for a code in the middle of a request.',
        next: `get session credentials first (aws sts get-session-token --serial-number ${shellWord(String(p.mfa_serial))} --token-code <code>) or give Claude Code "awsCredentialExport": "aws configure export-credentials --profile ${shellWord(name)} --format process"`,
        code: 'mfa-required',
      });
    }
    let source: ResolvedCredentials;
    if (p.source_profile !== undefined) {
      if (chain.includes(p.source_profile) && !(p.source_profile === name && d.profiles[name]?.aws_access_key_id)) {
        throw new CliError({
          what: `Profile ${name} has a source_profile cycle: ${[...chain, p.source_profile].join(' → ')}.`,
          why: 'Each profile in an assume-role chain must lead to credentials, not back to itself.',
          next: `fix source_profile in [profile ${name}] of ${d.configFile}`,
          code: 'config-error',
        });
      }
      // A profile may name itself as source when it also holds keys (the SDK allows this).
      source = p.source_profile === name ? staticCreds(d.profiles[name]!, chain) : await fromProfile(d, p.source_profile, chain);
    } else {
      source = await credentialSource(name, p.credential_source!, chain);
    }
    const region = p.region ?? d.profiles[source.chain.at(-1) ?? '']?.region ?? 'us-east-1';
    const sts = await factory.stsModule();
    const client = await factory.sts(region, { kind: 'sigv4', key: `assume-source:${chain.join('>')}`, credentials: async () => source });
    const r = await client.send(
      new sts.AssumeRoleCommand({
        RoleArn: p.role_arn!,
        RoleSessionName: p.role_session_name || `claude-bedrock-${deps.now().getTime()}`,
        ...(p.external_id ? { ExternalId: p.external_id } : {}),
        DurationSeconds: Number.parseInt(p.duration_seconds || '3600', 10),
      }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CliError({ what: `STS AssumeRole for profile ${name} returned no credentials.`, next: `aws sts assume-role --role-arn ${shellWord(String(p.role_arn))} --role-session-name test --profile ${shellWord(p.source_profile ?? name)}`, code: 'malformed-response' });
    const accountId = p.role_arn!.split(':')[4];
    return {
      kind: 'assume-role',
      chain: [name, ...source.chain.filter((x) => x !== name)],
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
      ...(accountId ? { accountId } : {}),
    };
  }

  async function credentialSource(name: string, src: string, chain: string[]): Promise<ResolvedCredentials> {
    if (src === 'Environment') {
      const e = await fromEnvironment();
      return { ...e, chain };
    }
    if (src === 'Ec2InstanceMetadata' || src === 'EcsContainer') {
      const providers = await loadSdk('@aws-sdk/credential-providers');
      const provider = src === 'Ec2InstanceMetadata' ? providers.fromInstanceMetadata({ timeout: 1000, maxRetries: 0 }) : providers.fromContainerMetadata({ timeout: 1000, maxRetries: 0 });
      try {
        const c = await withTimeout(provider(), 3_000, `the ${src} credential source`);
        return { ...c, kind: src === 'Ec2InstanceMetadata' ? 'instance-metadata' : 'container', chain };
      } catch (e) {
        throw new CliError({
          what: `Profile ${name} takes credentials from ${src}, which did not answer: ${scrubSecrets((e as Error).message)}.`,
          why: src === 'Ec2InstanceMetadata' ? 'Only an EC2 instance (with an instance role) has a metadata service.' : 'Only an ECS task (with a task role) has a container credentials endpoint.',
          next: `use this profile on that machine, or change credential_source in [profile ${name}]`,
          code: 'no-credentials',
        });
      }
    }
    throw new CliError({ what: `Profile ${name} has credential_source = ${src}.`, why: 'It must be Environment, Ec2InstanceMetadata or EcsContainer.', next: `fix credential_source in [profile ${name}]`, code: 'config-error' });
  }

  async function webIdentity(name: string, tokenFile: string, roleArn: string, sessionName: string | undefined, region: string | undefined, chain: string[]): Promise<ResolvedCredentials> {
    let token: string;
    try {
      token = fs.readFileSync(tokenFile, 'ascii');
    } catch (e) {
      throw new CliError({ what: `Cannot read the web identity token file ${tokenFile} (${name}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, why: 'web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE) must name a readable OIDC token.', next: `ls -l ${tokenFile}`, code: 'no-credentials' });
    }
    const sts = await factory.stsModule();
    // AssumeRoleWithWebIdentity is an unsigned call: the credential provider below is never asked.
    const client = await factory.sts(region ?? 'us-east-1', { kind: 'sigv4', key: 'anonymous', credentials: async () => ({ accessKeyId: '', secretAccessKey: '' }) });
    const r = await client.send(
      new sts.AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: sessionName || `claude-bedrock-${deps.now().getTime()}`, WebIdentityToken: token.trim() }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CliError({ what: `STS AssumeRoleWithWebIdentity for ${name} returned no credentials.`, code: 'malformed-response' });
    return {
      kind: 'web-identity',
      chain,
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
      ...(roleArn.split(':')[4] ? { accountId: roleArn.split(':')[4] } : {}),
    };
  }

  async function sso(d: AwsProfileData, name: string, p: Section, chain: string[]): Promise<ResolvedCredentials> {
    const sessionName = p.sso_session;
    const session = sessionName ? d.ssoSessions[sessionName] : undefined;
    if (sessionName && !session) {
      throw new CliError({ what: `Profile ${name} uses sso_session = ${sessionName}, but there is no [sso-session ${sessionName}] in ${d.configFile}.`, next: `claude-bedrock sso add --profile ${shellWord(name)}  # or add the [sso-session ${sessionName}] section`, code: 'config-error' });
    }
    const startUrl = session?.sso_start_url ?? p.sso_start_url;
    const ssoRegion = session?.sso_region ?? p.sso_region;
    const missing = [
      ...(!startUrl ? ['sso_start_url'] : []),
      ...(!ssoRegion ? ['sso_region'] : []),
      ...(!p.sso_account_id ? ['sso_account_id'] : []),
      ...(!p.sso_role_name ? ['sso_role_name'] : []),
    ];
    if (missing.length) {
      throw new CliError({
        what: `Profile ${name} is an SSO profile without ${missing.join(', ')}.`,
        why: 'Role credentials need the start URL and SSO region (in the profile or its [sso-session]) plus an account and a role.',
        next: `claude-bedrock sso add --profile ${shellWord(name)}`,
        code: 'config-error',
      });
    }
    if (sessionName && (p.sso_region && p.sso_region !== ssoRegion || p.sso_start_url && p.sso_start_url !== startUrl)) {
      throw new CliError({ what: `Profile ${name} and [sso-session ${sessionName}] disagree on ${p.sso_region && p.sso_region !== ssoRegion ? 'sso_region' : 'sso_start_url'}.`, why: 'The SDKs refuse conflicting values.', next: `remove sso_start_url / sso_region from [profile ${name}] (claude-bedrock sso migrate)`, code: 'config-error' });
    }
    const key = sessionName ?? startUrl!;
    const tok = readSsoToken(deps.home(), key);
    const login = ssoLoginCommand(name);
    const kind: CredentialKind = sessionName ? 'sso-session' : 'sso-legacy';
    if (!tok.exists || tok.invalid) {
      throw new AuthError({
        what: `Profile ${name} is not logged in to IAM Identity Center${tok.invalid ? ` (the cached token is unusable: ${tok.invalid})` : ''}.`,
        why: `No SSO token for ${sessionName ? `sso-session ${sessionName}` : startUrl} in ~/.aws/sso/cache.`,
        next: login,
        code: 'sso-login-needed',
      });
    }
    const now = deps.now().getTime();
    const expired = !tok.accessTokenExpiresAt || tok.accessTokenExpiresAt.getTime() <= now;
    const canRefresh = kind === 'sso-session' && tok.refreshable;
    if (expired && !canRefresh) {
      throw new AuthError({
        what: `The SSO session of profile ${name} expired at ${tok.accessTokenExpiresAt?.toISOString() ?? '(unknown)'}.`,
        why: kind === 'sso-legacy' ? 'Legacy SSO profiles (sso_start_url in the profile) get no refresh token, so they need a new login about every 8 hours.' : 'The cached token has no refresh token, so it cannot be renewed silently.',
        next: login,
        code: 'sso-expired',
      });
    }
    if (canRefresh && tok.accessTokenExpiresAt && !isFresh(tok.accessTokenExpiresAt, deps.now())) {
      // Refresh tokens rotate: refresh under claude-bedrock's single-flight lock (shared with `login`) so that
      // concurrent callers spend the refresh token once; the SDK then finds a fresh token and does not refresh.
      const { ensureFreshToken } = await import('./sso/login.js');
      try {
        await ensureFreshToken(deps, { profile: name, sessionName: sessionName!, startUrl: startUrl!, region: ssoRegion!, scopes: null });
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw classifySsoError(e, name, login, !!expired);
      }
    }
    const providers = await loadSdk('@aws-sdk/credential-providers');
    const provider = providers.fromSSO({
      profile: name,
      filepath: d.credentialsFile,
      configFilepath: d.configFile,
      clientConfig: { requestHandler: await factory.handler(), maxAttempts: factory.settings.maxAttempts } as any,
    });
    try {
      const c = await withTimeout(provider(), timeoutMs, `IAM Identity Center (profile ${name})`);
      return { ...c, kind, chain, ...(c.accountId ?? p.sso_account_id ? { accountId: c.accountId ?? p.sso_account_id } : {}) };
    } catch (e) {
      throw classifySsoError(e, name, login, !!expired);
    }
  }

  async function login(d: AwsProfileData, name: string, p: Section, chain: string[]): Promise<ResolvedCredentials> {
    const tok = readLoginToken(deps.env, deps.home(), p.login_session!);
    const next = `aws login --profile ${shellWord(name)}`;
    if (!tok.exists || tok.invalid) {
      throw new AuthError({ what: `Profile ${name} has no aws login session on this machine${tok.invalid ? ` (the cache file is unusable: ${tok.invalid})` : ''}.`, why: `No cached login for ${p.login_session} in ${tok.file}.`, next, code: 'login-needed' });
    }
    const providers = await loadSdk('@aws-sdk/credential-providers');
    const provider = providers.fromLoginCredentials({ profile: name, filepath: d.credentialsFile, configFilepath: d.configFile, clientConfig: { requestHandler: await factory.handler() } as any } as any);
    try {
      const c = await withTimeout(provider(), timeoutMs, `the aws login session (profile ${name})`);
      return { ...c, kind: 'login', chain, ...(c.accountId ? { accountId: c.accountId } : {}) };
    } catch (e) {
      if (isNetworkish(e)) throw e;
      throw new AuthError({ what: `The aws login session of profile ${name} cannot give credentials: ${scrubSecrets((e as Error).message)}`, why: 'aws login sessions last up to 12 hours; after that a new login is needed.', next, code: 'login-expired' });
    }
  }

  function resolve(source: AuthSource): Promise<ResolvedCredentials> {
    const key = sourceKey(source);
    const hit = cache.get(key);
    if (hit) {
      return hit.then((c) => {
        if (c.expiration && c.expiration.getTime() - deps.now().getTime() < REFRESH_MARGIN_MS) {
          cache.delete(key);
          return resolve(source);
        }
        return c;
      });
    }
    const p = withTimeout(resolveFresh(source), timeoutMs + 1_000, `credentials for ${describeSource(source)}`);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    return p;
  }

  return {
    resolve,
    provider: (source) => async () => resolve(source),
    profileData,
  };
}

function isNetworkish(e: unknown): boolean {
  const err = e as { code?: string; name?: string };
  return !!err && (/^E[A-Z]+/.test(err.code ?? '') || err.name === 'TimeoutError' || err.name === 'ProxyError');
}

function classifySsoError(e: unknown, profile: string, login: string, wasExpired: boolean): Error {
  if (isNetworkish(e)) return e as Error;
  const msg = scrubSecrets(String((e as Error)?.message ?? e));
  const name = (e as Error)?.name ?? '';
  if (/UnauthorizedException|Session token not found or invalid/i.test(name + ' ' + msg)) {
    return new AuthError({ what: `IAM Identity Center rejected the SSO token of profile ${profile}: ${msg}`, why: 'The token was revoked or the portal session ended (a logout elsewhere also ends it).', next: login, code: 'sso-expired' });
  }
  if (/ForbiddenException|No access/i.test(name + ' ' + msg)) {
    return new CliError({ what: `IAM Identity Center refuses role credentials for profile ${profile}: ${msg}`, why: 'The role (sso_role_name) is not assigned to you in that account (sso_account_id), or the assignment was removed.', next: `claude-bedrock sso add --profile ${shellWord(profile)}  # pick an account and role you are assigned`, code: 'sso-no-access' });
  }
  if (/expired|refresh|invalid|Value not present/i.test(msg) || wasExpired) {
    return new AuthError({ what: `The SSO session of profile ${profile} has expired and could not be refreshed: ${msg}`, why: 'Access tokens refresh silently only while the refresh token and client registration are valid.', next: login, code: 'sso-expired' });
  }
  return e as Error;
}
