// Benchmark helpers: spawn a command N times, report the median wall time, compare against a baseline.
import { spawn } from 'node:child_process';

export function runOnce(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env, cwd: opts.cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (opts.expectCode !== undefined && code !== opts.expectCode) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`));
      } else resolve({ ms, code, out, err });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Run sequentially (not in parallel: parallel runs on 2 cores measure contention, not us). */
export async function measure(cmd, args, opts = {}) {
  const runs = opts.runs ?? 15;
  const warmup = opts.warmup ?? 2;
  for (let i = 0; i < warmup; i++) await runOnce(cmd, args, opts);
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await runOnce(cmd, args, opts)).ms);
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs };
}

/**
 * Alternate a baseline command and the measured one run by run, so both see the same machine (a slower minute slows
 * both); returns both medians. Cold-start ratios use this: they stay meaningful on a machine that is not idle.
 */
export async function measurePaired(baseline, cmd, args, opts = {}) {
  const runs = opts.runs ?? 15;
  const warmup = opts.warmup ?? 2;
  const b = [];
  const t = [];
  for (let i = 0; i < warmup + runs; i++) {
    const x = await runOnce(baseline.cmd, baseline.args, { env: opts.env, cwd: opts.cwd });
    const y = await runOnce(cmd, args, opts);
    if (i >= warmup) {
      b.push(x.ms);
      t.push(y.ms);
    }
  }
  return { median: median(t), min: Math.min(...t), max: Math.max(...t), baseline: median(b), runs };
}

export function fmtRow(cols, widths) {
  return cols.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join('  ');
}
