// `claude-bedrock models`: the Claude inference profiles AWS offers in a region (global. preferred), or which profiles
// contain a raw model ID (--map). Only IDs AWS returned are ever shown.
import type { CommandModule } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { table, type Output } from '../io/output.js';
import { parseModelId } from '../core/models/ids.js';
import { profilesContaining, rankClaudeProfiles, recommendedByFamily, type ModelEntry } from '../core/models/rank.js';
import { describeSource } from '../aws/credentials.js';
import { knownSecrets, ms, parseTimeoutFlag } from '../aws/command-support.js';
import { shellWord } from '../core/sso/target.js';

interface Options {
  profile?: string;
  region?: string;
  /** The foundation-model ID to map (from --map). */
  map?: string;
  /** Time limit of the listing (every page, every attempt). */
  perCallMs: number;
}

interface Result {
  source: string;
  profile: string | null;
  region: string;
  regionSource: string;
  models: ModelEntry[];
  application: ModelEntry[];
  recommended: Partial<Record<string, string>>;
  map: { model: string; profiles: string[] } | null;
}

const DEFAULT_PER_CALL_MS = 10_000;

const jsonModel = (m: ModelEntry) => ({ id: m.id, name: m.name, geo: m.geo, family: m.family, foundationModel: m.foundationModel, status: m.status, type: m.type });

function render(r: Result, out: Output): void {
  const where = `${r.region}${r.profile ? `, profile ${r.profile}` : ''}`;
  if (r.map) {
    if (!r.map.profiles.length) {
      out.print(`No inference profile in ${where} contains ${r.map.model}.`);
      out.print(`Look in other regions: claude-bedrock discover${r.profile ? ` --profile ${r.profile}` : ''}`);
      return;
    }
    out.print(`Inference profiles in ${where} that contain ${r.map.model} (best first):`);
    out.print(table([...r.models, ...r.application].map((m) => [`  ${m.id}`, m.type === 'APPLICATION' ? 'application' : (m.geo ?? ''), m.name])));
    out.print('');
    out.print(`Pin one: claude-bedrock setup${r.profile ? ` --profile ${r.profile}` : ''} --region ${r.region} --model ${r.map.profiles[0]}`);
    return;
  }
  if (!r.models.length && !r.application.length) {
    out.print(`No Claude inference profiles in ${where}.`);
    out.print(`Find the regions that have them: claude-bedrock discover${r.profile ? ` --profile ${r.profile}` : ''}`);
    return;
  }
  out.print(`Claude inference profiles in ${where} (newest first, global. preferred):`);
  out.print(table([['  ID', 'FAMILY', 'GEO', 'NAME'].map((h) => out.dim(h)), ...r.models.map((m) => [`  ${m.id}`, m.family ?? '', m.geo ?? '', m.name])]));
  if (r.application.length) {
    out.print('');
    out.print("Application inference profiles (your account's own):");
    out.print(table(r.application.map((m) => [`  ${m.id}`, m.family ?? '', m.name, out.dim(m.foundationModel ?? '')])));
  }
  const rec = Object.entries(r.recommended);
  if (rec.length) {
    out.print('');
    out.print(`Recommended: ${rec.map(([f, id]) => `${f} → ${id}`).join(', ')}`);
    const flags = [r.recommended.opus ?? r.recommended.sonnet ? `--model ${r.recommended.opus ?? r.recommended.sonnet}` : '', r.recommended.haiku ? `--haiku-model ${r.recommended.haiku}` : ''].filter(Boolean).join(' ');
    out.print(`Pin: claude-bedrock setup${r.profile ? ` --profile ${r.profile}` : ''} --region ${r.region} ${flags}`);
  }
}

