// Strict settings parsing: what Claude Code rejects is an error with line and column; oddities are warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettingsText } from './parse.js';

const F = '/h/.claude/settings.json';

const cases: { name: string; text: string; ok: boolean; code?: string; line?: number; column?: number; match?: RegExp }[] = [
  { name: 'plain object', text: '{"env": {"A": "1"}}', ok: true },
  { name: 'empty file reads as no settings', text: '', ok: true },
  { name: 'whitespace only', text: ' \n\n', ok: true },
  { name: 'line comment', text: '{\n  // why\n  "a": 1\n}', ok: false, code: 'comments', line: 2, column: 3 },
  { name: 'block comment before the object', text: '/* x */ {}', ok: false, code: 'comments', line: 1, column: 1 },
  { name: 'trailing comma in object', text: '{\n  "a": 1,\n}\n', ok: false, code: 'trailing-comma', line: 2, column: 9 },
  { name: 'trailing comma in array', text: '{"a": [1, 2,]}', ok: false, code: 'trailing-comma', line: 1, column: 12 },
  { name: 'missing comma', text: '{\n  "a": 1\n  "b": 2\n}', ok: false, code: 'invalid-json', line: 3, column: 3, match: /expected ','/ },
  { name: 'single quotes', text: "{'a': 1}", ok: false, code: 'invalid-json', line: 1, column: 2 },
  { name: 'unterminated', text: '{"a": "x', ok: false, code: 'invalid-json', match: /unterminated string/ },
  { name: 'raw tab in a string', text: '{"a": "x\ty"}', ok: false, code: 'invalid-json', match: /control character/ },
  { name: 'two documents', text: '{}{}', ok: false, code: 'invalid-json', match: /after the end/ },
  { name: 'array root', text: '[]', ok: false, code: 'not-object' },
  { name: 'string root', text: '"x"', ok: false, code: 'not-object' },
  { name: 'env is a string', text: '{\n  "env": "CLAUDE_CODE_USE_BEDROCK=1"\n}', ok: false, code: 'env-not-object', line: 2, column: 3 },
  { name: 'env is an array', text: '{"env": []}', ok: false, code: 'env-not-object' },
  { name: 'env is null', text: '{"env": null}', ok: false, code: 'env-not-object' },
  { name: 'a byte-order mark is a warning (Claude Code reads the file)', text: '\ufeff{"a": 1}', ok: true, code: 'bom', line: 1, column: 1 },
  { name: 'number in env is a warning', text: '{"env": {\n "CLAUDE_CODE_USE_BEDROCK": 1}}', ok: true, code: 'env-value-not-string', line: 2, column: 2 },
  { name: 'boolean awsAuthRefresh', text: '{"awsAuthRefresh": true}', ok: true, code: 'setting-not-string' },
  { name: 'duplicate key', text: '{\n  "env": {\n    "A": "1",\n    "A": "2"\n  }\n}', ok: true, code: 'duplicate-key', line: 4, column: 5, match: /"env\.A" appears twice .* \(lines 3 and 4\)/ },
];

for (const c of cases) {
  test(`parseSettingsText: ${c.name}`, () => {
    const p = parseSettingsText(c.text, F);
    assert.equal(p.ok, c.ok);
    if (!c.code) {
      assert.deepEqual(p.issues, []);
      return;
    }
    const issue = p.issues.find((i) => i.code === c.code);
    assert.ok(issue, `expected ${c.code}, got ${JSON.stringify(p.issues)}`);
    assert.equal(issue.file, F);
    assert.equal(issue.severity, c.ok ? 'warning' : 'error');
    if (c.line !== undefined) assert.equal(issue.line, c.line, 'line');
    if (c.column !== undefined) assert.equal(issue.column, c.column, 'column');
    if (c.match) assert.match(issue.message, c.match);
    assert.ok(issue.message.includes(F), 'the message names the file');
    assert.ok(issue.fix.length > 0, 'every issue has a fix');
    if (!c.ok) assert.deepEqual(p.value, {}, 'a rejected file contributes nothing');
  });
}

test('duplicate keys resolve to the last one, as JSON.parse does', () => {
  const p = parseSettingsText('{"env": {"A": "1", "A": "2"}}', F);
  assert.equal((p.value.env as Record<string, string>).A, '2');
  assert.deepEqual(p.duplicatePaths, [['env', 'A']]);
});

test('comments and trailing commas are explained as Claude Code skipping the whole file', () => {
  for (const t of ['{"a": 1, // c\n}', '{"a": 1,}']) {
    const [issue] = parseSettingsText(t, F).issues;
    assert.match(issue!.message, /skips the whole file/);
  }
});
