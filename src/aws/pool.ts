// Bounded concurrency, per-call timeouts and a total deadline: network work never hangs and never floods.
import { setMaxListeners } from 'node:events';

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT_CB';
  constructor(readonly what: string, readonly ms: number, message = `${what} did not answer within ${ms} ms`, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimeoutError';
  }
}

/** Run `fn(item)` for every item with at most `limit` in flight; results keep the input order. Never rejects. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]!, i) };
      } catch (e) {
        results[i] = { status: 'rejected', reason: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A signal that aborts after `ms`, or when `parent` aborts, whichever comes first. */
export function timeoutSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(Math.max(1, Math.ceil(ms)));
  return parent ? AbortSignal.any([t, parent]) : t;
}

/**
 * Resolve with `p`, or reject with a TimeoutError after `ms` / when `signal` aborts. The timer never keeps the
 * process alive. Use for steps the SDK cannot cancel (credential providers): the work is abandoned, not awaited.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string, signal?: AbortSignal, shownMs = ms): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(new TimeoutError(what, shownMs)));
    const timer = setTimeout(onAbort, Math.max(1, ms));
    timer.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(f: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      f();
    }
    if (signal?.aborted) return onAbort();
    p.then((v) => finish(() => resolve(v)), (e) => finish(() => reject(e)));
  });
}

/** A deadline shared by the calls of one command: how much time is left, as a number and as a signal. */
export class Deadline {
  private readonly end: number;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  constructor(readonly totalMs: number, private readonly now: () => number = () => performance.now()) {
    this.end = now() + totalMs;
    // Every call of the command listens to this one signal.
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(() => this.controller.abort(new TimeoutError('the whole command', totalMs)), totalMs);
    this.timer.unref?.();
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  remaining(): number {
    return Math.max(0, Math.ceil(this.end - this.now()));
  }
  /** The per-call budget: `perCallMs`, cut to what is left of the deadline. */
  budget(perCallMs: number): number {
    return Math.max(1, Math.ceil(Math.min(perCallMs, this.remaining())));
  }
  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** The SDK's abort at a call's time limit, reported like our own timeout (what did not answer, within how long). */
export function asTimeout(what: string, ms: number): (e: unknown) => never {
  return (e) => {
    if ((e as Error)?.name === 'AbortError') throw new TimeoutError(what, ms);
    throw e;
  };
}

/**
 * The error of a call whose time-limit `signal` may have fired. A limit that runs out while the response is still
 * arriving (a slow drip of bytes: no idle timeout ever fires) makes the SDK report the socket it tore down ("aborted",
 * ECONNRESET), the same error as a connection the server cut. Only the signal tells them apart: when it fired for a
 * time limit, the failure is that limit.
 */
export function timeLimitError(e: unknown, signal: AbortSignal, what: string, ms: number): unknown {
  if (!signal.aborted || (signal.reason as { name?: string } | undefined)?.name !== 'TimeoutError') return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return e;
  const arriving = typeof (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 'number';
  return new TimeoutError(what, ms, `${what} did not finish within ${ms} ms${arriving ? ' (the response was still arriving)' : ''}`, { cause: e });
}
