// planSettingsEdit: inline before/after cases, then properties over random, oddly formatted settings files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planSettingsEdit } from './edit.js';
import { FileError } from '../../errors.js';

const SETUP = {
  'env.CLAUDE_CODE_USE_BEDROCK': '1',
  'env.AWS_PROFILE': 'dev',
  'env.AWS_REGION': 'us-west-2',
  awsAuthRefresh: 'aws sso login --profile dev',
};

test('a new file gets the standard two-space layout', () => {
  assert.equal(
    planSettingsEdit('', { set: SETUP }),
    '{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n    "AWS_PROFILE": "dev",\n    "AWS_REGION": "us-west-2"\n  },\n  "awsAuthRefresh": "aws sso login --profile dev"\n}\n',
  );
});

test('keys are appended in the file\'s own indentation; everything else is untouched', () => {
  const before = '{\n    "permissions": {"allow": ["Bash(ls)"]},\n    "hooks": {\n        "Stop": []\n    }\n}\n';
  const after = planSettingsEdit(before, { set: { 'env.AWS_PROFILE': 'dev', awsAuthRefresh: 'x' } });
  assert.equal(after, '{\n    "permissions": {"allow": ["Bash(ls)"]},\n    "hooks": {\n        "Stop": []\n    },\n    "env": {\n        "AWS_PROFILE": "dev"\n    },\n    "awsAuthRefresh": "x"\n}\n');
});

test('tabs and CRLF are kept', () => {
  const before = '{\r\n\t"env": {\r\n\t\t"X": "1"\r\n\t}\r\n}\r\n';
  assert.equal(planSettingsEdit(before, { set: { 'env.AWS_PROFILE': 'dev' } }), '{\r\n\t"env": {\r\n\t\t"X": "1",\r\n\t\t"AWS_PROFILE": "dev"\r\n\t}\r\n}\r\n');
});

test('a one-line file stays on one line, with its own separators', () => {
  assert.equal(planSettingsEdit('{"a":1}', { set: { 'env.AWS_PROFILE': 'dev' } }), '{"a":1,"env":{"AWS_PROFILE":"dev"}}');
  assert.equal(planSettingsEdit('{ "a": 1, "env": { "X": "1" } }', { set: { 'env.Y': '2' } }), '{ "a": 1, "env": { "X": "1", "Y": "2" } }');
});

test('an existing value is replaced in place, keeping key order', () => {
  const before = '{\n  "env": {\n    "AWS_PROFILE": "old",\n    "OTHER": "x"\n  }\n}';
  assert.equal(planSettingsEdit(before, { set: { 'env.AWS_PROFILE': 'new' } }), '{\n  "env": {\n    "AWS_PROFILE": "new",\n    "OTHER": "x"\n  }\n}');
  assert.equal(planSettingsEdit(before, { set: { 'env.AWS_PROFILE': 'old' } }), before, 'same value: no edit at all');
});

test('unset removes first, middle, last and only keys cleanly', () => {
  const t = '{\n  "env": {\n    "A": "1",\n    "B": "2",\n    "C": "3"\n  },\n  "k": 1\n}\n';
  assert.equal(planSettingsEdit(t, { unset: ['env.A'] }), '{\n  "env": {\n    "B": "2",\n    "C": "3"\n  },\n  "k": 1\n}\n');
  assert.equal(planSettingsEdit(t, { unset: ['env.B'] }), '{\n  "env": {\n    "A": "1",\n    "C": "3"\n  },\n  "k": 1\n}\n');
  assert.equal(planSettingsEdit(t, { unset: ['env.C'] }), '{\n  "env": {\n    "A": "1",\n    "B": "2"\n  },\n  "k": 1\n}\n');
  assert.equal(planSettingsEdit(t, { unset: ['env.A', 'env.B', 'env.C'] }), '{\n  "env": {},\n  "k": 1\n}\n');
  assert.equal(planSettingsEdit(t, { unset: ['env.A', 'env.B', 'env.C'], pruneEmptied: true }), '{\n  "k": 1\n}\n');
  assert.equal(planSettingsEdit(t, { unset: ['env.NOPE', 'nope.x'] }), t, 'missing keys: no edit');
});

test('pruneEmptied leaves an env that still has keys, and never removes the root', () => {
  assert.equal(planSettingsEdit('{"env": {"A": "1", "B": "2"}}', { unset: ['env.A'], pruneEmptied: true }), '{"env": {"B": "2"}}');
  assert.equal(planSettingsEdit('{"awsAuthRefresh": "x"}', { unset: ['awsAuthRefresh'], pruneEmptied: true }), '{}');
});

test('a duplicated key: set changes the one that counts (the last), unset removes every copy', () => {
  const t = '{"env": {"A": "1", "A": "2"}}';
  assert.equal(planSettingsEdit(t, { set: { 'env.A': '3' } }), '{"env": {"A": "1", "A": "3"}}');
  assert.equal(planSettingsEdit(t, { unset: ['env.A'] }), '{"env": {}}');
});

test('values are JSON-escaped', () => {
  const out = planSettingsEdit('{}', { set: { awsAuthRefresh: 'say "hi" \\ \n' } });
  assert.equal(JSON.parse(out).awsAuthRefresh, 'say "hi" \\ \n');
});

