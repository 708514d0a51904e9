import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameProblem, normalizeStartUrl, sameStartUrl, sessionNameFromStartUrl, startUrlProblem, validateName, validateRegion, validateAccountId, validateRoleName, validateStartUrl } from './validate.js';
import { UsageError } from '../../errors.js';

const rerun = (flag: string, value: string) => `claude-bedrock sso add ${flag} ${value}`;

test('start URLs: the awsapps.com forms (with # and #/) and identitycenter ssoins- are accepted', () => {
  for (const ok of [
    'https://d-1234567890.awsapps.com/start',
    'https://my-company.awsapps.com/start/',
    'https://my-company.awsapps.com/start#',
    'https://my-company.awsapps.com/start#/',
    'https://my-company.awsapps.com/start/#/',
    'https://my-company.awsapps.com/start/#',
    'https://identitycenter.amazonaws.com/ssoins-1234567890abcdef',
  ]) assert.equal(startUrlProblem(ok), undefined, ok);
  const bad: [string, RegExp][] = [
    ['http://d-1.awsapps.com/start', /http:\/\//],
    ['https://d-1.awsapps.com', /missing the \/start/],
    ['https://d-1.awsapps.com/start ', /whitespace/],
    ['https://evil.example.com/start', /not of the form/],
    ['https://d-1.awsapps.com/start/../x', /not of the form/],
    ['https://identitycenter.amazonaws.com/ssoins-', /not of the form/],
  ];
  for (const [url, re] of bad) assert.match(startUrlProblem(url)!, re, url);
  assert.throws(() => validateStartUrl('https://x.example.com', rerun), (e: unknown) => e instanceof UsageError && e.next === 'claude-bedrock sso add --start-url https://<your-id>.awsapps.com/start');
});

test('names with newline, ], =, quotes, $() or spaces are refused; ordinary names pass', () => {
  for (const ok of ['dev', 'bedrock-dev', 'my_sso.2', 'a@b+c', 'team/x:y', 'default']) assert.equal(nameProblem(ok), undefined, ok);
  const bad: [string, RegExp][] = [
    ['a\nb', /line break/],
    ['a]b', /"\]"/],
    ['a=b', /"="/],
    ['"q"', /"\\""/],
    ["it's", /"'"/],
    ['$(rm -rf ~)', /"\$"/],
    ['a b', /" "/],
    ['-x', /starts with "-"/],
    ['', /empty/],
    ['x'.repeat(65), /longer than 64/],
  ];
  for (const [name, re] of bad) assert.match(nameProblem(name)!, re, JSON.stringify(name));
  assert.throws(() => validateName('profile', 'a]b', '--profile', rerun), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && e.next === 'claude-bedrock sso add --profile bedrock-dev');
});

test('regions, accounts and roles', () => {
  for (const r of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-5']) assert.equal(validateRegion(r, '--sso-region', rerun), r);
  for (const r of ['us-east1', 'US-EAST-1', 'useast', 'us-east-1 ']) assert.throws(() => validateRegion(r, '--sso-region', rerun), UsageError, r);
  // The suggested command fixes an obvious typo, else shows an example.
  const next = (r: string) => { try { validateRegion(r, '--region', rerun); } catch (e) { return (e as UsageError).next; } };
  assert.equal(next('US-West2'), 'claude-bedrock sso add --region us-west-2');
  assert.equal(next('mars'), 'claude-bedrock sso add --region us-east-1');
  assert.equal(validateAccountId('111122223333', rerun), '111122223333');
  assert.throws(() => validateAccountId('1111-2222-3333', rerun), (e: unknown) => e instanceof UsageError && e.next === 'claude-bedrock sso add --account <account-id>');
  assert.equal(validateRoleName('AWSAdministratorAccess', rerun), 'AWSAdministratorAccess');
  assert.throws(() => validateRoleName('role with space', rerun), (e: unknown) => e instanceof UsageError && e.next === 'claude-bedrock sso add --role <role-name>');
});

test('a default session name comes from the start URL', () => {
  assert.equal(sessionNameFromStartUrl('https://Acme-Corp.awsapps.com/start#/'), 'acme-corp');
  assert.equal(sessionNameFromStartUrl('https://identitycenter.amazonaws.com/ssoins-1234567890abcdef'), 'ssoins-1234567890abcdef');
});

test('start URLs the user gives are normalized: # fragment, trailing slashes and surrounding spaces dropped, with why', () => {
  const U = 'https://d-1234567890.awsapps.com/start';
  assert.deepEqual(normalizeStartUrl(U), { url: U });
  assert.deepEqual(normalizeStartUrl(`${U}/#/`), { url: U, why: "the part after # is the portal's page, not the start URL" });
  assert.deepEqual(normalizeStartUrl(`${U}#/console?x=1`), { url: U, why: "the part after # is the portal's page, not the start URL" });
  assert.deepEqual(normalizeStartUrl(`${U}//`), { url: U, why: 'without the trailing /' });
  assert.deepEqual(normalizeStartUrl(` ${U} `), { url: U, why: 'without the surrounding spaces' });
  assert.equal(validateStartUrl(`${U}/#/`, rerun), U);
  assert.ok(sameStartUrl(U, `${U}/`) && sameStartUrl(`${U}/#/`, U));
  assert.ok(!sameStartUrl(U, 'https://d-1234567891.awsapps.com/start') && !sameStartUrl(U, undefined));
});
