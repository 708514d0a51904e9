// Ctrl-C during a long wait (a network call, the browser sign-in, device-code polling, a lock held by another login)
// is a clean cancel, exactly like Ctrl-C at a prompt: CancelledError (exit 2, "Cancelled: nothing was written."),
// never the default SIGINT kill (exit 130) that would leave a loopback listener or half a login behind.
import type { Readable } from 'node:stream';
import type { Deps } from '../deps.js';
import { CancelledError } from '../errors.js';

type TtyIn = Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown; isRaw?: boolean };

export type InterruptDeps = Pick<Deps, 'stdin' | 'isTTY'> & Partial<Pick<Deps, 'onInterrupt'>>;

/**
 * Await `work` while watching for Ctrl-C: on a TTY stdin is put in raw mode, so the keystroke arrives as a byte (not as
 * a signal that would also reach child processes); and SIGINT itself (no TTY, or `kill -INT`) is caught while the
 * wait runs. Either rejects with CancelledError.
 *
 * When `work` is a function it is given an AbortSignal that fires on the cancel: it must stop there (abort its AWS
 * calls, close its listeners, write nothing), and the CancelledError is thrown once it has stopped, so nothing it
 * owns outlives the cancel. (A second Ctrl-C stops waiting for that.) A bare promise is simply abandoned: its owner
 * aborts it when the CancelledError reaches it.
 */
export async function interruptible<T>(deps: InterruptDeps, work: Promise<T> | ((signal: AbortSignal) => Promise<T>)): Promise<T> {
  const ac = new AbortController();
  let presses = 0;
  let rejectCancel!: (e: unknown) => void;
  let stopWaiting!: () => void;
  const cancelled = new Promise<never>((_, reject) => (rejectCancel = reject));
  const secondPress = new Promise<void>((resolve) => (stopWaiting = resolve));
  cancelled.catch(() => {});
  const cancel = () => {
    presses++;
    if (presses === 1) {
      ac.abort(new CancelledError());
      rejectCancel(ac.signal.reason);
    } else {
      stopWaiting();
    }
  };

  const input = deps.stdin as TtyIn;
  const raw = deps.isTTY.stdin && typeof input.setRawMode === 'function';
  const wasRaw = !!input.isRaw;
  const onData = (d: Buffer | string) => {
    if ((typeof d === 'string' ? d : d.toString('utf8')).includes('\x03')) cancel();
  };
  const off = deps.onInterrupt?.(cancel);
  if (raw) {
    input.setRawMode!(true);
    input.on('data', onData);
    input.resume();
  }
  try {
    if (typeof work !== 'function') return await Promise.race([work, cancelled]);
    const running = (async () => work(ac.signal))();
    try {
      return await Promise.race([running, cancelled]);
    } catch (e) {
      if (!ac.signal.aborted) throw e;
      // Let the work wind down (listener closed, lock released) before the cancel is reported.
      await Promise.race([running.then(() => undefined, () => undefined), secondPress]);
      throw ac.signal.reason;
    }
  } finally {
    off?.();
    if (raw) {
      input.removeListener('data', onData);
      input.setRawMode!(wasRaw);
      input.pause();
    }
  }
}

/** An abortable pause (rejects with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