const command: CommandModule<Options, Result> = {
  help: `Usage: claude-bedrock models [--profile P] [--region R] [--map MODEL_ID] [--timeout S] [--json]

Lists the Claude inference profiles AWS offers in a region, newest first, with their family (opus, sonnet, haiku)
and geography; a global. profile is preferred over the regional copies of the same model. Your account's
application inference profiles are listed apart. Only IDs that AWS returned are shown.

  --map <id>     the inference profiles whose routes contain a raw foundation-model ID such as
                 anthropic.claude-sonnet-4-5-20250929-v1:0 (the fix for "on-demand throughput isn't supported")
  --timeout <s>  time limit of the listing, every page and retry included (default ${DEFAULT_PER_CALL_MS / 1000}); a stalled or
                 slow endpoint ends as a timeout that names the region

Profile and region default to what Claude Code uses (AWS_PROFILE / AWS_REGION from your settings, the profile's
region, then us-east-1).

Exit codes: 0 · 3 --map found no profile · 4 a login is needed.
JSON: { profile, region, models: [{ id, name, geo, family, foundationModel, status, type }], recommended, map }`,
  globals: ['profile', 'region'],
  options: { map: { type: 'string' }, timeout: { type: 'string' } },
  parse({ values, global }) {
    let map: string | undefined;
    if (values.map !== undefined) {
      const p = parseModelId(String(values.map));
      if (p.kind !== 'foundation-model' && p.kind !== 'inference-profile' && p.kind !== 'inference-profile-arn') {
        throw new UsageError(`--map needs a Bedrock model ID such as anthropic.claude-sonnet-4-5-20250929-v1:0 (got ${JSON.stringify(values.map)}${p.reason ? `: ${p.reason}` : ''}).`, 'claude-bedrock models --map anthropic.claude-sonnet-4-5-20250929-v1:0');
      }
      map = p.foundationModel;
    }
    const perCallMs = parseTimeoutFlag(values.timeout, 'models', DEFAULT_PER_CALL_MS);
    return { ...(global.profile ? { profile: global.profile } : {}), ...(global.region ? { region: global.region } : {}), ...(map ? { map } : {}), perCallMs };
  },
  async run(opts, deps) {
    const { onlineContext } = await import('../aws/context.js');
    const ctx = onlineContext(deps, opts);
    const [{ createAwsApi }, { toFailure, failureError }] = await Promise.all([import('../aws/api.js'), import('../aws/failure.js')]);
    const api = createAwsApi(ctx.deps, { settings: { requestTimeoutMs: opts.perCallMs, connectTimeoutMs: Math.min(opts.perCallMs, 3_000), maxAttempts: 3, processTimeoutMs: opts.perCallMs }, warm: ['bedrock'], ...(ctx.bedrockBaseUrl ? { bedrockBaseUrl: ctx.bedrockBaseUrl } : {}) });
    const region = ctx.region.value;
    const profile = ctx.source.kind === 'profile' ? ctx.source.profile : null;
    try {
      let all;
      try {
        all = await api.listInferenceProfiles(ctx.source, region, { timeoutMs: opts.perCallMs });
      } catch (e) {
        const f = toFailure(e, { ...(profile ? { profile } : {}), region, secrets: knownSecrets(ctx.deps.env) });
        const what = `Listing the inference profiles in ${region} with ${describeSource(ctx.source)} failed`;
        if (f.kind !== 'timeout') throw failureError(f, what);
        const more = Math.min(600, Math.max(30, Math.ceil((opts.perCallMs * 3) / 1000)));
        throw failureError({ ...f, fix: `${f.fix}; on a slow link allow more time: claude-bedrock models${profile ? ` --profile ${shellWord(profile)}` : ''} --region ${region} --timeout ${more}` }, `${what} (time limit ${ms(opts.perCallMs)})`);
      }
      const base = { source: describeSource(ctx.source), profile, region, regionSource: ctx.region.source };
      if (opts.map) {
        const hits = profilesContaining(all, opts.map, region);
        return { ...base, models: hits.filter((m) => m.type !== 'APPLICATION'), application: hits.filter((m) => m.type === 'APPLICATION'), recommended: {}, map: { model: opts.map, profiles: hits.map((m) => m.id) } };
      }
      const ranked = rankClaudeProfiles(all, region);
      const rec = recommendedByFamily(ranked.profiles);
      return { ...base, models: ranked.profiles, application: ranked.application, recommended: Object.fromEntries(Object.entries(rec).map(([f, m]) => [f, m!.id])), map: null };
    } finally {
      api.close();
    }
  },
  toJson: (r) => ({
    profile: r.profile,
    region: r.region,
    models: [...r.models, ...r.application].map(jsonModel),
    recommended: r.recommended,
    map: r.map,
  }),
  render,
  exitCode: (r) => (r.map && r.map.profiles.length === 0 ? EXIT.checkFailed : EXIT.ok),
};
export default command;
