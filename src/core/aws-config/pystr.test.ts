// Python string semantics checked against python3 itself: shlex.split, str.strip, str.splitlines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { pySplitlines, pyStrip, shlexSplit } from './pystr.js';

const hasPython = spawnSync('python3', ['-c', 'import shlex'], { stdio: 'ignore' }).status === 0;

test('shlexSplit, pyStrip and pySplitlines agree with python3 on random strings', { skip: !hasPython && 'python3 is not installed' }, () => {
  const alphabet = fc.constantFrom('a', 'b', ' ', '\t', '"', "'", '\\', 'é', '\u00a0', '\x0b', '\x1c', '\x85', '\u2028', '\r', '\n', '#', '\ufeff');
  const inputs = [
    'profile dev', 'profile  "my name"', "profile 'x y'", 'profile a\\ b', 'profile "unclosed', 'profile trailing\\', 'profile ""', 'profile "a\\"b"', "profile 'a\\'b'", 'profile "a\\b"',
    ...fc.sample(fc.stringOf(alphabet, { maxLength: 12 }), { numRuns: 1500, seed: 11 }),
  ];
  const py = `
import json, shlex, sys
out = []
for s in json.load(sys.stdin):
    try:
        sp = shlex.split(s)
    except ValueError:
        sp = None
    out.append([sp, s.strip(), s.splitlines()])
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(inputs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as [string[] | null, string, string[]][];
  inputs.forEach((s, i) => {
    const [sp, strip, lines] = expected[i]!;
    assert.deepEqual(shlexSplit(s), sp, `shlex.split(${JSON.stringify(s)})`);
    assert.equal(pyStrip(s), strip, `strip(${JSON.stringify(s)})`);
    assert.deepEqual(pySplitlines(s), lines, `splitlines(${JSON.stringify(s)})`);
  });
});
