// Offline checks: settings layers and AWS files, misplaced keys, shadowing, Bedrock on, the profile and its SSO format,
// the SSO token clocks, region, model IDs, awsAuthRefresh, network settings. All from files and the environment.
import type { Check } from '../doctor.js';
import type { ConfigWarning } from '../../claude-settings/effective.js';
import { checkConfiguredModel, parseModelId } from '../../models/ids.js';
import { ssoLoginCommand } from '../catalog.js';
import { shellWord } from '../../sso/target.js';
import { geoFitsRegion, geosForRegion } from '../../policy.js';
import { renewsWithoutLogin } from '../../claude-settings/setup-plan.js';
import {
  checkedRegion, configuredModels, credentialRoot, fail, fmtTime, pass, refreshFix, removeRefresh, setRefresh, setupRefreshCommand, shellWords, ssoCacheKey, warn, where,
  type DoctorContext, type DoctorOutcome, type FixAction,
} from './context.js';

type C = Check<DoctorContext, DoctorOutcome>;

function byIds(ctx: DoctorContext, ids: (id: string) => boolean): ConfigWarning[] {
  return ctx.report.warnings.filter((w) => ids(w.id));
}

/** One outcome from several warnings: fail if any is an error, else warn; every fix listed. */
function fromWarnings(ws: ConfigWarning[], ok: string, failOn: 'error' | 'any' = 'error'): DoctorOutcome {
  if (!ws.length) return pass(ok);
  const bad = failOn === 'any' || ws.some((w) => w.severity === 'error');
  const detail = ws.map((w) => w.message).join(' ');
  const fix = [...new Set(ws.map((w) => w.fix))].join('; ');
  return bad ? fail(detail, fix) : warn(detail, fix);
}


export const settingsFiles: C = {
  id: 'settings-files',
  title: 'Claude Code settings files parse',
  run(ctx) {
    const read = ctx.report.files.filter((f) => f.exists).map((f) => `${f.layer} ${f.path}`);
    return fromWarnings(byIds(ctx, (id) => id.startsWith('settings-')), read.length ? `read: ${read.join(', ')}` : 'no settings files yet (claude-bedrock setup writes ~/.claude/settings.json)');
  },
};

export const awsFiles: C = {
  id: 'aws-files',
  title: 'AWS config and credentials files parse',
  run(ctx) {
    const issues = (ctx.snap.awsIssues ?? []) as { file: string; line?: number; severity: 'error' | 'warning'; message: string; fix?: string; profile?: string }[];
    // Warnings about other profiles are not this configuration's problem (claude-bedrock profiles lists them).
    const relevant = issues.filter((i) => i.severity === 'error' || i.profile === undefined || i.profile === ctx.profileName || i.profile === credentialRoot(ctx.profile, ctx.profiles)?.name);
    if (!relevant.length) return pass(ctx.profiles ? `${ctx.profiles.filter((p) => p.sources.length).length} profile(s), no problem for the one in use` : 'no AWS files');
    const errors = relevant.filter((i) => i.severity === 'error');
    const shown = (errors.length ? errors : relevant).map((i) => `${i.message}${i.line ? ` (${i.file}:${i.line})` : ''}`);
    const fix = [...new Set((errors.length ? errors : relevant).map((i) => i.fix ?? 'claude-bedrock profiles'))].join('; ');
    return errors.length ? fail(shown.join(' '), fix) : warn(shown.join(' '), fix);
  },
};

