// `npm run bench` stays runnable: one run of a cold-start case and of a network case on the emulator, and the JSON
// figures have the fields the README table is made from. Timings are not asserted (the bench measures speed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runProcess, tempDir } from '../helpers.js';

test('bench: a cold-start case and a network case run and are written with their baseline, ratio and budget', async () => {
  const out = path.join(tempDir('cb-bench-smoke-'), 'figures.json');
  const r = await runProcess(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'run.mjs')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RUNS: '1', BENCH_ONLY: '^(--version|discover 50 profiles, one identity @100ms)$', BENCH_OUT: out } as Record<string, string>,
    timeoutMs: 120_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /--version .* ≤ 1\.5×/);
  const j = JSON.parse(fs.readFileSync(out, 'utf8')) as { machine: { cpus: number; node: string }; cases: { name: string; median: number; baseline?: number; ratio?: number; budget?: string; ok?: boolean; error?: string }[] };
  assert.ok(j.machine.cpus > 0 && j.machine.node.startsWith('v'));
  assert.deepEqual(j.cases.map((c) => c.name), ['node -e 0', '--version', 'discover 50 profiles, one identity @100ms']);
  for (const c of j.cases) assert.equal(c.error, undefined, `${c.name}: ${c.error}`);
  const v = j.cases[1]!;
  assert.ok(v.median > 0 && v.baseline! > 0 && Math.abs(v.ratio! - v.median / v.baseline!) < 1e-9);
  assert.equal(v.budget, '≤ 1.5×');
  assert.equal(typeof v.ok, 'boolean');
  const d = j.cases[2]!;
  assert.ok(d.median > 0 && d.baseline! > 0);
});
