// `claude-bedrock status`: the configuration Claude Code will run with, where each value comes from, and what to fix.
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import type { Output } from '../io/output.js';
import { table } from '../io/output.js';
import { loadSettingsSnapshot } from '../io/claude-settings.js';
import { buildStatusReport, type EffectiveEntry, type StatusReport, type ValueOrigin } from '../core/claude-settings/effective.js';
import { EXIT, UsageError } from '../errors.js';
import { shellWord } from '../core/sso/target.js';
import { renderOnlineStatus, type OnlineView } from '../aws/status-render.js';

interface Options { offline: boolean; profile?: string; region?: string }

export interface StatusResult extends StatusReport, Partial<OnlineView> {
  /** True while no online checks ran (auth clocks are then null). */
  offline: boolean;
}

/** The offline part of status: files and environment only, no network, no AWS SDK. The online checks extend it. */
export function buildOfflineStatus(deps: Deps): StatusResult {
  return { ...buildStatusReport(loadSettingsSnapshot(deps)), offline: true };
}

function from(o: { source: string; file?: string }): string {
  if (o.source === 'default') return 'default';
  if (o.source === 'shell') return 'shell';
  if (o.source === 'aws-profile') return `AWS profile (${o.file})`;
  return `${o.source} (${o.file})`;
}

function shown(v: unknown): string {
  return v === null || v === undefined ? '-' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

const AUTH_PHRASES: Record<string, string> = {
  env: 'access keys from the environment (AWS_ACCESS_KEY_ID)',
  'bearer-token': 'Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)',
  'credential-export': 'the awsCredentialExport command',
  skip: 'none: CLAUDE_CODE_SKIP_BEDROCK_AUTH is on (a gateway signs requests)',
};

function render(r: StatusResult, out: Output): void {
  const flag = r.effective.CLAUDE_CODE_USE_BEDROCK;
  out.print(r.configured
    ? `Claude Code uses Amazon Bedrock: ${out.green('yes')} (CLAUDE_CODE_USE_BEDROCK=${shown(flag.value)} from ${from(flag)})`
    : `Claude Code uses Amazon Bedrock: ${out.red('no')} (CLAUDE_CODE_USE_BEDROCK${flag.source === 'default' ? ' is not set' : `=${shown(flag.value)} from ${from(flag)}`})`);
  const prof = r.profile;
  const profDetail = prof.exists === null ? 'AWS files unreadable' : prof.exists ? `${prof.kind}${prof.refreshable ? ', refreshable' : ''}` : 'not found';
  const auth = AUTH_PHRASES[r.auth.kind] ?? (r.auth.profile ? `profile ${r.auth.profile} (${r.auth.kind})` : r.auth.kind);
  out.print(table([
    ['  profile', `${prof.name} (${profDetail})`, from(prof)],
    ['  region', r.region.value, from(r.region)],
    ['  model', r.model.value ?? "Claude Code's default", r.model.key ? `${r.model.key}, ${from(r.model)}` : 'default'],
    ['  auth', auth, r.auth.awsAuthRefresh ? `awsAuthRefresh: ${r.auth.awsAuthRefresh}` : 'no awsAuthRefresh'],
  ]));

  const set = (Object.entries(r.effective) as [string, EffectiveEntry][]).filter(([, e]) => e.source !== 'default');
  if (set.length > 0) {
    out.print('');
    out.print('Effective settings (highest precedence first: managed > local > project > user > shell):');
    const rows: string[][] = [];
    for (const [k, e] of set) {
      rows.push([`  ${k}`, shown(e.value), from(e)]);
      for (const s of e.shadowed as ValueOrigin[]) rows.push([`    ${out.dim('overrides')}`, out.dim(shown(s.value)), out.dim(from(s))]);
    }
    out.print(table(rows));
  }
  out.print('');
  out.print('Settings files:');
  out.print(table(r.files.map((f) => [`  ${f.layer}`, f.path, f.exists ? (f.used ? 'read' : 'not used (see warnings)') : 'absent'])));
  if (r.offline) out.print(out.dim('Auth expiry times need online checks: not shown.'));
  else renderOnlineStatus(r as StatusResult & OnlineView, out);
  if (r.warnings.length > 0) {
    out.print('');
    out.print(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) {
      out.print(`  ${w.severity === 'error' ? out.red('error') : out.yellow('warning')}: ${w.message}`);
      out.print(`    fix: ${w.fix}`);
    }
  }
}

const command: CommandModule<Options, StatusResult> = {
  help: `Usage: claude-bedrock status [--offline | --profile P] [--region R] [--json]

Shows the configuration Claude Code will run with on Bedrock: every relevant setting with the layer it comes from
(managed > local > project > user > shell), the values it overrides, the AWS profile, region, model and auth kind,
and every problem found, each with its fix. Secrets are never shown (API keys: "present"; access key IDs: AKIA…WXYZ).

  --offline          only read files and the environment (no network, no AWS calls)
  --profile <name>   the online checks (identity, clocks) use this profile instead of the configured one
  --region <r>       the online checks call STS in this region
  --json             {configured, effective{KEY:{value,source,file,shadowed}}, profile, region, model, auth{...},
                     warnings[], identity, identityError, checked, clocks[] (online)}

Online (the default) it also asks STS who the credentials belong to and shows each expiry clock (role credentials,
SSO access token, SSO refresh, aws login session, API key) with what Claude Code does when it runs out.
Exit codes: 0 · 4 the credentials need a login.`,
  globals: ['profile', 'region'],
  options: { offline: { type: 'boolean' } },
  parse: ({ values, global }) => {
    if (values.offline && (global.profile !== undefined || global.region !== undefined)) {
      const flag = global.profile !== undefined ? `--profile ${shellWord(global.profile)}` : `--region ${shellWord(global.region!)}`;
      throw new UsageError(`${flag.split(' ')[0]} chooses what the online checks use, and --offline makes none.`, `claude-bedrock status ${flag}`);
    }
    return { offline: !!values.offline, ...(global.profile !== undefined ? { profile: global.profile } : {}), ...(global.region !== undefined ? { region: global.region } : {}) };
  },
  async run(opts, deps) {
    const report = buildOfflineStatus(deps);
    if (opts.offline) return report;
    const { addOnlineStatus } = await import('../aws/status-online.js');
    return addOnlineStatus(deps, report, { ...(opts.profile !== undefined ? { profile: opts.profile } : {}), ...(opts.region !== undefined ? { region: opts.region } : {}) });
  },
  render,
  exitCode: (r) => (r.identityError?.kind === 'credentials-expired' ? EXIT.authNeeded : EXIT.ok),
};
export default command;
