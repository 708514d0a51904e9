// AWS SDK clients, loaded lazily and reused per (service, region, auth): one HTTP stack with timeouts, bounded retries,
// keep-alive, endpoint overrides, CA bundles and proxy tunnelling. Only online commands import this file.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Deps } from '../deps.js';
import { FileError } from '../errors.js';
import { endpointOverride, networkInfo, type AwsService, type NetworkInfo } from './network.js';
import { TunnelingHttpAgent, TunnelingHttpsAgent } from './proxy-agent.js';

import type { STSClient } from '@aws-sdk/client-sts';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadSdk } from './sdk.js';

export interface NetworkSettings {
  /** TCP (and proxy tunnel) connect timeout. */
  connectTimeoutMs: number;
  /** Longest wait for a response once connected (per attempt). */
  requestTimeoutMs: number;
  /** SDK attempts per call (standard retry mode: exponential backoff with jitter, longer on throttling). */
  maxAttempts: number;
  /** Longest a credential_process may run. */
  processTimeoutMs: number;
}

export const DEFAULT_NETWORK: NetworkSettings = { connectTimeoutMs: 3_000, requestTimeoutMs: 10_000, maxAttempts: 3, processTimeoutMs: 15_000 };

export interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** How a client authenticates: SigV4 with a credential provider, or a Bedrock API key (bearer). */
export type ClientAuth =
  | { kind: 'sigv4'; key: string; profile?: string; credentials: () => Promise<AwsIdentity> }
  | { kind: 'bearer'; key: string; token: string };

export interface ClientFactory {
  readonly settings: NetworkSettings;
  readonly network: NetworkInfo;
  /** The request handler every client shares (also handed to credential providers). */
  handler(): Promise<NodeHttpHandler>;
  sts(region: string, auth: ClientAuth & { kind: 'sigv4' }): Promise<STSClient>;
  bedrock(region: string, auth: ClientAuth): Promise<BedrockClient>;
  runtime(region: string, auth: ClientAuth): Promise<BedrockRuntimeClient>;
  /** The SDK modules, for their Command classes. */
  stsModule(): Promise<typeof import('@aws-sdk/client-sts')>;
  bedrockModule(): Promise<typeof import('@aws-sdk/client-bedrock')>;
  runtimeModule(): Promise<typeof import('@aws-sdk/client-bedrock-runtime')>;
  /** Close every client and socket so the process can exit. */
  destroy(): void;
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {}, trace() {} };

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function readCa(file: string, variable: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new FileError(file, {
      what: `Cannot read ${variable}=${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
      why: 'It should name a PEM file with the certificate authority your network uses for TLS.',
      next: `ls -l ${file}  # or unset ${variable}`,
    });
  }
}

