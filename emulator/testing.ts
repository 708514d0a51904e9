// Helpers for the emulator's own tests: SDK clients pointed at an emulator, with the scenario's static keys.
import type { Emulator } from './index.js';
import { STATIC_IDENTITY } from './scenarios/default.js';

export const STATIC_CREDS = { accessKeyId: STATIC_IDENTITY.accessKeyId, secretAccessKey: STATIC_IDENTITY.secretAccessKey };

/** Client config: endpoint = the emulator, no retries unless asked (so failures show on the first call). */
export function clientConfig(emu: Emulator, region = 'us-west-2', extra: Record<string, unknown> = {}) {
  return { endpoint: emu.url, region, credentials: STATIC_CREDS, maxAttempts: 1, ...extra };
}

/** The AWS error name and message an SDK call rejected with. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; body?: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** A retry strategy that retries throttling/transient/server errors up to `maxAttempts` with no backoff (fast tests). */
export function fastRetries(maxAttempts: number) {
  const token = (n: number) => ({ getRetryCount: () => n, getRetryDelay: () => 0 });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (t: { getRetryCount(): number }, info: { errorType: string }) => {
      if (t.getRetryCount() + 1 >= maxAttempts || !['THROTTLING', 'TRANSIENT', 'SERVER_ERROR'].includes(info.errorType)) throw new Error('no retry');
      return token(t.getRetryCount() + 1);
    },
    recordSuccess: () => {},
  };
}

/**
 * The most calls that were open at one moment: parallelism seen from the server, without timing anything. Calls one
 * after the other give 1; a batch sent at once gives its size (while the emulator holds each answer for its latency).
 */
export function maxOpenAtOnce(calls: readonly { time: number; ended?: number }[]): number {
  const edges = calls.flatMap((c) => [[c.time, 1], [c.ended ?? Infinity, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (open += d));
  return max;
}
