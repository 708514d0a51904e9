import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CATALOG, explainText } from './catalog.js';

// Exact texts from CLAUDE-CODE-BEDROCK.md §3, the reference sheet and AWS-WIRE.md, with the entry each must hit first.
const CASES: { text: string; first: string; also?: string[]; source: string }[] = [
  { source: 'cc#1', first: 'sso-session-expired', text: 'API Error: The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.' },
  { source: 'cc#2', first: 'sts-token-expired', text: 'API Error: 403 The security token included in the request is expired' },
  { source: 'cc#3', first: 'auth-refresh-loop', text: 'Running AWS auth refresh command\nAttempting to open your default browser' },
  { source: 'cc#4', first: 'auth-refresh-hidden', text: '[3p-probe] bedrock-fallback hit 20000ms deadline' },
  { source: 'cc#4', first: 'auth-refresh-hidden', text: `SyntaxError: Unexpected token 'A', "Attempting"... is not valid JSON` },
  { source: 'cc#5', first: 'settings-wrong-file', text: 'No response.' },
  { source: 'cc#6', first: 'credential-export', text: 'An error occurred (AccessDenied) when calling the GetSessionToken operation: Cannot call GetSessionToken with session credentials' },
  { source: 'cc#6', first: 'credential-export', text: 'Fetched AWS caller identity, skipping AWS credential export command' },
  { source: 'cc#7', first: 'credential-resolve-hang', also: ['ide-env-missing'], text: 'API error (attempt 3/11): Could not load credentials from any providers' },
  { source: 'cc#7', first: 'credential-resolve-hang', text: 'API Error: AWS default-chain credential resolve timed out' },
  { source: 'cc#8', first: 'sso-region-mismatch', text: 'API Error: UnauthorizedException: Session token not found or invalid' },
  { source: 'cc#9', first: 'assume-role-chain', text: 'API Error: Profile is co' },
  { source: 'cc#10', first: 'on-demand-model-id', text: "API Error: 400 Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model." },
  { source: 'cc#11', first: 'model-access', text: "API Error: 403 You don't have access to the model with the specified model ID." },
  { source: 'cc#11', first: 'model-access', text: 'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.' },
  { source: 'cc#12', first: 'iam-denied', text: 'API Error: 403 {"Message":"User: arn:aws:sts::xxx:assumed-role/xxx is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1:…:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0 because no session policy allows…"}' },
  { source: 'cc#12', first: 'iam-denied', text: '…on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0 with an explicit deny in a service control policy' },
  { source: 'cc#13', first: 'invalid-model-id', also: ['region-not-read'], text: 'API Error (us.anthropic.claude-opus-4-6-v1): 400 The provided model identifier is invalid.' },
  { source: 'cc#15', first: 'throttling', text: 'API Error (429 Too many tokens, please wait before trying again.) · Retrying in 1 seconds… (attempt 1/10)' },
  { source: 'cc#15', first: 'throttling', text: 'ThrottlingException' },
  { source: 'cc#16', first: 'api-key-auth', text: '403 {"Message":"Authorization header is missing"}' },
  { source: 'cc#16', first: 'api-key-auth', text: '403 {"Message":"Authentication failed: Please make sure your API Key is valid."}' },
  { source: 'cc#17', first: 'ide-env-missing', text: 'Could not resolve authentication method. Expected either apiKey or authToken to be set. Or for one of the "X-Api-Key" or "Authorization" headers to be explicitly omitted' },
  { source: 'cc#18', first: 'aws-profile-leak', text: 'AWS_PROFILE leaks into Bash and MCP subprocesses: terraform ran against the wrong account' },
  { source: 'cc#19', first: 'settings-env-override', text: '"CLAUDE_CODE_USE_BEDROCK": "0" in settings.local.json' },
  { source: 'cc#20', first: 'tls-interception', text: 'Unable to connect to API: Self-signed certificate detected. Check your proxy or corporate SSL certificates' },
  { source: 'cc#20', first: 'proxy-event-stream', text: 'Bedrock streaming response has content-type "text/event-stream"; expected "application/vnd.amazon.eventstream"' },
  { source: 'cc#20', first: 'proxy-event-stream', text: 'API Error: Truncated event message received' },
  { source: 'cc#21', first: 'context-limit', text: 'API Error: 400 Input is too long for requested model.' },
  { source: 'cc#21', first: 'invalid-model-id', text: 'Error: 400 The provided model identifier is invalid.' },
  { source: 'cc#22', first: 'tooling-hang', text: 'claude doctor hangs with CLAUDE_CODE_USE_BEDROCK=1' },
  { source: 'cc#22', first: 'tooling-hang', text: "Press 'Enter' to automatically restart" },
  // AWS-WIRE.md texts (as botocore / the JS SDK print them).
  { source: 'wire', first: 'on-demand-model-id', text: 'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.' },
  { source: 'ref', first: 'on-demand-model-id', text: "on-demand throughput isn't supported" },
  { source: 'wire', first: 'marketplace-subscription', text: 'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 5 minutes.' },
  { source: 'wire', first: 'legacy-model', text: 'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 15 days. Please upgrade to an active model on Amazon Bedrock' },
  { source: 'wire', first: 'invalid-model-id', text: "1 validation error detected: Value 'bad id' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]" },
  { source: 'wire', first: 'throttling', text: 'Too many requests, please wait before trying again. You have sent too many requests.  Wait before trying again.' },
  { source: 'wire', first: 'service-unavailable', text: 'Bedrock is unable to process your request.' },
  { source: 'wire', first: 'sts-token-expired', text: 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired' },
  { source: 'wire', first: 'invalid-credentials', text: 'The security token included in the request is invalid.' },
  { source: 'wire', first: 'sso-session-expired', text: "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile." },
  { source: 'wire', first: 'sso-session-expired', text: 'Error when retrieving token from sso: Token has expired and refresh failed' },
  { source: 'wire', first: 'aws-login-expired', text: 'Failed to load a token for session arn:aws:iam::0123456789012:user/u, please re-authenticate using aws login' },
  // Reference troubleshooting table rows, as a user would paste them.
  { source: 'ref', first: 'token-expired', text: 'Token expired' },
  { source: 'ref', first: 'profile-not-found', text: 'The config profile (work-dev) could not be found' },
  { source: 'ref', first: 'profile-not-found', text: 'Could not resolve credentials using profile: [work-dev] in configuration/credentials file(s).' },
  { source: 'ref', first: 'access-denied', text: 'AccessDeniedException: Access denied' },
  { source: 'ref', first: 'model-not-available', text: 'Model not available' },
  { source: 'ref', first: 'network-unreachable', text: 'connect ETIMEDOUT 52.94.0.1:443' },
  { source: 'ref', first: 'region-not-supported', text: 'Region not supported' },
];

for (const c of CASES) {
  test(`explain: ${c.source} → ${c.first}: ${c.text.slice(0, 60)}`, () => {
    const ids = explainText(c.text).map((m) => m.id);
    assert.equal(ids[0], c.first, `matches: ${ids.join(', ')}`);
    for (const a of c.also ?? []) assert.ok(ids.includes(a), `also ${a} in ${ids.join(', ')}`);
  });
}

test('every Claude Code pattern (§3, 1–22) and every reference troubleshooting row has an entry', () => {
  const sources = new Set(CATALOG.flatMap((e) => e.sources));
  for (let i = 1; i <= 22; i++) assert.ok(sources.has(`cc#${i}`), `cc#${i} has no entry`);
  for (const row of ['Token expired', 'Profile not found', 'Access denied', 'Model not available', 'Network timeout', '"on-demand throughput isn\'t supported"', 'Region not supported']) {
    assert.ok(sources.has(`ref: ${row}`), `reference row ${row} has no entry`);
  }
});

test('every entry is hit by at least one documented text and has a cause, fix and confirming command', () => {
  const hit = new Set(CASES.flatMap((c) => explainText(c.text).map((m) => m.id)));
  for (const e of CATALOG) {
    assert.ok(hit.has(e.id), `${e.id} is never matched by a documented text`);
    const m = explainText(CASES.find((c) => explainText(c.text).some((x) => x.id === e.id))!.text).find((x) => x.id === e.id)!;
    assert.ok(m.cause.length > 20 && m.fix.length > 10 && m.confirm.length > 5, e.id);
  }
  assert.equal(new Set(CATALOG.map((e) => e.id)).size, CATALOG.length, 'ids are unique');
});

test('fixes carry the values from the message and the context', () => {
  const [od] = explainText('Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn’t supported.', { region: 'eu-west-1' });
  assert.match(od!.fix, /claude-bedrock models --map anthropic\.claude-sonnet-4-5-20250929-v1:0 --region eu-west-1/);
  const [iam] = explainText('User: arn:aws:sts::1:assumed-role/A/b is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2:1:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0 because no identity-based policy allows the bedrock:InvokeModel action');
  assert.match(iam!.fix, /allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2:1:inference-profile\/us\.anthropic\.claude-haiku-4-5-20251001-v1:0 /);
  const [list] = explainText('User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:ListInferenceProfiles on resource: arn:aws:bedrock:us-east-1:1:inference-profile/* because no identity-based policy allows the bedrock:ListInferenceProfiles action');
  assert.doesNotMatch(list!.fix, /HAIKU/, 'pinning models does not help a denied listing');
  const [scp] = explainText('is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/x with an explicit deny in a service control policy');
  assert.match(scp!.cause, /service control policy/);
  assert.match(scp!.fix, /organization admin/);
  const [sso] = explainText('The SSO session associated with this profile has expired.', { profile: 'dev' });
  assert.match(sso!.fix, /^claude-bedrock login --profile dev/);
  assert.match(sso!.confirm, /claude-bedrock status --profile dev/);
});

test('broad entries only appear when nothing specific matched; unrelated text matches nothing', () => {
  const ids = explainText('An error occurred (AccessDeniedException): You don\'t have access to the model with the specified model ID.').map((m) => m.id);
  assert.deepEqual(ids, ['model-access']);
  assert.deepEqual(explainText('everything is fine, thanks'), []);
  assert.deepEqual(explainText(''), []);
});

test('matching is linear on hostile input (no catastrophic backtracking)', () => {
  // In a child killed after 20 s: it takes milliseconds; a backtracking pattern would take hours on 50,000 characters.
  const code = `const { explainText } = await import(${JSON.stringify(new URL('./catalog.ts', import.meta.url).href)});
    explainText('is not authorized to perform: ' + 'a'.repeat(50_000) + ' on resource: ' + 'x'.repeat(50_000));
    explainText('token '.repeat(20_000));
    process.stdout.write('done');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, 'still matching after 20 s: a pattern backtracks');
  assert.equal(r.stdout, 'done', r.stderr);
});

test('expired temporary credentials: the fix names which ones, and restarts claude only for what Claude Code met', () => {
  const text = 'ExpiredToken: The security token included in the request is expired';
  const fix = (ctx: Parameters<typeof explainText>[1]) => explainText(text, ctx)[0]!.fix;
  assert.match(fix({ profile: 'keys', ownCall: true }), /^get new credentials for profile keys .*~\/\.aws\/credentials/);
  assert.doesNotMatch(fix({ profile: 'keys', ownCall: true }), /restart claude|tool that made them/);
  assert.match(fix({ ownCall: true }), /AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.*start claude again/);
  assert.match(fix({}), /restart claude \(claude --continue keeps the conversation\)/);
});

test('throttling: a global. profile is suggested only when the model is not one already', () => {
  const text = 'ThrottlingException: Too many tokens, please wait before trying again.';
  const fix = (model: string) => explainText(text, { model })[0]!.fix;
  assert.match(fix('us.anthropic.claude-haiku-4-5-20251001-v1:0'), /a global\. inference profile spreads load/);
  assert.doesNotMatch(fix('global.anthropic.claude-haiku-4-5-20251001-v1:0'), /inference profile spreads load/);
  assert.match(fix('global.anthropic.claude-haiku-4-5-20251001-v1:0'), /retry in a minute/);
  assert.doesNotMatch(fix('arn:aws:bedrock:us-west-2:1:inference-profile/global.anthropic.claude-opus-4-5-20251101-v1:0'), /spreads load over more regions/);
});
