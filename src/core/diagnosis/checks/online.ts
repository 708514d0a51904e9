// Online checks: credentials (the role-credential clock), STS identity, Bedrock reachable in the region, configured
// models listed there, model access (1-token invokes), and the IAM actions Claude Code needs, read off real calls.
import type { Check } from '../doctor.js';
import { parseModelId } from '../../models/ids.js';
import { foundationModelOfArn } from '../../models/rank.js';
import { shellWord } from '../../sso/target.js';
import { modelRegion } from './config.js';
import {
  checkedRegion, configuredModels, fail, fmtTime, pass, primaryAndBackground, warn, wireModelId,
  type ConfiguredModel, type DoctorContext, type DoctorOutcome, type FixAction, type ListedProfile, type ModelProbe, type ProbeFailure,
} from './context.js';

type C = Check<DoctorContext, DoctorOutcome>;

const LOGIN_KINDS = new Set(['credentials-expired']);

function failed(f: ProbeFailure, what: string, autoFix?: FixAction[]): DoctorOutcome {
  return fail(`${what}: ${f.message}`, f.fix, autoFix);
}

function loginFix(ctx: DoctorContext, f: ProbeFailure): FixAction[] | undefined {
  return LOGIN_KINDS.has(f.kind) && ctx.profile ? [{ kind: 'login', profile: ctx.profileName, force: false }] : undefined;
}

export const credentials: C = {
  id: 'credentials',
  title: 'AWS credentials resolve (role credentials clock)',
  online: true,
  needs: ['profile'],
  async run(ctx) {
    const o = ctx.online!;
    if (o.bearer) return pass('a Bedrock API key: no AWS credentials to resolve');
    const r = await o.credentials();
    if (!r.ok) return failed(r.error, `Credentials for ${o.sourceLabel} did not resolve`, loginFix(ctx, r.error));
    const exp = r.value.expiration;
    return pass(`${o.sourceLabel}: ${r.value.kind} credentials${exp ? `, valid until ${fmtTime(exp, ctx.now)}` : ' (long-term keys: no expiry)'}`);
  },
};

export const identity: C = {
  id: 'identity',
  title: 'STS identity',
  online: true,
  needs: ['credentials'],
  async run(ctx) {
    const o = ctx.online!;
    if (o.bearer) return pass('a Bedrock API key has no STS identity');
    const r = await o.identity();
    if (!r.ok) return failed(r.error, 'STS GetCallerIdentity failed', loginFix(ctx, r.error));
    return pass(`account ${r.value.account}, ${r.value.arn}`);
  },
};

function isAnswer(f: ProbeFailure): boolean {
  // Bedrock answered (an HTTP status): the network path works even if the call was refused.
  return f.status !== null && !['network', 'timeout', 'tls', 'proxy'].includes(f.kind);
}

function claudeProfiles(list: ListedProfile[]): ListedProfile[] {
  return list.filter((p) => /(^|\.)anthropic\.claude/.test(p.id) || p.modelArns.some((a) => (foundationModelOfArn(a) ?? '').startsWith('anthropic.claude')));
}

export const bedrockReachable: C = {
  id: 'bedrock-reachable',
  title: 'Bedrock reachable in the region and serving Claude',
  online: true,
  needs: ['credentials'],
  async run(ctx) {
    const region = checkedRegion(ctx);
    const r = await ctx.online!.listProfiles(region);
    if (!r.ok) {
      if (isAnswer(r.error)) return pass(`Bedrock in ${region} answered in ${r.ms} ms (ListInferenceProfiles was refused: see the IAM check)`);
      return failed(r.error, `Bedrock in ${region} could not be reached`, loginFix(ctx, r.error));
    }
    const claude = claudeProfiles(r.value);
    if (!claude.length) return fail(`Bedrock in ${region} answered in ${r.ms} ms but offers no Claude inference profile there.`, `claude-bedrock discover --profile ${shellWord(ctx.profileName)}   (us-west-2 and us-east-1 have the widest choice)`);
    return pass(`${region} answered in ${r.ms} ms; ${claude.length} Claude inference profiles`);
  },
};

/** The listed profile that is the global. (else the region's) profile of a raw foundation-model ID. */
function listedProfileFor(fm: string, list: ListedProfile[]): ListedProfile | undefined {
  const base = fm.replace(/\[1m\]$/, '');
  const containing = list.filter((p) => p.type !== 'APPLICATION' && (p.id.endsWith(`.${base}`) || p.modelArns.some((a) => foundationModelOfArn(a) === base)));
  return containing.find((p) => p.id.startsWith('global.')) ?? containing[0];
}

