// The SSO-OIDC and SSO portal calls login/logout/sso add need, over the AWS SDK v3 (imported lazily), behind small
// interfaces so flows can be tested with fakes. Endpoints come from deps.env the way botocore resolves them.
import type { Deps } from '../../deps.js';
import { scrubSecrets } from '../../core/redact.js';
import { createClientFactory } from '../clients.js';
import { endpointOverride } from '../network.js';
import { loadSdk } from '../sdk.js';

export interface RegisterClientInput {
  clientName: string;
  clientType: 'public';
  scopes?: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}
export interface RegisterClientOutput { clientId: string; clientSecret: string; clientSecretExpiresAt: number }
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval?: number;
}
export interface CreateTokenInput {
  clientId: string;
  clientSecret: string;
  grantType: 'authorization_code' | 'refresh_token' | 'urn:ietf:params:oauth:grant-type:device_code';
  deviceCode?: string;
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
  refreshToken?: string;
}
export interface CreateTokenOutput { accessToken: string; expiresIn: number; refreshToken?: string }

/** A signal aborts the call in flight (a cancelled login): no retry, no answer. */
export interface OidcCallOptions { signal?: AbortSignal }

export interface OidcApi {
  /** The resolved SSO-OIDC endpoint (the browser's /authorize URL is built on its origin). */
  readonly endpoint: string;
  registerClient(i: RegisterClientInput, o?: OidcCallOptions): Promise<RegisterClientOutput>;
  startDeviceAuthorization(i: { clientId: string; clientSecret: string; startUrl: string }, o?: OidcCallOptions): Promise<DeviceAuthorization>;
  createToken(i: CreateTokenInput, o?: OidcCallOptions): Promise<CreateTokenOutput>;
}

export interface SsoAccountInfo { accountId: string; accountName?: string; emailAddress?: string }

export interface PortalApi {
  readonly endpoint: string;
  listAccounts(accessToken: string, o?: { signal?: AbortSignal }): Promise<SsoAccountInfo[]>;
  listAccountRoles(accessToken: string, accountId: string, o?: { signal?: AbortSignal }): Promise<string[]>;
  logout(accessToken: string): Promise<void>;
}

export interface SsoApis {
  oidc(region: string): Promise<OidcApi>;
  portal(region: string): Promise<PortalApi>;
  /** Release sockets so the process can exit. */
  close(): void;
}

function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), else the
 * public endpoint. Always explicit, so the SDK never reads process.env behind deps' back.
 */
export function ssoEndpoint(env: Deps['env'], service: 'sso' | 'sso-oidc', region: string): string {
  const configured = endpointOverride(env, service);
  if (configured) return configured;
  return service === 'sso-oidc' ? `https://oidc.${region}.${dnsSuffix(region)}` : `https://portal.sso.${region}.${dnsSuffix(region)}`;
}

/** An SDK or network failure reduced to what messages need (never the request or response bodies). */
export interface CallError {
  name: string;
  message: string;
  status?: number;
  network: boolean;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

export function callError(e: unknown): CallError {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number }; error_description?: string };
  const name = err?.name ?? 'Error';
  const status = err?.$metadata?.httpStatusCode;
  const network = (!!err?.code && NETWORK_CODES.has(err.code)) || name === 'TimeoutError' || name === 'RequestTimeout' || (status === undefined && /socket|ECONN|timed? ?out/i.test(err?.message ?? ''));
  // SSO-OIDC errors carry their text in error_description; older SDKs leave message empty.
  // The JS SDK says "UnknownError" when the body has no message member (SSO-OIDC bodies never do).
  const sdkMessage = err?.message && err.message !== 'UnknownError' ? err.message : undefined;
  const message = scrubSecrets(String(sdkMessage || err?.error_description || err?.message || err?.code || name));
  return { name, message, status, network };
}

/** The SDK clients share the AWS engine's HTTP stack (timeouts, proxy tunnelling, CA bundles). */
export function defaultSsoApis(deps: Deps): SsoApis {
  const factory = createClientFactory(deps);
  const base = async (region: string, endpoint: string) => ({ region, endpoint, maxAttempts: factory.settings.maxAttempts, requestHandler: await factory.handler() });
  return {
    close: () => factory.destroy(),
    async oidc(region) {
      const sdk = await loadSdk('@aws-sdk/client-sso-oidc');
      const endpoint = ssoEndpoint(deps.env, 'sso-oidc', region);
      const client = new sdk.SSOOIDCClient(await base(region, endpoint));
      return {
        endpoint,
        async registerClient(i, o) {
          const r = await client.send(new sdk.RegisterClientCommand(i), { abortSignal: o?.signal });
          if (!r.clientId || !r.clientSecret || r.clientSecretExpiresAt === undefined) throw malformed('RegisterClient');
          return { clientId: r.clientId, clientSecret: r.clientSecret, clientSecretExpiresAt: r.clientSecretExpiresAt };
        },
        async startDeviceAuthorization(i, o) {
          const r = await client.send(new sdk.StartDeviceAuthorizationCommand(i), { abortSignal: o?.signal });
          if (!r.deviceCode || !r.verificationUri || r.expiresIn === undefined) throw malformed('StartDeviceAuthorization');
          return {
            deviceCode: r.deviceCode,
            userCode: r.userCode ?? '',
            verificationUri: r.verificationUri,
            verificationUriComplete: r.verificationUriComplete ?? r.verificationUri,
            expiresIn: r.expiresIn,
            interval: r.interval,
          };
        },
        async createToken(i, o) {
          const r = await client.send(new sdk.CreateTokenCommand(i), { abortSignal: o?.signal });
          if (!r.accessToken || r.expiresIn === undefined) throw malformed('CreateToken');
          return { accessToken: r.accessToken, expiresIn: r.expiresIn, refreshToken: r.refreshToken };
        },
      };
    },
    async portal(region) {
      const sdk = await loadSdk('@aws-sdk/client-sso');
      const endpoint = ssoEndpoint(deps.env, 'sso', region);
      const client = new sdk.SSOClient(await base(region, endpoint));
      return {
        endpoint,
        async listAccounts(accessToken, o) {
          const out: SsoAccountInfo[] = [];
          let nextToken: string | undefined;
          do {
            const r = await client.send(new sdk.ListAccountsCommand({ accessToken, nextToken, maxResults: 100 }), { abortSignal: o?.signal });
            for (const a of r.accountList ?? []) if (a.accountId) out.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
            nextToken = r.nextToken || undefined;
          } while (nextToken);
          return out;
        },
        async listAccountRoles(accessToken, accountId, o) {
          const out: string[] = [];
          let nextToken: string | undefined;
          do {
            const r = await client.send(new sdk.ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults: 100 }), { abortSignal: o?.signal });
            for (const x of r.roleList ?? []) if (x.roleName) out.push(x.roleName);
            nextToken = r.nextToken || undefined;
          } while (nextToken);
          return out;
        },
        async logout(accessToken) {
          await client.send(new sdk.LogoutCommand({ accessToken }));
        },
      };
    },
  };
}

function malformed(op: string): Error {
  return Object.assign(new Error(`${op} returned an incomplete response`), { name: 'MalformedResponse' });
}
