// Runs doctor checks (data: id, title, needs, run) all at once: each starts as soon as the checks it needs pass,
// a throw becomes `fail`, a timeout becomes `fail`, and a check whose prerequisite did not pass is `skip`. Pure.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckOutcome {
  status: CheckStatus;
  detail: string;
  /** The exact command (or action) that fixes it; set for warn and fail. */
  fix?: string;
}

export interface Check<C, O extends CheckOutcome = CheckOutcome> {
  id: string;
  title: string;
  /** Checks that must pass (or warn) first; otherwise this one is skipped. */
  needs?: string[];
  /** Needs the network (skipped with --offline). */
  online?: boolean;
  /** Longest this check may take (default from the runner). */
  timeoutMs?: number;
  run(ctx: C): Promise<O> | O;
}

/** A check's outcome as shown: any extra fields of the outcome (e.g. what --fix may do) are kept. */
export type CheckResult<O extends CheckOutcome = CheckOutcome> = Partial<Omit<O, keyof CheckOutcome>> & {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
};

export interface Summary {
  pass: number;
  warn: number;
  fail: number;
  skip: number;
}

export interface RunOptions {
  offline?: boolean;
  /** Why online checks are skipped (default: --offline). */
  offlineReason?: string;
  defaultTimeoutMs?: number;
  /** Scrubs secrets out of any text a check produced from an error (thrown messages can carry them). */
  scrub?: (text: string) => string;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 100) / 10} s`)), ms);
    t.unref?.();
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

/** Run every check; the results keep the order of `checks`. Never rejects. */
export async function runChecks<C, O extends CheckOutcome>(checks: Check<C, O>[], ctx: C, opts: RunOptions = {}): Promise<CheckResult<O>[]> {
  const scrub = opts.scrub ?? ((s: string) => s);
  const byId = new Map(checks.map((c) => [c.id, c]));
  const done = new Map<string, Promise<CheckResult<O>>>();

  const runOne = (c: Check<C, O>): Promise<CheckResult<O>> => {
    let p = done.get(c.id);
    if (p) return p;
    p = (async (): Promise<CheckResult<O>> => {
      const base = { id: c.id, title: c.title } as CheckResult<O>;
      if (c.online && opts.offline) return { ...base, status: 'skip', detail: opts.offlineReason ?? 'needs the network (--offline)', fix: null };
      for (const dep of c.needs ?? []) {
        const d = byId.get(dep);
        if (!d) throw new Error(`internal: check ${c.id} needs unknown check ${dep}`);
        const r = await runOne(d);
        if (r.status === 'fail' || r.status === 'skip') {
          return { ...base, status: 'skip', detail: `skipped: "${d.title}" did not pass`, fix: null };
        }
      }
      try {
        const ms = c.timeoutMs ?? opts.defaultTimeoutMs ?? 20_000;
        const o = await withTimeout(Promise.resolve().then(() => c.run(ctx)), ms, `check ${c.id}`);
        return { ...o, ...base, status: o.status, detail: scrub(o.detail), fix: o.fix ? scrub(o.fix) : null } as CheckResult<O>;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        const next = (e as { next?: string }).next;
        return { ...base, status: 'fail', detail: scrub(msg), fix: next ? scrub(next) : 'claude-bedrock doctor --debug  # and report the output' };
      }
    })();
    done.set(c.id, p);
    return p;
  };

  return Promise.all(checks.map(runOne));
}

export function summarize(results: { status: CheckStatus }[]): Summary {
  const s: Summary = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) s[r.status]++;
  return s;
}

/** Compare dotted versions numerically: <0 when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
