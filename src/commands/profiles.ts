// `claude-bedrock profiles`: every AWS profile from the config and credentials files, classified, with its problems.
import path from 'node:path';
import type { CommandModule } from '../command.js';
import { CliError } from '../errors.js';
import { loadAwsFiles } from '../io/aws-files.js';
import { shq } from '../io/fs.js';
import { table, type Output } from '../io/output.js';
import { fingerprint } from '../core/redact.js';
import type { AwsProfile, ConfigIssue } from '../core/aws-config/index.js';

interface Options { profile?: string }

export interface ProfilesResult {
  configFile: string;
  credentialsFile: string;
  home: string;
  profiles: AwsProfile[];
  issues: ConfigIssue[];
}

const command: CommandModule<Options, ProfilesResult> = {
  help: `Usage: claude-bedrock profiles [--profile <name>] [--json]

Lists every AWS profile in the config file (~/.aws/config, or $AWS_CONFIG_FILE) and the credentials file
(~/.aws/credentials, or $AWS_SHARED_CREDENTIALS_FILE), read exactly as the AWS CLI reads them, and classified:
  sso-session         IAM Identity Center through an [sso-session]: tokens refresh for up to 90 days
  sso-legacy          inline sso_start_url: a new browser login every ~8 hours (fix: claude-bedrock sso migrate)
  static              long-lived access keys
  assume-role         role_arn with source_profile or credential_source
  credential-process  an external credential_process command
  login               aws login (console credentials)
  web-identity        role_arn with web_identity_token_file
  env                 AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment
  unknown             no credentials configured (e.g. only a region)
Problems that make AWS tools fail (duplicate sections, a missing [sso-session], source_profile loops, ...) are
listed with the file, the line and the fix. Nothing is written and no secret is shown.

Flags:
  --profile <name>   show only this profile (and the problems that concern it)
  --json             { profiles: [{ name, kind, region, ssoSession, ssoStartUrl, ssoRegion, ssoAccountId,
                       ssoRoleName, refreshable, sources[] }], issues: [...] }`,
  globals: ['profile'],
  parse: ({ global }) => ({ profile: global.profile }),
  async run(opts, deps) {
    const { config, credentials, model } = loadAwsFiles(deps);
    let profiles = model.profiles;
    let issues = model.issues;
    if (opts.profile !== undefined) {
      const want = opts.profile;
      profiles = profiles.filter((p) => p.name === want);
      if (!profiles.length) {
        const near = model.profiles.filter((p) => p.name.toLowerCase() === want.toLowerCase()).map((p) => p.name);
        throw new CliError({
          what: `No AWS profile named ${JSON.stringify(want)} in ${config.path} or ${credentials.path}.`,
          why: near.length ? `Profile names are case-sensitive; did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?` : `There ${model.profiles.length === 1 ? 'is 1 profile' : `are ${model.profiles.length} profiles`}.`,
          next: near.length ? `claude-bedrock profiles --profile ${shq(near[0]!)}` : 'claude-bedrock profiles',
          code: 'profile-not-found',
        });
      }
      const session = profiles[0]!.ssoSession;
      issues = issues.filter((i) => i.profile === want || (i.ssoSession !== undefined ? i.ssoSession === session : i.profile === undefined));
    }
    return { configFile: config.path, credentialsFile: credentials.path, home: deps.home(), profiles, issues };
  },
  toJson: (r) => ({
    configFile: r.configFile,
    credentialsFile: r.credentialsFile,
    profiles: r.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      region: p.region ?? null,
      ssoSession: p.ssoSession ?? null,
      ssoStartUrl: p.ssoStartUrl ?? null,
      ssoRegion: p.ssoRegion ?? null,
      ssoAccountId: p.ssoAccountId ?? null,
      ssoRoleName: p.ssoRoleName ?? null,
      roleArn: p.roleArn ?? null,
      sourceProfile: p.sourceProfile ?? null,
      refreshable: p.refreshable,
      sources: p.sources,
    })),
    issues: r.issues.map((i) => ({ file: i.file, line: i.line, severity: i.severity, code: i.code ?? null, profile: i.profile ?? null, ssoSession: i.ssoSession ?? null, message: i.message, fix: i.fix ?? null })),
  }),
  render(r, out) {
    const tilde = (p: string) => (r.home && (p === r.home || p.startsWith(r.home + path.sep)) ? '~' + p.slice(r.home.length) : p);
    if (!r.profiles.length) {
      out.print(`No AWS profiles in ${tilde(r.configFile)} or ${tilde(r.credentialsFile)}.`);
      out.print('Create one with IAM Identity Center: claude-bedrock sso add   (or: aws configure sso)');
    } else {
      const rows = [['PROFILE', 'KIND', 'REGION', 'DETAIL', 'REFRESH'].map((h) => out.bold(h))];
      for (const p of r.profiles) rows.push([p.name === '' ? '""' : p.name, p.kind, p.region ?? '-', detail(p), refresh(p, out)]);
      out.print(table(rows));
    }
    renderIssues(r, out, tilde);
    const hints = hintsFor(r.profiles);
    if (hints.length) {
      out.print('');
      for (const h of hints) out.print(out.dim(h));
    }
  },
};
export default command;

