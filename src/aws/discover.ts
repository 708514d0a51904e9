// For every profile at once: who it is (STS) and which Bedrock regions show it Claude inference profiles.
// Credentials are resolved once per profile; then identity and every region go out together through one bounded pool,
// each call with its own timeout and all under one deadline, so a dead region or profile is an entry, never a hang.
import { rankClaudeProfiles } from '../core/models/rank.js';
import type { AwsApi } from './api.js';
import { describeSource, type AuthSource } from './credentials.js';
import { toFailure, type Failure } from './failure.js';
import { asTimeout, Deadline, TimeoutError, withTimeout } from './pool.js';
import { regionsToProbe } from './regions-list.js';

export interface DiscoverTarget {
  name: string;
  source: AuthSource;
  /** The profile's own region (probed even if it is not in the list). */
  region?: string;
  kind?: string;
}

export interface DiscoverOptions {
  /** Regions to probe instead of the Bedrock list. */
  regions?: string[];
  perCallMs: number;
  deadlineMs: number;
  /** Most calls in flight at once, over all profiles. */
  concurrency: number;
  secrets?: string[];
}

export interface RegionResult {
  region: string;
  claude: boolean;
  /** Claude inference-profile IDs (application profiles by ARN), best first. */
  inferenceProfiles: string[];
  error: Failure | null;
  ms: number;
}

export interface ProfileResult {
  name: string;
  kind: string | null;
  valid: boolean;
  identity: { account: string; arn: string } | null;
  error: Failure | null;
  regions: RegionResult[];
}

export interface DiscoverResult {
  profiles: ProfileResult[];
  regionsProbed: number;
  elapsedMs: number;
}

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in order. */
export function semaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return async <T>(task: () => Promise<T>) => {
    if (active >= limit) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export async function discover(api: AwsApi, targets: DiscoverTarget[], opts: DiscoverOptions): Promise<DiscoverResult> {
  const t0 = performance.now();
  const deadline = new Deadline(opts.deadlineMs);
  const limit = semaphore(opts.concurrency);
  const shared = new Map<string, Promise<PromiseSettledResult<unknown>[]>>();
  let probed = 0;
  try {
    const profiles = await Promise.all(
      targets.map(async (t): Promise<ProfileResult> => {
        const ctx = { ...(t.source.kind === 'profile' ? { profile: t.source.profile } : {}), secrets: opts.secrets };
        const regions = regionsToProbe(opts.regions, t.region);
        probed = Math.max(probed, regions.length);
        const base = { name: t.name, kind: t.kind ?? null };
        const bearer = t.source.kind === 'bearer';
        let sameAs: string | undefined;
        if (!bearer) {
          try {
            const c = await withTimeout(api.credentials(t.source), deadline.remaining(), `credentials for ${describeSource(t.source)}`, deadline.signal);
            // Profiles that resolve to the very same credentials see the same identity and regions: ask AWS once.
            sameAs = `${c.accessKeyId}\0${c.sessionToken ?? ''}\0${t.region ?? ''}`;
          } catch (e) {
            return { ...base, valid: false, identity: null, error: toFailure(e, ctx), regions: [] };
          }
        }
        // Each call's budget is cut to what is left of the deadline, so no call needs to listen to a shared signal
        // (hundreds of listeners on one AbortSignal cost quadratic time in Node's EventTarget).
        const call = <T>(what: string, f: (timeoutMs: number) => Promise<T>) =>
          limit(async () => {
            if (deadline.remaining() <= 0) throw new TimeoutError(what, opts.deadlineMs);
            const ms = deadline.budget(opts.perCallMs);
            return withTimeout(f(ms).catch(asTimeout(what, ms)), ms + 50, what, undefined, ms);
          });
        const identityRegion = t.region ?? 'us-east-1';
        const probe = () => Promise.allSettled([
          bearer ? Promise.resolve(null) : call(`STS in ${identityRegion}`, (timeoutMs) => api.callerIdentity(t.source, identityRegion, { timeoutMs })),
          ...regions.map(async (region): Promise<RegionResult> => {
            const r0 = performance.now();
            try {
              const list = await call(`Bedrock in ${region}`, (timeoutMs) => api.listInferenceProfiles(t.source, region, { timeoutMs }));
              const ranked = rankClaudeProfiles(list, region);
              const ids = [...ranked.profiles, ...ranked.application].map((m) => m.id);
              return { region, claude: ids.length > 0, inferenceProfiles: ids, error: null, ms: Math.round(performance.now() - r0) };
            } catch (e) {
              return { region, claude: false, inferenceProfiles: [], error: toFailure(e, { ...ctx, region }), ms: Math.round(performance.now() - r0) };
            }
          }),
        ]);
        let pending = sameAs !== undefined ? (shared.get(sameAs) as ReturnType<typeof probe> | undefined) : undefined;
        if (!pending) {
          pending = probe();
          if (sameAs !== undefined) shared.set(sameAs, pending);
        }
        // A Bedrock API key has no STS identity: it is valid when Bedrock accepts it.
        const [identity, ...perRegion] = await pending;
        const regionResults = perRegion.map((r) => ({ ...(r as PromiseFulfilledResult<RegionResult>).value }));
        if (identity.status === 'rejected') {
          return { ...base, valid: false, identity: null, error: toFailure(identity.reason, { ...ctx, region: identityRegion }), regions: regionResults };
        }
        if (!identity.value) {
          const ok = regionResults.some((x) => !x.error);
          return { ...base, valid: ok, identity: null, error: ok ? null : regionResults[0]?.error ?? null, regions: regionResults };
        }
        return { ...base, valid: true, identity: { account: identity.value.account, arn: identity.value.arn }, error: null, regions: regionResults };
      }),
    );
    return { profiles, regionsProbed: probed, elapsedMs: Math.round(performance.now() - t0) };
  } finally {
    deadline.dispose();
  }
}