export const modelsListed: C = {
  id: 'models-exist',
  title: 'Configured models exist in the region',
  online: true,
  needs: ['bedrock-reachable'],
  async run(ctx) {
    const models = configuredModels(ctx.snap);
    if (!models.length) return pass('no model pinned (see the model IDs check)');
    const problems: { detail: string; fix: string; autoFix?: FixAction }[] = [];
    const ok: string[] = [];
    const unlisted = new Set<string>();
    for (const m of models) {
      const region = modelRegion(ctx, m.key);
      const r = await ctx.online!.listProfiles(region);
      if (!r.ok) {
        // Once per region, however many models are called there.
        if (!unlisted.has(region)) problems.push({ detail: `cannot list the inference profiles of ${region}: ${r.error.message}`, fix: r.error.fix });
        unlisted.add(region);
        continue;
      }
      const p = parseModelId(m.value);
      const id = wireModelId(m.value);
      if (p.kind === 'alias') { ok.push(`${m.key}=${m.value} (alias)`); continue; }
      if (p.kind === 'foundation-model') {
        const listed = listedProfileFor(p.foundationModel ?? id, r.value);
        const to = listed ? `${listed.id}${p.oneM ? '[1m]' : ''}` : null;
        const canFix = to && to.startsWith('global.') && m.origin.file;
        problems.push({
          detail: `${m.key}=${m.value} is a raw foundation-model ID; Bedrock refuses it on demand.${to ? ` ${region} lists ${to}.` : ` ${region} lists no inference profile for it.`}`,
          fix: to ? `set ${m.key} to ${to}${m.origin.source === 'shell' ? ` (export ${m.key}=${to})` : ` in ${m.origin.file}`}` : `claude-bedrock models --region ${region}`,
          ...(canFix ? { autoFix: { kind: 'replace-model', key: m.key, from: m.value, to: to!, file: m.origin.file! } } : {}),
        });
        continue;
      }
      if (p.kind === 'invalid') { problems.push({ detail: `${m.key}=${m.value}: ${p.reason}`, fix: `claude-bedrock models --region ${region}` }); continue; }
      const found = p.kind === 'application-profile-arn' || p.kind === 'inference-profile-arn'
        ? r.value.find((x) => x.arn === id)
        : r.value.find((x) => x.id === id);
      if (!found) {
        const alt = p.foundationModel ? listedProfileFor(p.foundationModel, r.value) : undefined;
        problems.push({
          detail: `${m.key}=${m.value} is not an inference profile in ${region} (Bedrock answers "The provided model identifier is invalid").`,
          fix: alt ? `set ${m.key} to ${alt.id}${p.oneM ? '[1m]' : ''} (listed in ${region})` : `claude-bedrock models --region ${region}`,
        });
        continue;
      }
      ok.push(`${m.key}=${m.value}${found.status !== 'ACTIVE' ? ` (${found.status})` : ''}`);
    }
    if (problems.length) {
      const fixes = problems.map((p) => p.autoFix).filter((x): x is FixAction => !!x);
      return fail(problems.map((p) => p.detail).join(' '), [...new Set(problems.map((p) => p.fix))].join('; '), fixes);
    }
    return pass(ok.join(', '));
  },
};

interface Probed {
  role: 'primary' | 'background';
  model: ConfiguredModel;
  probe: ModelProbe;
}

/** Invoke and stream the primary and background models once (one shared probe for every check). */
async function probeModels(ctx: DoctorContext): Promise<Probed[]> {
  const { primary, background } = primaryAndBackground(ctx.snap);
  const targets: { role: Probed['role']; model: ConfiguredModel }[] = [];
  if (primary) targets.push({ role: 'primary', model: primary });
  if (background && background.value !== primary?.value) targets.push({ role: 'background', model: background });
  if (!targets.length) return [];
  const probes = await ctx.online!.testModels(targets.map((t) => ({ model: t.model.value, keys: [t.model.key], region: modelRegion(ctx, t.model.key) })));
  return targets.map((t, i) => ({ ...t, probe: probes[i]! }));
}

