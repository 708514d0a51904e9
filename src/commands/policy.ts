// `claude-bedrock policy`: the minimal IAM policy for the configured (or given) models, background model included.
// Online: the account from STS and each profile's routes from ListInferenceProfiles; offline: `*` and documented routes.
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { loadSettingsSnapshot } from '../io/claude-settings.js';
import { buildStatusReport } from '../core/claude-settings/effective.js';
import { checkConfiguredModel, parseModelId } from '../core/models/ids.js';
import { isAwsRegion } from '../core/claude-settings/keys.js';
import { buildPolicy, offlinePolicyModel, partitionOf, type PolicyDocument, type PolicyModel } from '../core/policy.js';
import { configuredModels } from '../core/diagnosis/checks/context.js';

interface Options {
  models: string[];
  profile?: string;
  region?: string;
  offline: boolean;
}

export interface PolicyResult {
  policy: PolicyDocument;
  account: string;
  region: string;
  models: { id: string; source: string; routes: string }[];
  notes: string[];
}

/** The models a policy must cover: --model flags, else every model setting Claude Code reads. */
function chooseModels(opts: Options, deps: Deps): { ids: { id: string; source: string }[]; region: string; profile?: string } {
  const snap = loadSettingsSnapshot(deps);
  const report = buildStatusReport(snap);
  const region = opts.region ?? report.region.value;
  if (!isAwsRegion(region)) throw new UsageError(`${JSON.stringify(region)} is not an AWS region name (like us-west-2).`, 'claude-bedrock policy --region us-west-2');
  const ids = opts.models.length
    ? opts.models.map((id) => ({ id, source: '--model' }))
    : configuredModels(snap).map((m) => ({ id: m.value, source: m.key }));
  if (!ids.length) {
    throw new CliError({
      what: 'No model to write a policy for: none is configured and no --model was given.',
      why: 'The policy names each inference profile (and its foundation models) that Claude Code calls, including the background model.',
      next: 'claude-bedrock policy --model global.anthropic.claude-sonnet-4-5-20250929-v1:0 --model global.anthropic.claude-haiku-4-5-20251001-v1:0',
      code: 'no-models',
    });
  }
  const unique = [...new Map(ids.map((m) => [m.id.replace(/\[1m\]$/, ''), m])).values()];
  for (const m of unique) {
    const c = checkConfiguredModel(m.id);
    if (!c.ok || parseModelId(m.id).kind === 'alias') {
      throw new CliError({
        what: `${m.source}: ${c.ok ? `"${m.id}" is a Claude Code alias, not a Bedrock model ID` : c.reason}`,
        why: 'A policy can only name inference profiles and application-inference-profile ARNs.',
        next: `claude-bedrock models --region ${region}   (then pin the ID: claude-bedrock setup --model <id>)`,
        code: 'invalid-model',
      });
    }
  }
  const profile = opts.profile ?? (report.profile.source !== 'default' ? report.profile.name : undefined);
  return { ids: unique.map((m) => ({ id: m.id.replace(/\[1m\]$/, ''), source: m.source })), region, ...(profile ? { profile } : {}) };
}

