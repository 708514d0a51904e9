// Cold-start cases: offline commands must cost little more than starting node itself.
import fs from 'node:fs';
import path from 'node:path';

function writeConfig(home, profiles) {
  const lines = [];
  for (let i = 0; i < profiles; i++) {
    if (i % 2 === 0) lines.push(`[profile p${i}]`, `sso_session = corp`, `sso_account_id = ${String(100000000000 + i)}`, `sso_role_name = Dev`, `region = us-west-2`, '');
    else lines.push(`[profile p${i}]`, `region = eu-west-1`, `role_arn = arn:aws:iam::123456789012:role/r${i}`, `source_profile = p${i - 1}`, '');
  }
  lines.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'config'), lines.join('\n'));
}

function home(root, name, profiles) {
  const h = path.join(root, name);
  fs.mkdirSync(path.join(h, '.claude'), { recursive: true });
  writeConfig(h, profiles);
  fs.writeFileSync(
    path.join(h, '.claude', 'settings.json'),
    JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'p0', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: 'global.anthropic.claude-opus-4-5-20251101-v1:0' }, permissions: { allow: [] } }, null, 2) + '\n',
  );
  return h;
}

function env(h) {
  const e = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|CLAUDE_|ANTHROPIC_)/.test(k)) e[k] = v;
  e.HOME = h;
  e.CLAUDE_BEDROCK_MANAGED_SETTINGS = path.join(h, 'managed-settings.json');
  return e;
}

export function coldStartCases(root) {
  const small = home(root, 'small', 10);
  const cases = [
    { name: '--version', args: ['--version'], env: env(small), ratioBudget: 1.5 },
    { name: '--help', args: ['--help'], env: env(small), ratioBudget: 1.5 },
    { name: 'profiles (10 profiles)', args: ['profiles'], env: env(small), ratioBudget: 1.5 },
    { name: 'status --offline', args: ['status', '--offline'], env: env(small), ratioBudget: 1.5 },
  ];
  for (const n of [1000, 10000]) {
    const h = home(root, `p${n}`, n);
    cases.push({ name: `profiles (${n} profiles)`, args: ['profiles', '--json'], env: env(h) });
  }
  cases.push({ name: 'hook session-start', args: ['hook', 'session-start'], env: env(small), absoluteBudgetMs: 100, optional: true });
  return cases;
}
