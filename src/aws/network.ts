// What the environment says about the network path to AWS (endpoints, proxy, CA bundles). Pure: no SDK, no I/O.

type Env = Readonly<Record<string, string | undefined>>;

export type AwsService = 'sts' | 'sso' | 'sso-oidc' | 'bedrock' | 'bedrock-runtime';

/** AWS_ENDPOINT_URL_<SERVICE ID, spaces → _>, as botocore and the JS SDK name them. */
export const ENDPOINT_ENV: Record<AwsService, string> = {
  sts: 'AWS_ENDPOINT_URL_STS',
  sso: 'AWS_ENDPOINT_URL_SSO',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  bedrock: 'AWS_ENDPOINT_URL_BEDROCK',
  'bedrock-runtime': 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
};

function isTrue(v: string | undefined): boolean {
  return !!v && /^(1|true)$/i.test(v.trim());
}

/** The endpoint override for a service from the environment, or undefined (then the SDK's own rules apply). */
export function endpointOverride(env: Env, service: AwsService): string | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
  return env[ENDPOINT_ENV[service]] || env.AWS_ENDPOINT_URL || undefined;
}

export interface ProxySetting {
  /** The proxy URL without user name or password. */
  url: string;
  variable: string;
  hasCredentials: boolean;
}

export interface NetworkInfo {
  httpsProxy: ProxySetting | null;
  httpProxy: ProxySetting | null;
  noProxy: string | null;
  /** AWS_CA_BUNDLE: the CA file the AWS CLI uses; we add it to Node's trusted roots. */
  caBundle: string | null;
  /** NODE_EXTRA_CA_CERTS: read by Node itself at start-up (and by Claude Code). */
  extraCaCerts: string | null;
  /** Endpoint overrides in effect, by service. */
  endpoints: Partial<Record<AwsService, string>>;
}

function proxyFrom(env: Env, names: string[]): ProxySetting | null {
  for (const variable of names) {
    const raw = env[variable];
    if (!raw) continue;
    try {
      const u = new URL(raw.includes('://') ? raw : `http://${raw}`);
      const hasCredentials = !!(u.username || u.password);
      u.username = '';
      u.password = '';
      return { url: u.toString().replace(/\/$/, ''), variable, hasCredentials };
    } catch {
      return { url: '(not a valid URL)', variable, hasCredentials: false };
    }
  }
  return null;
}

export function networkInfo(env: Env): NetworkInfo {
  const endpoints: NetworkInfo['endpoints'] = {};
  for (const s of Object.keys(ENDPOINT_ENV) as AwsService[]) {
    const e = endpointOverride(env, s);
    if (e) endpoints[s] = e;
  }
  return {
    httpsProxy: proxyFrom(env, ['HTTPS_PROXY', 'https_proxy']),
    httpProxy: proxyFrom(env, ['HTTP_PROXY', 'http_proxy']),
    noProxy: env.NO_PROXY ?? env.no_proxy ?? null,
    caBundle: env.AWS_CA_BUNDLE || null,
    extraCaCerts: env.NODE_EXTRA_CA_CERTS || null,
    endpoints,
  };
}

/** NO_PROXY semantics as curl and most tools apply them: `*`, exact hosts, domain suffixes (`.x.com` or `x.com`), host:port. */
export function bypassesProxy(noProxy: string | null, host: string, port: number): boolean {
  if (!noProxy) return false;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  for (let entry of noProxy.split(/[,\s]+/)) {
    entry = entry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const m = entry.match(/^(.*):(\d+)$/);
    if (m && !entry.includes(']') && (m[1]!.match(/:/g)?.length ?? 0) === 0) {
      entry = m[1]!;
      entryPort = Number(m[2]);
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    const bare = entry.replace(/^\*?\./, '');
    if (h === bare || h.endsWith(`.${bare}`)) return true;
  }
  return false;
}
