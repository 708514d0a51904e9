// Prerequisite checks: Node, Claude Code (installed, and versions with known Bedrock regressions), the AWS CLI.
import { compareVersions, type Check } from '../doctor.js';
import { credentialRoot, fail, pass, refreshFix, shellWords, warn, type DoctorContext, type DoctorOutcome } from './context.js';

type C = Check<DoctorContext, DoctorOutcome>;

const CLAUDE_INSTALL = 'npm install -g @anthropic-ai/claude-code   (or the native installer: curl -fsSL https://claude.ai/install.sh | bash)';

export function awsCliInstallHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin': return 'brew install awscli   (AWS CLI v2)';
    case 'win32': return 'winget install Amazon.AWSCLI   (AWS CLI v2)';
    default: return 'install AWS CLI v2: curl "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" -o awscliv2.zip && unzip awscliv2.zip && sudo ./aws/install';
  }
}

/** What an AWS CLI version can do for SSO (none of it is required: claude-bedrock login signs in natively). */
export function awsCliCapabilities(version: string): { ssoSession: boolean; pkce: boolean; awsLogin: boolean } {
  const v2 = version.startsWith('2.');
  return {
    ssoSession: v2 && compareVersions(version, '2.9.0') >= 0,
    pkce: v2 && compareVersions(version, '2.22.0') >= 0,
    awsLogin: v2 && compareVersions(version, '2.32.0') >= 0,
  };
}