export const misplacedKeys: C = {
  id: 'misplaced-keys',
  title: 'No settings in files Claude Code does not read',
  run(ctx) {
    const ws = byIds(ctx, (id) => id === 'misplaced-setting');
    if (!ws.length) return pass(`${ctx.snap.claudeState?.path ?? '~/.claude.json'} holds no settings keys`);
    // An awsAuthRefresh for a profile that renews itself would only be removed once moved (the auth-refresh check):
    // it is dropped from the file instead, in the same change set.
    const root = credentialRoot(ctx.profile, ctx.profiles);
    const renewsItself = !!root && renewsWithoutLogin(root.kind);
    const drop = (key: string | undefined) => key === 'awsAuthRefresh' && renewsItself;
    const state = ctx.snap.claudeState?.path ?? '~/.claude.json';
    const out = fromWarnings(ws.map((w) => (drop(w.key) ? { ...w, fix: `remove "awsAuthRefresh" from ${state} (profile ${ctx.profileName} renews without a login; claude-bedrock doctor --fix does it)` } : w)), '');
    return warn(out.detail, out.fix!, ws.map((w): FixAction => ({ kind: 'move-misplaced', key: w.key!, ...(drop(w.key) ? { drop: true } : {}) })));
  },
};

const SHADOW_IDS = new Set(['env-overrides-shell', 'bedrock-flag-conflict', 'static-keys-override-profile', 'anthropic-api-key-present', 'secret-in-project-settings']);

export const shadowing: C = {
  id: 'shadowing',
  title: 'No setting silently overrides another',
  run(ctx) {
    const ws = byIds(ctx, (id) => SHADOW_IDS.has(id));
    if (!ws.length) return pass('settings env, shell and credentials agree');
    const o = fromWarnings(ws, '');
    return warn(o.detail, o.fix!);
  },
};

export const bedrockEnabled: C = {
  id: 'bedrock-enabled',
  title: 'CLAUDE_CODE_USE_BEDROCK is on',
  run(ctx) {
    const flagIssues = byIds(ctx, (id) => id.startsWith('bedrock-flag-') && id !== 'bedrock-flag-conflict');
    const flag = ctx.report.effective.CLAUDE_CODE_USE_BEDROCK;
    if (!ctx.report.configured) {
      if (flagIssues.length) return fromWarnings(flagIssues, '', 'any');
      const why = flag.source === 'default' ? 'CLAUDE_CODE_USE_BEDROCK is not set' : `CLAUDE_CODE_USE_BEDROCK=${JSON.stringify(flag.value)} in ${where(flag)}`;
      return fail(`${why}, so Claude Code does not use Bedrock.`, `claude-bedrock setup --profile ${shellWord(ctx.profileName)} --region <region> --model <model>   (list models: claude-bedrock models)`);
    }
    if (flagIssues.length) return fromWarnings(flagIssues, '');
    return pass(`on (${where(flag)})`);
  },
};

/** Claude Code authenticates without a profile (API key, exported credentials, env keys, gateway)? */
function nonProfileAuth(ctx: DoctorContext): string | null {
  const k = ctx.report.auth.kind;
  if (k === 'bearer-token') return 'a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)';
  if (k === 'credential-export') return 'awsCredentialExport';
  if (k === 'env') return 'access keys in the environment';
  if (k === 'skip') return 'no AWS auth (CLAUDE_CODE_SKIP_BEDROCK_AUTH: a gateway signs requests)';
  return null;
}

export const profileCheck: C = {
  id: 'profile',
  title: 'AWS profile exists and has credentials',
  run(ctx) {
    const other = nonProfileAuth(ctx);
    if (other && !ctx.profile) return pass(`Claude Code authenticates with ${other}`);
    if (ctx.profiles === null) return fail('The AWS config files could not be read, so no profile can be used.', 'claude-bedrock profiles');
    const p = ctx.profile;
    if (!p) {
      const names = ctx.profiles.filter((x) => x.sources.length).map((x) => x.name);
      const nf = byIds(ctx, (id) => id === 'profile-not-found')[0];
      return fail(nf?.message ?? `AWS profile "${ctx.profileName}" does not exist${names.length ? ` (profiles: ${names.join(', ')})` : ' (there are no profiles)'}.`, 'claude-bedrock profiles   (create one: claude-bedrock sso add)');
    }
    if (p.kind === 'unknown') return fail(`Profile "${p.name}" has no credentials (no SSO settings, keys, role, credential_process or login session).`, `claude-bedrock sso add --profile ${shellWord(p.name)}`);
    const root = credentialRoot(p, ctx.profiles);
    const via = root && root !== p ? ` via ${root.name} (${root.kind})` : '';
    return pass(`"${p.name}": ${p.kind}${via}${p.refreshable ? ', refreshable' : ''}${other ? `; note: ${other} is used before it` : ''}`);
  },
};

