// `npm run emulator -- --scenario NAME [--port N] [--host H] [--latency-ms N]`: run the emulator until Ctrl-C and print
// the shell exports that point the AWS CLI, the SDKs and Claude Code at it.
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, startEmulator } from './index.js';

const HELP = `Usage: npm run emulator -- [--scenario NAME] [--port N] [--host H] [--latency-ms N]

Scenarios: ${SCENARIO_NAMES.join(', ')}`;

function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

async function run(): Promise<void> {
  let values: { scenario?: string; port?: string; host?: string; 'latency-ms'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { scenario: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'latency-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  const name = values.scenario ?? 'default';
  if (!SCENARIO_NAMES.includes(name)) {
    process.stderr.write(`error: unknown scenario ${JSON.stringify(name)}\n  next: npm run emulator -- --scenario ${SCENARIO_NAMES[0]}   (one of: ${SCENARIO_NAMES.join(', ')})\n`);
    process.exitCode = 2;
    return;
  }
  const num = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer (got ${JSON.stringify(v)})`);
    return n;
  };
  const emu = await startEmulator({ scenario: name, port: num(values.port, '--port'), host: values.host, latencyMs: num(values['latency-ms'], '--latency-ms') });
  const s = emu.scenario;
  const lines = [`# claude-bedrock AWS emulator: scenario ${s.name} at ${emu.url}`, `# ${s.description}`];
  for (const [k, v] of Object.entries(emu.env)) lines.push(`export ${k}=${shellQuote(v)}`);
  const id = s.identities[0];
  if (id) {
    lines.push(`# Static keys (${id.arn}):`);
    for (const [k, v] of Object.entries(emu.staticCredentialsEnv())) lines.push(`export ${k}=${shellQuote(v)}`);
  }
  if (s.apiKeys[0]) lines.push(`# Bedrock API key instead of keys: export AWS_BEARER_TOKEN_BEDROCK=${shellQuote(s.apiKeys[0].key)}`);
  const user = s.sso.users[0];
  if (user) {
    const acct = user.accounts[0]!;
    lines.push(
      `# SSO profile for ~/.aws/config (Identity Center user ${user.userName}; logins are ${s.sso.autoApprove ? 'approved automatically' : `approved with: curl -X POST ${emu.url}/__emulator/approve`}):`,
      `#   [profile emulator]`,
      `#   sso_session = emulator`,
      `#   sso_account_id = ${acct.accountId}`,
      `#   sso_role_name = ${acct.roles[0]}`,
      `#   region = ${s.defaultRegion}`,
      `#   [sso-session emulator]`,
      `#   sso_start_url = ${user.startUrl}`,
      `#   sso_region = ${user.region}`,
      `#   sso_registration_scopes = sso:account:access`,
    );
  }
  lines.push('# Ctrl-C to stop.');
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => {
    void emu.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((e: unknown) => {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
