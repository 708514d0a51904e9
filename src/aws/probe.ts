// Latency to every Bedrock region, in parallel: a ListInferenceProfiles (which also says whether Claude is there), then
// a second, cheap request on the same kept-alive connection, whose time is the round trip without the TLS handshake.
import { isClaudeProfile } from '../core/models/rank.js';
import type { AwsApi } from './api.js';
import type { AuthSource } from './credentials.js';
import { semaphore } from './discover.js';
import { toFailure, type Failure } from './failure.js';
import { asTimeout, Deadline, TimeoutError, withTimeout } from './pool.js';

export interface RegionProbe {
  region: string;
  /** The faster of the two requests, in ms; null when the region did not answer. */
  rttMs: number | null;
  claude: boolean | null;
  claudeProfiles: number;
  error: Failure | null;
}

export interface ProbeOptions {
  perCallMs: number;
  deadlineMs: number;
  concurrency: number;
  secrets?: string[];
  profile?: string;
}

export async function probeRegions(api: AwsApi, source: AuthSource, regions: string[], opts: ProbeOptions): Promise<RegionProbe[]> {
  const deadline = new Deadline(opts.deadlineMs);
  const limit = semaphore(opts.concurrency);
  const timed = async <T>(what: string, f: (timeoutMs: number) => Promise<T>): Promise<[T, number]> => {
    if (deadline.remaining() <= 0) throw new TimeoutError(what, opts.deadlineMs);
    const ms = deadline.budget(opts.perCallMs);
    const t0 = performance.now();
    const v = await withTimeout(f(ms).catch(asTimeout(what, ms)), ms + 50, what, undefined, ms);
    return [v, performance.now() - t0];
  };
  try {
    const results = await Promise.all(
      regions.map((region) =>
        limit(async (): Promise<RegionProbe> => {
          try {
            const [system, first] = await timed(`Bedrock in ${region}`, (timeoutMs) => api.listInferenceProfiles(source, region, { timeoutMs, type: 'SYSTEM_DEFINED', maxPages: 1 }));
            const [app, second] = await timed(`Bedrock in ${region}`, (timeoutMs) => api.listInferenceProfiles(source, region, { timeoutMs, type: 'APPLICATION', maxPages: 1 }));
            const claudeProfiles = [...system, ...app].filter(isClaudeProfile).length;
            return { region, rttMs: Math.round(Math.min(first, second)), claude: claudeProfiles > 0, claudeProfiles, error: null };
          } catch (e) {
            return { region, rttMs: null, claude: null, claudeProfiles: 0, error: toFailure(e, { region, ...(opts.profile ? { profile: opts.profile } : {}), secrets: opts.secrets }) };
          }
        }),
      ),
    );
    return rankRegions(results);
  } finally {
    deadline.dispose();
  }
}

/** Fastest first; regions that did not answer last (in the order given). */
export function rankRegions(rs: RegionProbe[]): RegionProbe[] {
  return [...rs].sort((a, b) => (a.rttMs ?? Infinity) - (b.rttMs ?? Infinity));
}