export const ssoFormat: C = {
  id: 'sso-format',
  title: 'SSO profile refreshes (sso-session, not the legacy 8-hour format)',
  needs: ['profile'],
  run(ctx) {
    const root = credentialRoot(ctx.profile, ctx.profiles);
    if (!root) return pass('no profile in use');
    if (root.kind === 'sso-legacy') {
      return warn(
        `Profile "${root.name}" uses the legacy SSO format (sso_start_url in the profile): no refresh token, so a new browser login about every 8 hours.`,
        `claude-bedrock sso migrate --profile ${shellWord(root.name)}   then: claude-bedrock login --force --profile ${shellWord(root.name)}`,
        [{ kind: 'migrate-sso', profile: root.name }, { kind: 'login', profile: ctx.profileName, force: true }],
      );
    }
    if (root.kind === 'sso-session') {
      const scopes = (root.ssoRegistrationScopes ?? '').split(',').map((s) => s.trim());
      if (!scopes.includes('sso:account:access')) {
        return warn(`[sso-session ${root.ssoSession}] has no sso_registration_scopes = sso:account:access: device-code logins get no refresh token and expire after about 8 hours.`, `add "sso_registration_scopes = sso:account:access" under [sso-session ${root.ssoSession}], then: claude-bedrock login --force --profile ${shellWord(root.name)}`);
      }
      return pass(`[sso-session ${root.ssoSession}] with refresh tokens (up to 90 days between browser logins)`);
    }
    return pass(`not an SSO profile (${root.kind})`);
  },
};

export const ssoToken: C = {
  id: 'sso-token',
  title: 'SSO session clocks (access token, refresh, client registration)',
  needs: ['profile'],
  run(ctx) {
    const root = credentialRoot(ctx.profile, ctx.profiles);
    if (!root) return pass('no profile in use');
    const now = ctx.now;
    if (root.kind === 'login') {
      const t = ctx.loginToken(root.loginSession ?? '');
      if (!t.exists || t.invalid) return fail(`Profile "${root.name}" has no usable aws login session${t.invalid ? ` (${t.invalid})` : ''}.`, `aws login --profile ${shellWord(root.name)}`);
      return pass(`aws login session${t.accessTokenExpiresAt ? `, credentials until ${fmtTime(t.accessTokenExpiresAt, now)}` : ''}${t.refreshable ? ', refreshable' : ''}`);
    }
    const key = ssoCacheKey(root);
    if (key === null) return pass(`not an SSO profile (${root.kind}): no token clocks`);
    const login = ssoLoginCommand(ctx.profileName);
    const t = ctx.ssoToken(key);
    const loginFix = (force: boolean): FixAction[] => [{ kind: 'login', profile: ctx.profileName, force }];
    if (!t.exists) return fail(`Not signed in: no token for ${root.kind === 'sso-session' ? `[sso-session ${key}]` : key} in ~/.aws/sso/cache.`, login, loginFix(false));
    if (t.invalid || !t.accessTokenExpiresAt) return fail(`The cached SSO token is unusable (${t.invalid ?? 'no expiry'}).`, `${login} --force`, loginFix(true));
    const exp = t.accessTokenExpiresAt;
    const refreshes = root.kind === 'sso-session' && t.refreshable;
    const reg = t.registrationExpiresAt;
    const clocks = `access token ${exp.getTime() > now.getTime() ? 'valid until' : 'expired'} ${fmtTime(exp, now)}; ${refreshes ? `refreshes silently${reg ? ` until the client registration ends ${fmtTime(reg, now)}` : ''}` : 'does not refresh'}`;
    if (refreshes && reg && reg.getTime() <= now.getTime()) return fail(`The client registration expired ${fmtTime(reg, now)}, so the token can no longer refresh (${clocks}).`, `${login} --force`, loginFix(true));
    if (!refreshes && exp.getTime() <= now.getTime()) return fail(`The SSO session expired ${fmtTime(exp, now)} and cannot refresh.`, login, loginFix(root.kind === 'sso-session'));
    if (refreshes && reg && reg.getTime() - now.getTime() < 7 * 86_400_000) return warn(`The client registration ends ${fmtTime(reg, now)}; after that a browser login is needed (${clocks}).`, `${login} --force`);
    if (!refreshes && root.kind === 'sso-session') return warn(`The token for [sso-session ${key}] has no refresh token: a new browser login when it expires (${clocks}).`, `${login} --force`, loginFix(true));
    if (!refreshes && exp.getTime() - now.getTime() < 3_600_000) return warn(`The SSO session ends ${fmtTime(exp, now)} and cannot refresh.`, login);
    return pass(clocks);
  },
};