/** `endpoints` overrides the environment for a service (Claude Code's ANTHROPIC_BEDROCK_BASE_URL for Bedrock). */
export function createClientFactory(deps: Deps, settings: NetworkSettings = DEFAULT_NETWORK, endpoints: Partial<Record<AwsService, string>> = {}): ClientFactory {
  const net = networkInfo(deps.env);
  const clients = new Map<string, Promise<{ destroy(): void }>>();
  const agents: (http.Agent | https.Agent)[] = [];

  // The SDK prints a Node 20 end-of-support warning on stderr when a client is built; our stderr is for our notes.
  // Respect the user's own setting if they made one.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const stsModule = once(() => loadSdk('@aws-sdk/client-sts'));
  const bedrockModule = once(() => loadSdk('@aws-sdk/client-bedrock'));
  const runtimeModule = once(() => loadSdk('@aws-sdk/client-bedrock-runtime'));

  // Read now: an unreadable CA bundle breaks every call, so the command fails before starting any.
  let ca: string[] | undefined;
  if (net.caBundle) {
    // `ca` replaces Node's trust store, so keep the public roots and NODE_EXTRA_CA_CERTS next to the bundle.
    ca = [...tls.rootCertificates, readCa(net.caBundle, 'AWS_CA_BUNDLE')];
    if (net.extraCaCerts) ca.push(readCa(net.extraCaCerts, 'NODE_EXTRA_CA_CERTS'));
  }

  const handler = once(async () => {
    const { NodeHttpHandler } = await loadSdk('@smithy/node-http-handler');
    const agentOptions: https.AgentOptions = { keepAlive: true, maxSockets: 256, ...(ca ? { ca } : {}) };
    const proxyUrl = (v: string | null) => (v ? deps.env[v] : undefined);
    const httpsProxy = proxyUrl(net.httpsProxy?.variable ?? null);
    const httpProxy = proxyUrl(net.httpProxy?.variable ?? null);
    const httpsAgent = httpsProxy
      ? new TunnelingHttpsAgent({ proxyUrl: httpsProxy, noProxy: net.noProxy, connectTimeoutMs: settings.connectTimeoutMs }, agentOptions)
      : new https.Agent(agentOptions);
    const httpAgent = httpProxy
      ? new TunnelingHttpAgent({ proxyUrl: httpProxy, noProxy: net.noProxy, connectTimeoutMs: settings.connectTimeoutMs }, { keepAlive: true, maxSockets: 256 })
      : new http.Agent({ keepAlive: true, maxSockets: 256 });
    agents.push(httpsAgent, httpAgent);
    return new NodeHttpHandler({
      connectionTimeout: settings.connectTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      httpsAgent,
      httpAgent,
      logger: silentLogger,
    });
  });

  // Values the SDK would otherwise look up in ~/.aws/config and ~/.aws/credentials for every client it builds, parsing
  // both files again each time (five lookups per client; discover builds ~35 clients per identity and was CPU-bound on
  // it). Resolved once per profile with the SDK's own loaders and selectors, so they are exactly what it would find.
  const profileValues = new Map<string, Promise<Record<string, unknown>>>();
  function valuesFor(profile: string | undefined): Promise<Record<string, unknown>> {
    const key = profile ?? '';
    let v = profileValues.get(key);
    if (!v) {
      v = (async () => {
        const [config, client] = await Promise.all([loadSdk('@smithy/core/config'), loadSdk('@aws-sdk/core/client')]);
        const init = profile ? { profile } : {};
        const [useFipsEndpoint, useDualstackEndpoint, appId] = await Promise.all([
          config.loadConfig(config.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, init)(),
          config.loadConfig(config.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, init)(),
          config.loadConfig(client.NODE_APP_ID_CONFIG_OPTIONS, init)(),
        ]);
        return { useFipsEndpoint, useDualstackEndpoint, userAgentAppId: () => Promise.resolve(appId) };
      })();
      profileValues.set(key, v);
    }
    return v;
  }

  // An endpoint from the config file (`endpoint_url`, `[services]`) is looked up by the SDK once per client, for the
  // active profile whatever the client's own profile is. Take the first client's answer for the rest of the service.
  const configuredEndpoints = new Map<AwsService, Promise<string | undefined>>();
  function configuredEndpoint(service: AwsService, first: { config: unknown }): void {
    if (configuredEndpoints.has(service) || endpoints[service] || endpointOverride(deps.env, service)) return;
    const lookup = (first.config as { serviceConfiguredEndpoint?: () => Promise<string | undefined> }).serviceConfiguredEndpoint;
    if (typeof lookup === 'function') configuredEndpoints.set(service, lookup().catch(() => undefined));
  }

  async function common(service: AwsService, region: string, auth: ClientAuth) {
    const endpoint = endpoints[service] ?? endpointOverride(deps.env, service);
    const profile = auth.kind === 'sigv4' ? auth.profile : undefined;
    // Read the memo once, before waiting: a memo that appears meanwhile has no answer for this client yet.
    const memo = endpoint ? undefined : configuredEndpoints.get(service);
    const [values, fromConfig] = await Promise.all([valuesFor(profile), memo]);
    return {
      region,
      requestHandler: await handler(),
      maxAttempts: settings.maxAttempts,
      retryMode: 'standard',
      logger: silentLogger,
      ...values,
      ...(endpoint ? { endpoint } : fromConfig ? { endpoint: fromConfig } : memo ? { ignoreConfiguredEndpointUrls: true } : {}),
      // The profile lets the SDK read the rest of that profile's settings, as Claude Code's SDK would.
      ...(profile ? { profile } : {}),
      ...(auth.kind === 'sigv4'
        ? { credentials: auth.credentials, authSchemePreference: ['sigv4'] }
        : { token: { token: auth.token }, authSchemePreference: ['httpBearerAuth'] }),
    };
  }

  function built<C extends { config: unknown }>(service: AwsService, client: C): C {
    configuredEndpoint(service, client);
    return client;
  }

  function cached<C extends { destroy(): void }>(service: AwsService, region: string, auth: ClientAuth, make: () => Promise<C>): Promise<C> {
    const key = `${service}|${region}|${auth.key}`;
    let c = clients.get(key);
    if (!c) {
      c = make();
      clients.set(key, c);
    }
    return c as Promise<C>;
  }

  return {
    settings,
    network: net,
    handler,
    stsModule,
    bedrockModule,
    runtimeModule,
    sts: (region, auth) =>
      cached('sts', region, auth, async () => built('sts', new (await stsModule()).STSClient((await common('sts', region, auth)) as any))),
    bedrock: (region, auth) =>
      cached('bedrock', region, auth, async () => built('bedrock', new (await bedrockModule()).BedrockClient((await common('bedrock', region, auth)) as any))),
    runtime: (region, auth) =>
      cached('bedrock-runtime', region, auth, async () => built('bedrock-runtime', new (await runtimeModule()).BedrockRuntimeClient((await common('bedrock-runtime', region, auth)) as any))),
    destroy() {
      for (const c of clients.values()) c.then((x) => x.destroy(), () => {});
      clients.clear();
      for (const a of agents) a.destroy();
    },
  };
}