function detail(p: AwsProfile): string {
  switch (p.kind) {
    case 'sso-session':
    case 'sso-legacy': {
      const target = p.ssoAccountId || p.ssoRoleName ? `${p.ssoAccountId ?? '?'}/${p.ssoRoleName ?? '?'}` : 'token only';
      return p.kind === 'sso-session' ? `${target} via [sso-session ${p.ssoSession}]` : `${target} at ${p.ssoStartUrl ?? '?'}`;
    }
    case 'assume-role':
      return `${p.roleArn} from ${p.sourceProfile !== undefined ? `profile ${p.sourceProfile}` : p.credentialSource ?? '?'}`;
    case 'static':
      return `access key ${fingerprint(p.values.aws_access_key_id)}${p.values.aws_session_token ? ' + session token' : ''}`;
    case 'credential-process':
      // The command line may carry secrets: show only the program's name.
      return `credential_process ${path.basename((p.credentialProcess ?? '').trim().split(/\s+/)[0] ?? '')}`;
    case 'login':
      return p.loginSession ?? '';
    case 'web-identity':
      return `${p.roleArn ?? '?'} with token file`;
    case 'env':
      return 'AWS_ACCESS_KEY_ID in the environment';
    default:
      return '';
  }
}

function refresh(p: AwsProfile, out: Output): string {
  if (p.refreshable) return out.green('yes');
  if (p.kind === 'sso-legacy') return out.yellow('no (8h login)');
  return 'no';
}

function renderIssues(r: ProfilesResult, out: Output, tilde: (p: string) => string): void {
  if (!r.issues.length) return;
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const warnings = r.issues.length - errors;
  const count = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
  out.print('');
  out.print(out.bold(`${count}:`));
  for (const i of r.issues) {
    const where = i.line ? `${tilde(i.file)}:${i.line}` : tilde(i.file);
    const tag = i.severity === 'error' ? out.red('error  ') : out.yellow('warning');
    out.print(`  ${tag} ${where}  ${i.message}`);
    if (i.fix) out.print(`          fix: ${i.fix}`);
  }
}

function hintsFor(profiles: AwsProfile[]): string[] {
  const hints: string[] = [];
  const legacy = profiles.filter((p) => p.kind === 'sso-legacy');
  if (legacy.length) {
    const names = legacy.slice(0, 3).map((p) => p.name).join(', ') + (legacy.length > 3 ? `, ... (${legacy.length})` : '');
    hints.push(`Legacy SSO profiles (${names}) need a browser login every ~8 hours. Switch to a refreshable sso-session:`);
    hints.push(`  claude-bedrock sso migrate --profile ${shq(legacy[0]!.name)}`);
  }
  if (profiles.some((p) => p.kind === 'static' && !p.values.aws_session_token)) {
    hints.push('Long-lived access keys work but never expire; IAM Identity Center is safer: claude-bedrock sso add');
  }
  return hints;
}
