// The AWS operations the engines need, behind one small interface: this file implements it with the SDK; unit tests fake it.
import type { Deps } from '../deps.js';
import { CliError } from '../errors.js';
import type { InferenceProfileInfo } from '../core/models/rank.js';
import { createClientFactory, DEFAULT_NETWORK, type ClientAuth, type NetworkSettings } from './clients.js';
import { createCredentialResolver, sourceKey, type AuthSource, type AwsProfileData, type ResolvedCredentials } from './credentials.js';
import type { NetworkInfo } from './network.js';
import { timeLimitError, timeoutSignal, withTimeout } from './pool.js';

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-call limit (all SDK attempts included). */
  timeoutMs?: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface InvokeResult {
  latencyMs: number;
  stopReason: string | null;
}

export interface StreamResult {
  /** Time to the first event. */
  firstEventMs: number;
  latencyMs: number;
  events: number;
}

export interface AwsApi {
  readonly network: NetworkInfo;
  readonly settings: NetworkSettings;
  credentials(source: AuthSource): Promise<ResolvedCredentials>;
  callerIdentity(source: AuthSource, region: string, opts?: CallOptions): Promise<CallerIdentity>;
  /** Every page. `type` filters on the server (SYSTEM_DEFINED or APPLICATION); default both. */
  listInferenceProfiles(source: AuthSource, region: string, opts?: CallOptions & { type?: 'SYSTEM_DEFINED' | 'APPLICATION'; maxPages?: number }): Promise<InferenceProfileInfo[]>;
  /** One inference profile by ID or ARN (Claude Code resolves application-inference-profile ARNs this way). */
  getInferenceProfile(source: AuthSource, region: string, id: string, opts?: CallOptions): Promise<InferenceProfileInfo>;
  /** A 1-token InvokeModel, the non-streaming API Claude Code uses. */
  invoke(source: AuthSource, region: string, modelId: string, opts?: CallOptions): Promise<InvokeResult>;
  /** A 1-token InvokeModelWithResponseStream, read to the end. */
  invokeStream(source: AuthSource, region: string, modelId: string, opts?: CallOptions): Promise<StreamResult>;
  profileData(): Promise<AwsProfileData>;
  close(): void;
}

export interface AwsApiOptions {
  settings?: Partial<NetworkSettings>;
  /** Bedrock runtime (and control-plane) base URL from ANTHROPIC_BEDROCK_BASE_URL, as Claude Code uses it. */
  bedrockBaseUrl?: string;
  /** SDK clients to start loading now, so the module load overlaps reading files and resolving credentials. */
  warm?: ('sts' | 'bedrock' | 'runtime')[];
}

/** The smallest valid Anthropic Messages request: one output token. */
export const PING_BODY = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{ role: 'user', content: 'Reply with one word.' }] });

/** An inference profile as AWS describes it (a ListInferenceProfiles summary or a GetInferenceProfile answer). */
function profileInfo(s: { inferenceProfileId?: string; inferenceProfileArn?: string; inferenceProfileName?: string; status?: string; type?: string; models?: { modelArn?: string }[]; description?: string }): InferenceProfileInfo | null {
  if (!s.inferenceProfileId || !s.inferenceProfileArn) return null;
  return {
    id: s.inferenceProfileId,
    arn: s.inferenceProfileArn,
    name: s.inferenceProfileName ?? s.inferenceProfileId,
    status: s.status ?? 'UNKNOWN',
    type: s.type ?? 'SYSTEM_DEFINED',
    modelArns: (s.models ?? []).map((m) => m.modelArn ?? '').filter(Boolean),
    ...(s.description ? { description: s.description } : {}),
  };
}

