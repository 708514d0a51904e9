// A scriptable in-memory AwsApi for engine unit tests: latency, dead regions, failures, call counting.
import type { AwsApi, CallOptions } from '../../src/aws/api.js';
import { sourceKey, type AuthSource, type ResolvedCredentials } from '../../src/aws/credentials.js';
import type { InferenceProfileInfo } from '../../src/core/models/rank.js';
import { networkInfo } from '../../src/aws/network.js';
import { DEFAULT_NETWORK } from '../../src/aws/clients.js';

export interface FakeWorld {
  latencyMs?: number;
  /** Profiles → region → inference profiles served. Missing region = none. */
  profilesByRegion?: Record<string, InferenceProfileInfo[]>;
  /** Regions that never answer (the call waits for its abort signal). */
  deadRegions?: string[];
  /** sourceKey → error thrown when resolving credentials. */
  credentialErrors?: Record<string, unknown>;
  /** `${op}:${region}:${model}` or `${op}:${region}` or `${op}` → error thrown by the call. */
  errors?: Record<string, unknown>;
  account?: string;
}

export interface FakeApi extends AwsApi {
  calls: { op: string; source: string; region?: string; model?: string }[];
  maxInFlight: number;
}

export function claudeProfile(geo: string, model: string, region = 'us-east-1', type = 'SYSTEM_DEFINED'): InferenceProfileInfo {
  const id = `${geo}.${model}`;
  return { id, arn: `arn:aws:bedrock:${region}:123456789012:inference-profile/${id}`, name: `${geo} ${model}`, status: 'ACTIVE', type, modelArns: [`arn:aws:bedrock:${region}::foundation-model/${model}`] };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })); }, { once: true });
  });
}

export function fakeApi(world: FakeWorld): FakeApi {
  let inFlight = 0;
  const api: FakeApi = {
    calls: [],
    maxInFlight: 0,
    network: networkInfo({}),
    settings: DEFAULT_NETWORK,
    async credentials(source: AuthSource): Promise<ResolvedCredentials> {
      api.calls.push({ op: 'credentials', source: sourceKey(source) });
      await sleep(world.latencyMs ?? 0);
      const err = world.credentialErrors?.[sourceKey(source)];
      if (err) throw err;
      return { kind: 'static', chain: [], accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' };
    },
    async profileData() {
      return { configFile: '/dev/null', credentialsFile: '/dev/null', profiles: {}, ssoSessions: {} };
    },
    callerIdentity: (source, region, o) => run('GetCallerIdentity', source, region, undefined, o, () => ({ account: world.account ?? '123456789012', arn: `arn:aws:iam::${world.account ?? '123456789012'}:user/${sourceKey(source)}`, userId: 'AIDA' })),
    listInferenceProfiles: (source, region, o) => run('ListInferenceProfiles', source, region, undefined, o, () => world.profilesByRegion?.[region] ?? []),
    getInferenceProfile: (source, region, id, o) => run('GetInferenceProfile', source, region, id, o, () => {
      const p = (world.profilesByRegion?.[region] ?? []).find((x) => x.id === id || x.arn === id);
      if (!p) throw Object.assign(new Error(`Inference profile ${id} not found.`), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
      return p;
    }),
    invoke: (source, region, model, o) => run('InvokeModel', source, region, model, o, () => ({ latencyMs: world.latencyMs ?? 0, stopReason: 'max_tokens' })),
    invokeStream: (source, region, model, o) => run('InvokeModelWithResponseStream', source, region, model, o, () => ({ firstEventMs: world.latencyMs ?? 0, latencyMs: world.latencyMs ?? 0, events: 6 })),
    close() {},
  };
  async function run<T>(op: string, source: AuthSource, region: string, model: string | undefined, o: CallOptions | undefined, value: () => T): Promise<T> {
    api.calls.push({ op, source: sourceKey(source), region, ...(model ? { model } : {}) });
    // Like the SDK: a call ends at its own time limit even when the caller passes no signal. A plain (ref'd) timer
    // stands in for the socket that would keep a real process alive meanwhile.
    const limit = new AbortController();
    const timer = o?.timeoutMs ? setTimeout(() => limit.abort(), o.timeoutMs) : undefined;
    const signal = o?.signal ? AbortSignal.any([o.signal, limit.signal]) : limit.signal;
    inFlight++;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    try {
      if (world.deadRegions?.includes(region)) await sleep(o?.timeoutMs || o?.signal ? 2 ** 31 - 1 : 0, signal);
      await sleep(world.latencyMs ?? 0, signal);
      const err = world.errors?.[`${op}:${region}:${model}`] ?? world.errors?.[`${op}:${region}`] ?? world.errors?.[op];
      if (err) throw err;
      return value();
    } finally {
      clearTimeout(timer);
      inFlight--;
    }
  }
  return api;
}

/** An SDK-shaped service error. */
export function awsError(name: string, status: number, message: string, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts } });
}