export const regionCheck: C = {
  id: 'region',
  title: 'AWS_REGION is set for Claude Code and fits the profile',
  run(ctx) {
    const o = configuredRegion(ctx);
    // The configured region is still what this check judges; say which one the rest of the run uses.
    return ctx.regionOverride ? { ...o, detail: `${o.detail} The model and AWS checks use --region ${ctx.regionOverride} instead.` } : o;
  },
};

function configuredRegion(ctx: DoctorContext): DoctorOutcome {
  const invalid = byIds(ctx, (id) => id === 'region-invalid' || id === 'region-prefix-invalid');
  if (invalid.some((w) => w.severity === 'error')) return fromWarnings(invalid, '');
  const r = ctx.report.region;
  const profileRegion = ctx.profile?.region;
  const target = ctx.snap.userSettingsPath;
  if (r.source === 'default') {
    return fail('No region is set (AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region): Claude Code sends every request to us-east-1, and 2.1.171 and older fail.', `claude-bedrock setup --profile ${shellWord(ctx.profileName)} --region <region> --model <model>   (find regions with Claude: claude-bedrock discover)`);
  }
  if (r.source === 'aws-profile') {
    return warn(
      `AWS_REGION is not set for Claude Code; it uses ${r.value} from profile "${ctx.profileName}" (read by Claude Code 2.1.172 and later only).`,
      `add "AWS_REGION": "${r.value}" to the "env" block of ${target}   (claude-bedrock doctor --fix does it)`,
      [{ kind: 'set-env', key: 'AWS_REGION', value: r.value, file: null }],
    );
  }
  const notes = invalid.map((w) => w.message);
  if (profileRegion && profileRegion !== r.value) {
    notes.push(`AWS_REGION=${r.value} (${where(r)}) differs from profile "${ctx.profileName}"'s region ${profileRegion}; Claude Code uses ${r.value} for Bedrock.`);
    return warn(notes.join(' '), `if ${profileRegion} is meant, set "AWS_REGION": "${profileRegion}" in ${r.file ?? target}; otherwise ignore`);
  }
  if (notes.length) return warn(notes.join(' '), invalid[0]!.fix);
  return pass(`${r.value} (${where(r)})`);
}

/** The region a model setting is called in (--region for all; else ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION for the Haiku pin). */
export function modelRegion(ctx: DoctorContext, key: string): string {
  if (ctx.regionOverride) return ctx.regionOverride;
  if (key === 'ANTHROPIC_DEFAULT_HAIKU_MODEL' || key === 'ANTHROPIC_SMALL_FAST_MODEL') {
    const r = ctx.env.ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION;
    if (r) return r;
  }
  return checkedRegion(ctx);
}