export const modelAccess: C = {
  id: 'model-access',
  title: 'Model access for the primary and background models (1-token invoke)',
  online: true,
  needs: ['credentials'],
  async run(ctx) {
    const probed = await probeModels(ctx);
    if (!probed.length) return pass('no model pinned: nothing to probe (see the model IDs check)');
    const bad: { detail: string; fix: string; warn: boolean }[] = [];
    const ok: string[] = [];
    for (const { role, model, probe } of probed) {
      const label = `${role} model ${model.value}`;
      const e = probe.error;
      if (!e || (probe.invoke && e.kind === 'access-denied')) {
        // An IAM denial of only one of the two APIs is the IAM check's finding; access itself works.
        ok.push(`${label} answered in ${probe.latencyMs ?? '?'} ms`);
        continue;
      }
      if (e.kind === 'throttled') { bad.push({ detail: `${label}: throttled (access works): ${e.message}`, fix: e.fix, warn: true }); continue; }
      bad.push({ detail: `${label}: ${e.message}`, fix: e.fix, warn: false });
    }
    if (bad.length) {
      const detail = [...bad.map((b) => b.detail), ...ok].join(' ');
      const fix = [...new Set(bad.map((b) => b.fix))].join('; ');
      return bad.every((b) => b.warn) ? warn(detail, fix) : fail(detail, fix);
    }
    return pass(ok.join('; '));
  },
};

const DENIED_RE = /not authorized to perform: ([\w-]+:\w+)(?: on resource: (\S+?))?(?= because| with|["'}\s]|$)/i;

export const iamPermissions: C = {
  id: 'iam-permissions',
  title: 'IAM allows what Claude Code calls (InvokeModel, InvokeModelWithResponseStream, ListInferenceProfiles, GetInferenceProfile)',
  online: true,
  needs: ['credentials'],
  async run(ctx) {
    const region = checkedRegion(ctx);
    const [list, probed] = await Promise.all([ctx.online!.listProfiles(region), probeModels(ctx)]);
    // Claude Code resolves an application-inference-profile ARN with GetInferenceProfile (to pick the request shape).
    const apps = probed.filter(({ model }) => parseModelId(model.value).kind === 'application-profile-arn');
    const resolved = await Promise.all(apps.map(({ model }) => ctx.online!.getProfile(modelRegion(ctx, model.key), model.value)));
    const calls: { action: string; error: ProbeFailure | null; on: string }[] = [{ action: 'bedrock:ListInferenceProfiles', error: list.ok ? null : list.error, on: region }];
    for (const { model, probe } of probed) {
      calls.push({ action: 'bedrock:InvokeModel', error: probe.invoke ? null : probe.error, on: model.value });
      calls.push({ action: 'bedrock:InvokeModelWithResponseStream', error: probe.stream ? null : probe.streamError ?? probe.error, on: model.value });
    }
    apps.forEach(({ model }, i) => {
      const r = resolved[i]!;
      calls.push({ action: 'bedrock:GetInferenceProfile', error: r.ok ? null : r.error, on: model.value });
    });
    const denied: string[] = [];
    const deniedSoft: string[] = [];
    const unverified = new Set<string>();
    const allowed = new Set<string>();
    let fix = '';
    for (const c of calls) {
      if (!c.error) { allowed.add(c.action); continue; }
      const e = c.error;
      const m = DENIED_RE.exec(e.message);
      if (e.kind === 'access-denied' || m) {
        const what = m ? `${m[1]}${m[2] ? ` on ${m[2]}` : ''}` : `${c.action} (${c.on}): ${e.message}`;
        // Without GetInferenceProfile Claude Code still works: it retries each new model with the other request shape.
        (c.action === 'bedrock:GetInferenceProfile' ? deniedSoft : denied).push(what);
        fix ||= e.fix;
      } else unverified.add(c.action);
    }
    for (const a of allowed) unverified.delete(a);
    const note = [...unverified].length ? ` Not verified (the call failed for another reason): ${[...unverified].join(', ')}.` : '';
    const gip = apps.length ? '' : ' bedrock:GetInferenceProfile not needed: no application-inference-profile ARN is configured.';
    const soft = deniedSoft.length
      ? ` Also denied: ${[...new Set(deniedSoft)].join('; ')} (Claude Code then retries every new model with the other request shape: an extra round trip).`
      : '';
    if (denied.length) {
      return fail(`Denied: ${[...new Set(denied)].join('; ')}.${soft}${note}`, `claude-bedrock policy   (prints the minimal IAM policy for your models); ${fix}`);
    }
    if (deniedSoft.length) {
      return warn(`allowed: ${[...allowed].join(', ')}.${soft}${note}`, `claude-bedrock policy   (prints the minimal IAM policy for your models, GetInferenceProfile included); ${fix}`);
    }
    // No call got far enough for IAM to answer (expired credentials, network): nothing to judge, the other checks say why.
    if (allowed.size === 0) return { status: 'skip', detail: `Nothing could be verified: every call failed before IAM decided (${[...unverified].join(', ') || 'no call made'}); see the checks above.` };
    return pass(`allowed: ${[...allowed].join(', ')}.${note}${gip}`);
  },
};

export const ONLINE_CHECKS: C[] = [credentials, identity, bedrockReachable, modelsListed, modelAccess, iamPermissions];
