import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { compareVersions, runChecks, summarize, type Check } from './doctor.js';
import { ALL_CHECKS, TROUBLESHOOTING_ROWS } from './checks/index.js';
import { shellWords } from './checks/context.js';
import { ROOT } from '../../../test/helpers.js';

test('runner: concurrent, dependencies skip, a throw or a timeout becomes fail, order kept', async () => {
  const started: string[] = [];
  const checks: Check<null>[] = [
    { id: 'a', title: 'A', async run() { started.push('a'); await new Promise((r) => setTimeout(r, 30)); return { status: 'fail', detail: 'no', fix: 'do x' }; } },
    { id: 'b', title: 'B', needs: ['a'], run() { started.push('b'); return { status: 'pass', detail: 'yes' }; } },
    { id: 'c', title: 'C', run() { started.push('c'); throw Object.assign(new Error('boom AKIAIOSFODNN7EXAMPLE'), { next: 'fix it' }); } },
    { id: 'd', title: 'D', timeoutMs: 20, run: () => new Promise(() => {}) },
    { id: 'e', title: 'E', online: true, run() { started.push('e'); return { status: 'pass', detail: '' }; } },
    { id: 'f', title: 'F', needs: ['c'], run: () => ({ status: 'pass', detail: '' }) },
  ];
  const r = await runChecks(checks, null, { offline: true, scrub: (s) => s.replace(/AKIA\w+/g, '[key]') });
  assert.deepEqual(r.map((x) => [x.id, x.status]), [['a', 'fail'], ['b', 'skip'], ['c', 'fail'], ['d', 'fail'], ['e', 'skip'], ['f', 'skip']]);
  assert.deepEqual(started.sort(), ['a', 'c'], 'independent checks start at once; skipped ones never run');
  assert.equal(r[2]!.detail, 'boom [key]');
  assert.equal(r[2]!.fix, 'fix it');
  assert.match(r[3]!.detail, /did not finish/);
  assert.deepEqual(summarize(r), { pass: 0, warn: 0, fail: 3, skip: 3 });
});

test('every check id is unique and every dependency exists', () => {
  const ids = ALL_CHECKS.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of ALL_CHECKS) for (const n of c.needs ?? []) assert.ok(ids.includes(n), `${c.id} needs ${n}`);
});

test('every row of the reference troubleshooting table is covered by a check', () => {
  // The table as the reference sheet has it, kept in the repo (the sheet lives beside the checkout, not in it); where
  // the sheet is at hand, the copy must still equal it.
  const section = fs.readFileSync(path.join(ROOT, 'test', 'corpus', 'reference', 'troubleshooting.md'), 'utf8');
  const sheet = path.join(ROOT, '..', 'shared', 'reference', 'aws-bedrock-reference.md');
  if (fs.existsSync(sheet)) {
    const md = fs.readFileSync(sheet, 'utf8');
    assert.equal(md.slice(md.indexOf('## Troubleshooting'), md.indexOf('## AWS CLI Installation')).trimEnd(), section.trimEnd(), `${sheet} changed its troubleshooting table: update test/corpus/reference/troubleshooting.md`);
  }
  const rows = section.split('\n').filter((l) => l.startsWith('|') && !/^\|\s*-|^\|\s*Error\s*\|/.test(l)).map((l) => l.split('|')[1]!.trim());
  assert.ok(rows.length >= 7);
  const ids = new Set(ALL_CHECKS.map((c) => c.id));
  for (const row of rows) {
    const id = TROUBLESHOOTING_ROWS[row];
    assert.ok(id, `no check for "${row}"`);
    assert.ok(ids.has(id), `${row} → unknown check ${id}`);
  }
});

test('versions and command words', () => {
  assert.ok(compareVersions('2.1.207', '2.1.208') < 0);
  assert.ok(compareVersions('2.10.0', '2.9.9') > 0);
  assert.equal(compareVersions('2.1', '2.1.0'), 0);
  assert.deepEqual(shellWords(`aws sso login --profile 'my dev'`), ['aws', 'sso', 'login', '--profile', 'my dev']);
  assert.deepEqual(shellWords('a "b c" d\\ e;f'), ['a', 'b c', 'd e', ';', 'f']);
});
