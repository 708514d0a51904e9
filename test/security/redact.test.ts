// scrubSecrets on the texts that carried secrets out before: diff context lines of settings and AWS config files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubDiff, scrubSecrets } from '../../src/core/redact.js';

test('a settings diff hides ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and Anthropic keys anywhere', () => {
  const diff = [
    '@@ -7,7 +7,7 @@',
    '     "ANTHROPIC_API_KEY": "sk-ant-api03-AAAAbbbbCCCCdddd",',
    '     "ANTHROPIC_AUTH_TOKEN": "tokenValue123456",',
    '     "primaryApiKey": "abcdefgh12345678",',
    '     "AWS_PROFILE": "dev"',
    '+  "awsAuthRefresh": "aws sso login --profile dev"',
    'pasted: sk-ant-api03-ZZZZyyyyXXXXwwww',
  ].join('\n');
  const out = scrubSecrets(diff);
  for (const s of ['sk-ant-api03-AAAAbbbbCCCCdddd', 'tokenValue123456', 'abcdefgh12345678', 'sk-ant-api03-ZZZZyyyyXXXXwwww']) assert.ok(!out.includes(s), `${s} in ${out}`);
  assert.match(out, /"AWS_PROFILE": "dev"/);
  assert.match(out, /aws sso login --profile dev/);
});

test('an AWS config diff hides credential_process command lines, even a malformed line without "="', () => {
  const diff = [
    ' [profile proc]',
    ' credential_process = /usr/local/bin/tool --client-secret s3cr3tValue0001 --user me',
    ' [profile broken]',
    ' credential_process /usr/local/bin/tool --client-secret s3cr3tValue0002',
    '-aws_secret_access_key  s3cr3tValue0003',
    '+sso_session = corp',
  ].join('\n');
  const out = scrubDiff(diff);
  for (const s of ['s3cr3tValue0001', 's3cr3tValue0002', 's3cr3tValue0003', '--user me']) assert.ok(!out.includes(s), `${s} in ${out}`);
  assert.match(out, /^\+sso_session = corp$/m);
  assert.match(out, /^ \[profile broken\]$/m);
});

test('prose that names credential_process keeps its words', () => {
  for (const t of ['no awsAuthRefresh: its credential_process renews the credentials itself', 'credential_process of profile asks failed: it did not finish within 1 s.', '  credential_process of profile x failed']) {
    assert.equal(scrubSecrets(t), t);
  }
});