export function parseAwsCliVersion(text: string): string | null {
  return /aws-cli\/(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? null;
}

export function parseClaudeVersion(text: string): string | null {
  return /(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? null;
}

export const nodeVersion: C = {
  id: 'node-version',
  title: 'Node.js version',
  run(ctx) {
    const major = Number(ctx.nodeVersion.split('.')[0]);
    return major >= 20 ? pass(`Node.js ${ctx.nodeVersion}`) : fail(`Node.js ${ctx.nodeVersion} is older than 20, which claude-bedrock and current Claude Code need.`, 'install Node.js 20 or later (https://nodejs.org), then run claude-bedrock doctor again');
  },
};

export const claudeInstalled: C = {
  id: 'claude-code',
  title: 'Claude Code installed',
  timeoutMs: 6_000,
  async run(ctx) {
    const v = await ctx.claudeVersion();
    if (v === null) return warn('Claude Code (claude) is not installed or not on PATH; the Bedrock settings are ready for when it is.', CLAUDE_INSTALL);
    return pass(`Claude Code ${v}`);
  },
};

interface Regression { applies: boolean; status: 'fail' | 'warn'; text: string; fix: string }

/** Claude Code releases with a known Bedrock bug (CLAUDE-CODE-BEDROCK.md §2–§3), and whether it hits this configuration. */
export function claudeRegressions(v: string, ctx: DoctorContext): Regression[] {
  const auth = ctx.report.auth;
  const root = credentialRoot(ctx.profile, ctx.profiles);
  const sso = root?.kind === 'sso-session' || root?.kind === 'sso-legacy';
  const regionSet = ['AWS_REGION', 'AWS_DEFAULT_REGION'].some((k) => !!ctx.env[k]);
  const cmp = (x: string) => compareVersions(v, x);
  const update = 'claude update';
  return [
    { applies: cmp('2.1.171') <= 0 && !regionSet, status: 'fail', text: `Claude Code ${v} (2.1.171 and older) does not read the region from ~/.aws/config and AWS_REGION is not set, so requests go to us-east-1.`, fix: `${update}   (or set AWS_REGION: claude-bedrock doctor --fix)` },
    { applies: cmp('2.1.207') === 0 && sso, status: 'fail', text: `Claude Code 2.1.207 asks for SSO role credentials in the Bedrock region instead of the profile's sso_region ("UnauthorizedException: Session token not found or invalid").`, fix: `${update}   (fixed in 2.1.208)` },
    { applies: cmp('2.1.94') >= 0 && cmp('2.1.95') <= 0 && auth.kind === 'bearer-token', status: 'fail', text: `Claude Code ${v} does not send the Bedrock API key ("Authorization header is missing").`, fix: `${update}   (fixed in 2.1.96)` },
    { applies: cmp('2.1.141') < 0 && auth.awsCredentialExport, status: 'warn', text: `Claude Code ${v} skips awsCredentialExport whenever other credentials resolve (2.1.141 runs it always).`, fix: update },
    { applies: cmp('1.0.53') < 0 && !!auth.awsAuthRefresh, status: 'fail', text: `Claude Code ${v} does not support awsAuthRefresh (added in 1.0.53).`, fix: update },
    { applies: cmp('2.1.70') === 0, status: 'warn', text: 'Claude Code 2.1.70: `claude doctor` hangs when CLAUDE_CODE_USE_BEDROCK=1.', fix: update },
    { applies: cmp('2.1.204') === 0, status: 'warn', text: 'Claude Code 2.1.204 can crash when /setup-bedrock restarts it; restart claude by hand.', fix: update },
  ];
}

export const claudeVersionCheck: C = {
  id: 'claude-version',
  title: 'Claude Code version has no known Bedrock regression',
  needs: ['claude-code'],
  timeoutMs: 6_000,
  async run(ctx) {
    const v = await ctx.claudeVersion();
    if (v === null) return pass('Claude Code is not installed');
    if (v === 'unknown') return warn('"claude --version" did not print a version, so known regressions cannot be ruled out.', 'claude --version   (then: claude update)');
    const hits = claudeRegressions(v, ctx).filter((r) => r.applies);
    if (!hits.length) return pass(`Claude Code ${v}: no known Bedrock regression for this configuration`);
    const worst = hits.find((h) => h.status === 'fail') ?? hits[0]!;
    const o: DoctorOutcome = { status: worst.status, detail: hits.map((h) => h.text).join(' '), fix: worst.fix };
    return o;
  },
};

export const awsCli: C = {
  id: 'aws-cli',
  title: 'AWS CLI (optional)',
  timeoutMs: 6_000,
  async run(ctx) {
    const refresh = ctx.report.auth.awsAuthRefresh;
    const words = refresh ? shellWords(refresh) : [];
    const usedBy = words[0] === 'aws' ? `awsAuthRefresh runs "${refresh}"` : null;
    const r = await ctx.toolVersion('aws');
    if (r === null) {
      if (usedBy) { const f = refreshFix(ctx); return fail(`The AWS CLI is not installed, but ${usedBy}.`, `${awsCliInstallHint(ctx.platform)}; or without the AWS CLI: ${f.fix}`, f.autoFix); }
      return pass('not installed (not required: claude-bedrock login signs in to IAM Identity Center itself)');
    }
    const v = r.version;
    if (!v) return warn(`"${r.path} --version" printed something unexpected: ${(r.output ?? '').slice(0, 120)}`, 'aws --version');
    const cap = awsCliCapabilities(v);
    const can = [cap.ssoSession ? 'sso-session logins' : null, cap.pkce ? 'browser (PKCE) login' : null, cap.awsLogin ? 'aws login' : null].filter(Boolean);
    const detail = `AWS CLI ${v}${can.length ? `: ${can.join(', ')}` : v.startsWith('1.') ? ': v1 has no SSO login at all' : ': no sso-session support (needs 2.9)'}`;
    const root = credentialRoot(ctx.profile, ctx.profiles);
    if (usedBy && words[1] === 'sso' && words[2] === 'login') {
      if (!v.startsWith('2.')) { const f = refreshFix(ctx); return fail(`${detail}, but ${usedBy}.`, `${awsCliInstallHint(ctx.platform)}; or without the AWS CLI: ${f.fix}`, f.autoFix); }
      if (root?.kind === 'sso-session' && !cap.ssoSession) { const f = refreshFix(ctx); return fail(`${detail}, but ${usedBy} for an sso-session profile (AWS CLI 2.9 or later needed).`, `${awsCliInstallHint(ctx.platform)}; or without the AWS CLI: ${f.fix}`, f.autoFix); }
    }
    if (usedBy && words[1] === 'login' && !cap.awsLogin) return fail(`${detail}, but ${usedBy} (aws login needs AWS CLI 2.32 or later).`, awsCliInstallHint(ctx.platform));
    return pass(detail);
  },
};

export const PREREQ_CHECKS: C[] = [nodeVersion, claudeInstalled, claudeVersionCheck, awsCli];

/**
 * A version that the install path itself names, so no process has to start: Homebrew (…/Cellar/awscli/2.15.30/…),
 * the AWS CLI v2 installer (…/aws-cli/v2/2.15.30/…), Claude Code's native installer (…/claude/versions/2.1.332).
 */
export function versionFromInstallPath(tool: 'claude' | 'aws', realPath: string): string | null {
  const p = realPath.replace(/\\/g, '/');
  const re = tool === 'aws' ? /\/(?:awscli|aws-cli\/v2)\/(\d+\.\d+\.\d+)(?:[/_]|$)/ : /\/claude\/versions\/(\d+\.\d+\.\d+)(?:\/|$)/;
  return re.exec(p)?.[1] ?? null;
}