export function createAwsApi(deps: Deps, opts: AwsApiOptions = {}): AwsApi {
  const settings = { ...DEFAULT_NETWORK, ...opts.settings };
  const factory = createClientFactory(deps, settings, opts.bedrockBaseUrl ? { bedrock: opts.bedrockBaseUrl, 'bedrock-runtime': opts.bedrockBaseUrl } : {});
  const resolver = createCredentialResolver(deps, factory);
  const ignore = () => {};
  for (const w of opts.warm ?? []) {
    (w === 'sts' ? factory.stsModule() : w === 'bedrock' ? factory.bedrockModule() : factory.runtimeModule()).catch(ignore);
  }
  if (opts.warm?.length) factory.handler().catch(ignore);

  function auth(source: AuthSource): ClientAuth {
    if (source.kind === 'bearer') {
      const token = deps.env.AWS_BEARER_TOKEN_BEDROCK;
      if (!token) throw new CliError({ what: 'AWS_BEARER_TOKEN_BEDROCK is empty.', next: 'export AWS_BEARER_TOKEN_BEDROCK=<your Bedrock API key>, or use a profile: --profile <name>', code: 'no-credentials' });
      return { kind: 'bearer', key: 'bearer', token };
    }
    return { kind: 'sigv4', key: sourceKey(source), ...(source.kind === 'profile' ? { profile: source.profile } : {}), credentials: resolver.provider(source) };
  }

  const limitOf = (o: CallOptions | undefined) => o?.timeoutMs ?? settings.requestTimeoutMs * settings.maxAttempts;
  const signalFor = (o: CallOptions | undefined) => timeoutSignal(limitOf(o), o?.signal);
  /** For `.catch`: once the call's time limit fired, whatever the SDK throws is reported as that limit. */
  const pastLimit = (signal: AbortSignal, o: CallOptions | undefined, what: string) => (e: unknown): never => {
    throw timeLimitError(e, signal, what, limitOf(o));
  };

  function sigv4(source: AuthSource): ClientAuth & { kind: 'sigv4' } {
    const a = auth(source);
    if (a.kind !== 'sigv4') throw new CliError({ what: 'STS cannot be called with a Bedrock API key.', why: 'A Bedrock API key authenticates Bedrock calls only.', next: 'pass --profile <name> to see the identity behind a profile', code: 'bearer-only' });
    return a;
  }

  return {
    network: factory.network,
    settings,
    credentials: (source) => resolver.resolve(source),
    profileData: () => resolver.profileData(),

    async callerIdentity(source, region, o) {
      const a = sigv4(source);
      // Resolve first, so a credential failure is reported as such and not as an STS error.
      await resolver.resolve(source);
      const [client, sts] = await Promise.all([factory.sts(region, a), factory.stsModule()]);
      const signal = signalFor(o);
      const r = await client.send(new sts.GetCallerIdentityCommand({}), { abortSignal: signal }).catch(pastLimit(signal, o, `STS GetCallerIdentity in ${region}`));
      if (!r.Account || !r.Arn) throw new CliError({ what: 'STS GetCallerIdentity answered without an account or ARN.', next: 'run the command again; if it persists, check for a proxy rewriting AWS responses', code: 'malformed-response' });
      return { account: r.Account, arn: r.Arn, userId: r.UserId ?? '' };
    },

    async listInferenceProfiles(source, region, o) {
      const [client, br] = await Promise.all([factory.bedrock(region, auth(source)), factory.bedrockModule()]);
      const signal = signalFor(o);
      const out: InferenceProfileInfo[] = [];
      let nextToken: string | undefined;
      const maxPages = o?.maxPages ?? 20;
      for (let page = 0; page < maxPages; page++) {
        const r = await client.send(new br.ListInferenceProfilesCommand({ maxResults: 1000, ...(o?.type ? { typeEquals: o.type } : {}), ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal }).catch(pastLimit(signal, o, `ListInferenceProfiles in ${region}`));
        for (const s of r.inferenceProfileSummaries ?? []) {
          const p = profileInfo(s);
          if (p) out.push(p);
        }
        nextToken = r.nextToken;
        if (!nextToken) break;
      }
      return out;
    },

    async getInferenceProfile(source, region, id, o) {
      const [client, br] = await Promise.all([factory.bedrock(region, auth(source)), factory.bedrockModule()]);
      const signal = signalFor(o);
      const r = await client.send(new br.GetInferenceProfileCommand({ inferenceProfileIdentifier: id }), { abortSignal: signal }).catch(pastLimit(signal, o, `GetInferenceProfile of ${id} in ${region}`));
      const p = profileInfo(r);
      if (!p) throw new CliError({ what: `GetInferenceProfile of ${id} answered without an ID or ARN.`, next: 'run the command again; if it persists, check for a proxy rewriting AWS responses', code: 'malformed-response' });
      return p;
    },

    async invoke(source, region, modelId, o) {
      const [client, rt] = await Promise.all([factory.runtime(region, auth(source)), factory.runtimeModule()]);
      const signal = signalFor(o);
      const t0 = performance.now();
      const r = await client.send(new rt.InvokeModelCommand({ modelId, body: PING_BODY, contentType: 'application/json', accept: 'application/json' }), { abortSignal: signal }).catch(pastLimit(signal, o, `InvokeModel of ${modelId} in ${region}`));
      const latencyMs = Math.round(performance.now() - t0);
      let stopReason: string | null = null;
      try {
        const j = JSON.parse(new TextDecoder().decode(r.body)) as { stop_reason?: string; type?: string };
        stopReason = j.stop_reason ?? null;
        if (j.type !== undefined && j.type !== 'message') throw new Error(`type ${j.type}`);
      } catch (e) {
        throw new CliError({ what: `The InvokeModel response for ${modelId} is not an Anthropic message (${(e as Error).message}).`, why: 'Something between you and Bedrock (a proxy or gateway) changed it.', next: 'try without the proxy / gateway (ANTHROPIC_BEDROCK_BASE_URL, HTTPS_PROXY)', code: 'malformed-response' });
      }
      return { latencyMs, stopReason };
    },

    async invokeStream(source, region, modelId, o) {
      const [client, rt] = await Promise.all([factory.runtime(region, auth(source)), factory.runtimeModule()]);
      const signal = signalFor(o);
      const t0 = performance.now();
      const r = await client.send(new rt.InvokeModelWithResponseStreamCommand({ modelId, body: PING_BODY, contentType: 'application/json', accept: 'application/json' }), { abortSignal: signal }).catch(pastLimit(signal, o, `InvokeModelWithResponseStream of ${modelId} in ${region}`));
      let firstEventMs = -1;
      let events = 0;
      let sawStop = false;
      const read = (async () => {
        for await (const ev of r.body ?? []) {
          if (firstEventMs < 0) firstEventMs = Math.round(performance.now() - t0);
          events++;
          if (ev.chunk?.bytes) {
            const j = JSON.parse(new TextDecoder().decode(ev.chunk.bytes)) as { type?: string };
            if (j.type === 'message_stop') sawStop = true;
          }
        }
      })();
      await withTimeout(read, limitOf(o), `the response stream of ${modelId}`, signal);
      if (!sawStop) {
        throw new CliError({ what: `The response stream of ${modelId} ended without a message_stop event (${events} events).`, why: 'The event stream was cut short or rewritten on the way (a proxy that does not pass application/vnd.amazon.eventstream through).', next: 'try without the proxy / gateway; see claude-bedrock explain "Truncated event message received"', code: 'malformed-response' });
      }
      return { firstEventMs, latencyMs: Math.round(performance.now() - t0), events };
    },

    close: () => factory.destroy(),
  };
}
