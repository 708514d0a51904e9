import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from './diff.js';

test('no change gives an empty diff', () => {
  assert.equal(unifiedDiff('f', 'a\nb\n', 'a\nb\n'), '');
});

test('a new file diffs against /dev/null', () => {
  assert.equal(unifiedDiff('f', null, 'x\ny\n'), '--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n');
});

test('one changed line in the middle keeps three lines of context', () => {
  const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
  const after = before.replace('5', 'five');
  assert.equal(unifiedDiff('f', before, after), ['--- a/f', '+++ b/f', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
});

test('two distant changes make two hunks', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
  const after = [...lines];
  after[2] = 'X';
  after[25] = 'Y';
  const d = unifiedDiff('f', lines.join('\n') + '\n', after.join('\n') + '\n');
  assert.equal(d.match(/^@@/gm)?.length, 2);
  assert.match(d, /^-l2\n\+X$/m);
  assert.match(d, /^-l25\n\+Y$/m);
});

test('deleting a file diffs to /dev/null', () => {
  assert.match(unifiedDiff('f', 'a\n', null), /^\+\+\+ \/dev\/null$/m);
});
