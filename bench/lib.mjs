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

export function fmtRow(cols, widths) {
  return cols.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join('  ');
}