async function onlineModels(deps: Deps, ids: { id: string }[], region: string, profile: string | undefined, notes: string[]): Promise<{ account: string; models: PolicyModel[] }> {
  const [{ onlineContext }, { createAwsApi }, { toFailure }] = await Promise.all([import('../aws/context.js'), import('../aws/api.js'), import('../aws/failure.js')]);
  const oc = onlineContext(deps, { ...(profile ? { profile } : {}), region });
  const api = createAwsApi(oc.deps, { ...(oc.bedrockBaseUrl ? { bedrockBaseUrl: oc.bedrockBaseUrl } : {}) });
  try {
    const [who, list] = await Promise.all([
      oc.source.kind === 'bearer' ? Promise.resolve(null) : api.callerIdentity(oc.source, region, { timeoutMs: 10_000 }),
      api.listInferenceProfiles(oc.source, region, { timeoutMs: 10_000 }),
    ]).catch((e) => {
      const f = toFailure(e, { ...(profile ? { profile } : {}), region });
      throw new CliError({ what: `Could not read the account and inference profiles (${f.message}).`, why: 'The policy names your account and the regions each profile routes to.', next: `${f.fix}   (or write a policy with * for the account: claude-bedrock policy --offline)`, code: 'policy-online' });
    });
    const account = who?.account ?? '*';
    if (!who) notes.push('A Bedrock API key has no STS identity: the account is written as *.');
    const models = ids.map((m): PolicyModel => {
      const p = parseModelId(m.id);
      const arnId = p.kind === 'application-profile-arn' || p.kind === 'inference-profile-arn';
      const found = list.find((x) => (arnId ? x.arn === m.id : x.id === m.id));
      if (!found) {
        notes.push(`${m.id} is not listed in ${region}: its routes come from the documented region sets.`);
        return offlinePolicyModel(m.id, region, account)!;
      }
      const fms = found.modelArns.length ? found.modelArns : offlinePolicyModel(m.id, region, account)!.foundationModelArns;
      return { id: m.id, profileArn: found.arn, foundationModelArns: fms };
    });
    return { account, models };
  } finally {
    api.close();
  }
}

export async function runPolicy(opts: Options, deps: Deps): Promise<PolicyResult> {
  const { ids, region, profile } = chooseModels(opts, deps);
  const notes: string[] = [];
  let account = '*';
  let models: PolicyModel[];
  if (opts.offline) {
    models = ids.map((m) => offlinePolicyModel(m.id, region, '*')!);
    notes.push('Offline: the account is * and each profile\'s routes are the documented region sets; run without --offline to read them from AWS.');
  } else {
    ({ account, models } = await onlineModels(deps, ids, region, profile, notes));
  }
  if (partitionOf(region) !== 'aws') notes.push(`${region} is in the ${partitionOf(region)} partition: the ARNs use arn:${partitionOf(region)}.`);
  if (models.some((m) => parseModelId(m.id).kind === 'application-profile-arn')) notes.push('Bedrock API keys also need bedrock:CallWithBearerToken.');
  return {
    policy: buildPolicy(models),
    account,
    region,
    models: models.map((m) => ({ id: m.id, source: ids.find((x) => x.id === m.id)?.source ?? '--model', routes: `${m.foundationModelArns.length} foundation-model ARN(s)` })),
    notes,
  };
}

const command: CommandModule<Options, PolicyResult> = {
  help: `Usage: claude-bedrock policy [--model ID]... [--profile P] [--region R] [--offline] [--json]

Prints the minimal IAM policy Claude Code needs for the configured models (ANTHROPIC_MODEL, the
ANTHROPIC_DEFAULT_*_MODEL pins including the background model, the model key) or the --model IDs given:
  - InvokeModel / InvokeModelWithResponseStream / GetInferenceProfile on each inference-profile ARN;
  - InvokeModel / InvokeModelWithResponseStream on the foundation model in every region the profile routes to,
    only through those profiles (condition bedrock:InferenceProfileArn);
  - ListInferenceProfiles, and the AWS Marketplace subscription Bedrock makes on first use.
Online, the account comes from STS and the routes from ListInferenceProfiles; with --offline the account is *
and the routes are the documented region sets.

  --json   exactly the policy document (paste it into IAM)`,
  globals: ['profile', 'region'],
  options: { model: { type: 'string', multiple: true }, offline: { type: 'boolean' } },
  parse: ({ values, global }) => ({
    models: (values.model as string[] | undefined) ?? [],
    ...(global.profile !== undefined ? { profile: global.profile } : {}),
    ...(global.region !== undefined ? { region: global.region } : {}),
    offline: !!values.offline,
  }),
  run: (opts, deps) => runPolicy(opts, deps),
  toJson: (r) => r.policy,
  render(r: PolicyResult, out: Output) {
    out.print(JSON.stringify(r.policy, null, 2));
    out.note(`Policy for ${r.models.map((m) => `${m.id} (${m.source})`).join(', ')} in ${r.region}, account ${r.account}.`);
    for (const n of r.notes) out.note(`note: ${n}`);
  },
};
export default command;
