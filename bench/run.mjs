// `npm run bench`: cold-start and network benchmarks with budgets, as ratios to baselines measured in the same run.
// Writes bench/results/latest.json. Not part of the test pass/fail; prints OVER BUDGET rows and exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, measurePaired, fmtRow } from './lib.mjs';
import { coldStartCases } from './cold-start.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
// BENCH_ONLY=<regex>: run only the cases whose name matches (the baseline always runs).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const wanted = (name) => !only || only.test(name);

const rows = [];
const results = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: process.platform }, date: new Date().toISOString(), cases: [] };

function record(c) {
  results.cases.push(c);
  const ratio = c.ratio !== undefined ? `${c.ratio.toFixed(2)}×` : '';
  const ok = c.ok === undefined ? '' : c.ok ? 'ok' : 'OVER BUDGET';
  rows.push([c.name, `${c.median.toFixed(1)} ms`, c.baselineName ?? '', c.baseline !== undefined ? `${c.baseline.toFixed(1)} ms` : '', ratio, c.budget ?? '', ok]);
}

const baseline = await measure(process.execPath, ['-e', '0'], { runs });
record({ name: 'node -e 0', median: baseline.median });

const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-'));
try {
  for (const c of coldStartCases(fixtures).filter((c) => wanted(c.name))) {
    let m;
    try {
      m = await measurePaired({ cmd: process.execPath, args: ['-e', '0'] }, process.execPath, [CLI, ...c.args], { runs, env: c.env, cwd: fixtures, expectCode: c.expectCode ?? 0 });
    } catch (e) {
      rows.push([c.name, 'failed', '', '', '', '', String(e.message).split('\n')[0].slice(0, 80)]);
      results.cases.push({ name: c.name, error: String(e.message) });
      continue;
    }
    // The ratio is to `node -e 0` runs interleaved with this case's runs (see measurePaired).
    const ratio = m.median / m.baseline;
    const ok = c.absoluteBudgetMs !== undefined ? m.median <= c.absoluteBudgetMs : c.ratioBudget !== undefined ? ratio <= c.ratioBudget : undefined;
    record({
      name: c.name,
      median: m.median,
      baselineName: 'node -e 0',
      baseline: m.baseline,
      ratio,
      budget: c.absoluteBudgetMs !== undefined ? `≤ ${c.absoluteBudgetMs} ms` : c.ratioBudget !== undefined ? `≤ ${c.ratioBudget}×` : '',
      ok,
    });
  }
  const extra = path.join(ROOT, 'bench', 'network.mjs');
  if (fs.existsSync(extra)) {
    const { networkCases } = await import(extra);
    for (const c of await networkCases({ cli: CLI, fixtures, runs, baseline: baseline.median, wanted })) {
      if (c.error) {
        rows.push([c.name, 'failed', '', '', '', '', String(c.error).split('\n')[0].slice(0, 80)]);
        results.cases.push(c);
      } else record(c);
    }
  }
} finally {
  fs.rmSync(fixtures, { recursive: true, force: true });
}

const widths = [44, 11, 10, 11, 8, 12, 12];
console.log(fmtRow(['case', 'median', 'baseline', '', 'ratio', 'budget', ''], widths));
for (const r of rows) console.log(fmtRow(r, widths));
// BENCH_OUT=<file>: write the figures there instead (the bench smoke test uses it).
const outFile = process.env.BENCH_OUT ?? path.join(ROOT, 'bench', 'results', 'latest.json');
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${path.relative(ROOT, outFile)} (${runs} runs per case, median)`);