export const modelIds: C = {
  id: 'model-ids',
  title: 'Configured models are inference profiles that fit the region',
  run(ctx) {
    const models = configuredModels(ctx.snap);
    if (!models.length) {
      return warn('No model is pinned: Claude Code picks its own default (Opus 5 since 2.1.219, billed at Opus rates), which may not be enabled in your account.', 'claude-bedrock models   then: claude-bedrock setup --model <id>');
    }
    const problems: { detail: string; fix: string }[] = [];
    const ok: string[] = [];
    const mantle = ctx.env.CLAUDE_CODE_USE_MANTLE && /^(1|true)$/i.test(ctx.env.CLAUDE_CODE_USE_MANTLE);
    for (const m of models) {
      const region = modelRegion(ctx, m.key);
      const c = checkConfiguredModel(m.value);
      if (!c.ok) {
        if (c.parsed.kind === 'foundation-model' && mantle) { ok.push(`${m.key}=${m.value} (Mantle)`); continue; }
        problems.push({ detail: `${m.key} (${where(m.origin)}): ${c.reason}`, fix: c.suggestion ? `set ${m.key} to ${c.suggestion} (only if AWS lists it: claude-bedrock models --region ${region}; claude-bedrock doctor --fix checks)` : `claude-bedrock models --region ${region}` });
        continue;
      }
      const p = parseModelId(m.value);
      if ((p.kind === 'inference-profile' || p.kind === 'inference-profile-arn') && p.geo && !geoFitsRegion(p.geo, region)) {
        const fits = geosForRegion(region);
        problems.push({
          detail: `${m.key}=${m.value} (${where(m.origin)}) has the "${p.geo}." prefix, which cannot be called from ${region} (Bedrock answers "The provided model identifier is invalid"); ${region} takes ${fits.map((g) => `${g}.`).join(', ') || 'no cross-region prefix'}.`,
          fix: `set ${m.key} to ${fits[0] ?? 'global'}.${p.foundationModel}${p.oneM ? '[1m]' : ''} (check it is listed: claude-bedrock models --region ${region})`,
        });
        continue;
      }
      ok.push(`${m.key}=${m.value}${c.warning ? ` (${c.warning})` : ''}`);
    }
    if (problems.length) return fail(problems.map((p) => p.detail).join(' '), problems.map((p) => p.fix).join('; '));
    return pass(ok.join(', '));
  },
};