test('files Claude Code rejects are refused with the file, line and column', () => {
  const cases: [string, RegExp][] = [
    ['{\n  "a": 1 // c\n}', /comment at line 2, column 10/],
    ['{\n  "a": 1,\n}', /trailing comma at line 2, column 9/],
    ['{\n  "a": 1\n  "b": 2\n}', /not valid JSON at line 3, column 3/],
    ['{"env": "x"}', /"env" .* is a string, not an object/],
    ['[1]', /not a JSON object/],
    ['\ufeff{}', /byte-order mark/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => planSettingsEdit(text, { set: SETUP }, '/x/settings.json'), (e: unknown) => {
      assert.ok(e instanceof FileError);
      assert.equal(e.file, '/x/settings.json');
      assert.match(e.message, re);
      assert.ok(e.next && e.next.length > 0);
      return true;
    });
  }
});

test('setting below a key that is not an object is refused', () => {
  assert.throws(() => planSettingsEdit('{"awsAuthRefresh": "x"}', { set: { 'awsAuthRefresh.y': '1' } }), /is not an object/);
});

// ---- properties ----

const MANAGED = ['CLAUDE_CODE_USE_BEDROCK', 'AWS_PROFILE', 'AWS_REGION', 'ANTHROPIC_MODEL'];
const WS = ['', ' ', '  ', '\t', '\n', '\n  ', '\n    ', '\n\t', '  \n', ' \n\t\t'];

/** Print a JSON value with whitespace drawn from `ws` between every token. Empty objects at `tight` paths print as {}. */
function printJson(v: unknown, ws: () => string, tight: (path: string[]) => boolean, path: string[] = []): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[' + ws() + ']';
    return '[' + v.map((x, i) => ws() + printJson(x, ws, tight, [...path, String(i)]) + ws()).join(',') + ']';
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return tight(path) ? '{}' : '{' + ws() + '}';
  return '{' + entries.map(([k, x]) => ws() + JSON.stringify(k) + ws() + ':' + ws() + printJson(x, ws, tight, [...path, k]) + ws()).join(',') + '}';
}

const key = fc.oneof(fc.constantFrom('hooks', 'permissions', 'mcpServers', 'statusLine', 'model', 'enabledPlugins'), fc.string({ maxLength: 8 }))
  .filter((k) => k !== 'env' && k !== 'awsAuthRefresh' && k !== '__proto__');
const envKey = fc.oneof(fc.constantFrom('FOO', 'NODE_OPTIONS', 'HTTPS_PROXY'), fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/)).filter((k) => !MANAGED.includes(k));
const settingsArb = fc.record({
  rest: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  env: fc.option(fc.dictionary(envKey, fc.string({ maxLength: 6 }), { maxKeys: 3 }), { nil: undefined }),
  envFirst: fc.boolean(),
  ws: fc.array(fc.constantFrom(...WS), { minLength: 1, maxLength: 40 }),
  crlf: fc.boolean(),
  trailingNewline: fc.boolean(),
  sets: fc.subarray(MANAGED, { minLength: 1 }),
  value: fc.string({ maxLength: 10 }),
});

type Gen = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Gen): { text: string; obj: Record<string, unknown> } {
  const obj: Record<string, unknown> = {};
  if (s.env !== undefined && s.envFirst) obj.env = s.env;
  Object.assign(obj, s.rest);
  if (s.env !== undefined && !s.envFirst) obj.env = s.env;
  let i = 0;
  const ws = () => s.ws[i++ % s.ws.length]!;
  // Only the objects the edit fills are printed tight: filling `{ }` then emptying it gives back `{}`.
  let text = printJson(obj, ws, (p) => p.length === 0 || (p.length === 1 && p[0] === 'env')) + (s.trailingNewline ? '\n' : '');
  if (s.crlf) text = text.replace(/\n/g, '\r\n');
  return { text, obj };
}

test('property: set then unset gives back the identical bytes', () => {
  fc.assert(
    fc.property(settingsArb, (s) => {
      const { text, obj } = build(s);
      const set = Object.fromEntries([...s.sets.map((k) => [`env.${k}`, s.value]), ['awsAuthRefresh', s.value]]);
      const after = planSettingsEdit(text, { set });
      const envWasEmpty = obj.env !== undefined && Object.keys(obj.env as object).length === 0;
      const back = planSettingsEdit(after, { unset: Object.keys(set), pruneEmptied: !envWasEmpty });
      assert.equal(back, text);
    }),
    { numRuns: 400 },
  );
});

test('property: unknown keys and their order are never lost, and the edit is idempotent', () => {
  fc.assert(
    fc.property(settingsArb, (s) => {
      const { text, obj } = build(s);
      const set = Object.fromEntries(s.sets.map((k) => [`env.${k}`, s.value]));
      const after = planSettingsEdit(text, { set });
      const expected = { ...obj, env: { ...((obj.env as object) ?? {}), ...Object.fromEntries(s.sets.map((k) => [k, s.value])) } };
      assert.equal(JSON.stringify(JSON.parse(after)), JSON.stringify(expected));
      assert.equal(planSettingsEdit(after, { set }), after);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), 'no bare LF added to a CRLF file');
    }),
    { numRuns: 400 },
  );
});

test('property: changing an existing value and changing it back gives back the identical bytes', () => {
  fc.assert(
    fc.property(settingsArb, fc.string({ maxLength: 6 }), (s, other) => {
      const withEnv = { ...s, env: { ...(s.env ?? {}), AWS_PROFILE: 'orig' } };
      const { text } = build(withEnv);
      const changed = planSettingsEdit(text, { set: { 'env.AWS_PROFILE': other } });
      assert.equal(JSON.parse(changed).env.AWS_PROFILE, other);
      assert.equal(planSettingsEdit(changed, { set: { 'env.AWS_PROFILE': 'orig' } }), text);
    }),
    { numRuns: 200 },
  );
});