export const authRefresh: C = {
  id: 'auth-refresh',
  title: 'awsAuthRefresh runs a command that exists for a profile that can refresh',
  needs: ['profile'],
  run(ctx) {
    const cmd = ctx.report.auth.awsAuthRefresh;
    const root = credentialRoot(ctx.profile, ctx.profiles);
    const needsLogin = root?.kind === 'sso-session' || root?.kind === 'sso-legacy' || root?.kind === 'login';
    if (!cmd) {
      const want = setupRefreshCommand(ctx);
      if (!needsLogin || !ctx.profile || !want) return pass('not set (this profile renews without a browser login)');
      const detail = `awsAuthRefresh is not set: when the ${root!.kind} login expires, Claude Code stops with an auth error instead of signing in again.`;
      // The user's own command sits in ~/.claude.json: moving it (the misplaced-keys fix) comes before replacing it.
      const state = ctx.snap.claudeState;
      if (state?.misplacedKeys.includes('awsAuthRefresh')) return warn(`${detail} (It is in ${state.path}, which Claude Code does not read.)`, `move "awsAuthRefresh" from ${state.path} into ${ctx.snap.userSettingsPath}   (claude-bedrock doctor --fix does it)`);
      const f = setRefresh(ctx, want);
      return warn(detail, f.fix, f.autoFix);
    }
    const words = shellWords(cmd);
    const exe = words[0] ?? '';
    const pi = words.indexOf('--profile');
    const named = pi >= 0 ? words[pi + 1] : undefined;
    // A profile without a login (keys, credential_process, web identity): whatever the command logs in is not what
    // Claude Code uses, and logging this profile in fails ("does not use IAM Identity Center").
    if (ctx.profile && root && !needsLogin) {
      const f = removeRefresh(ctx);
      return warn(`awsAuthRefresh runs "${cmd}"${named !== undefined && named !== ctx.profileName ? ` (a login for profile "${named}")` : ''}, but profile "${ctx.profileName}" (${root.kind}) has no browser login to refresh.`, f.fix, f.autoFix);
    }
    if (!ctx.which(exe)) {
      const f = refreshFix(ctx);
      return fail(`awsAuthRefresh runs "${cmd}", but "${exe}" is not on PATH: the refresh will fail.`, exe === 'aws' ? `${f.fix}; no AWS CLI needed` : `install ${exe}, or ${f.fix}`, f.autoFix);
    }
    if (named !== undefined) {
      const p = ctx.profiles?.find((x) => x.name === named && x.sources.length);
      if (!p) { const f = refreshFix(ctx); return fail(`awsAuthRefresh "${cmd}" names profile "${named}", which does not exist.`, f.fix, f.autoFix); }
      const r = credentialRoot(p, ctx.profiles);
      if (!(r?.kind === 'sso-session' || r?.kind === 'sso-legacy' || r?.kind === 'login')) { const f = refreshFix(ctx); return fail(`awsAuthRefresh "${cmd}" refreshes profile "${named}" (${p.kind}), which has no login to refresh.`, f.fix, f.autoFix); }
      if (named !== ctx.profileName && r !== root) { const f = refreshFix(ctx); return warn(`awsAuthRefresh refreshes profile "${named}", but Claude Code uses "${ctx.profileName}".`, f.fix, f.autoFix); }
    } else if (ctx.profile && needsLogin && /\blogin\b/.test(cmd) && ctx.profileName !== 'default' && !ctx.env.AWS_PROFILE) {
      return warn(`awsAuthRefresh "${cmd}" names no profile, so it logs in the default profile, not "${ctx.profileName}".`, `add --profile ${shellWord(ctx.profileName)} to awsAuthRefresh`);
    }
    return pass(`"${cmd}" (${ctx.which(exe)})`);
  },
};

export const networkConfig: C = {
  id: 'network-config',
  title: 'Proxy and certificate settings are usable',
  run(ctx) {
    const e = ctx.env;
    const problems: { detail: string; fix: string }[] = [];
    for (const v of ['NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE']) {
      const f = e[v];
      if (f && !ctx.fileReadable(f)) problems.push({ detail: `${v}=${f} is not a readable file: TLS to Bedrock fails behind an inspecting proxy.`, fix: `ls -l ${f}   # point ${v} at your CA's PEM file, or unset it` });
    }
    const proxyVar = ['HTTPS_PROXY', 'https_proxy'].find((k) => e[k]);
    let proxy = 'direct (no HTTPS_PROXY)';
    if (proxyVar) {
      const raw = e[proxyVar]!;
      try {
        const u = new URL(raw.includes('://') ? raw : `http://${raw}`);
        proxy = `via ${proxyVar} ${u.protocol}//${u.host}${u.username ? ' (with credentials)' : ''}`;
      } catch {
        problems.push({ detail: `${proxyVar} is not a valid URL.`, fix: `export ${proxyVar}=http://proxy.example.com:8080` });
      }
    }
    if (problems.length) return fail(problems.map((p) => p.detail).join(' '), problems.map((p) => p.fix).join('; '));
    const ca = e.NODE_EXTRA_CA_CERTS ? `, extra CA ${e.NODE_EXTRA_CA_CERTS}` : '';
    return pass(`${proxy}${ca}`);
  },
};

export const CONFIG_CHECKS: C[] = [settingsFiles, awsFiles, misplacedKeys, shadowing, bedrockEnabled, profileCheck, ssoFormat, ssoToken, regionCheck, modelIds, authRefresh, networkConfig];
