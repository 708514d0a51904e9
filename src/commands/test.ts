// `claude-bedrock test`: a 1-token call of every model Claude Code is configured to use, through both APIs it uses.
import type { CommandModule } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { knownSecrets, noteNetwork, requireCredentials, ms, parseTimeoutFlag } from '../aws/command-support.js';
import { describeSource } from '../aws/credentials.js';
import type { ModelTestResult, ModelToTest } from '../aws/invoke-test.js';
import type { OnlineContext } from '../aws/context.js';
import { modelIdShapeProblem } from '../core/models/ids.js';
import { shellWord } from '../core/sso/target.js';

interface Options {
  profile?: string;
  region?: string;
  models: string[];
  timeoutMs: number;
}

interface Result {
  source: string;
  sourceOrigin: string;
  profile: string | null;
  region: string;
  results: ModelTestResult[];
  skipped: { key: string; model: string; why: string }[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The keys whose models Claude Code calls, in the order they matter. `model` (settings key) stands in for ANTHROPIC_MODEL. */
const MODEL_KEYS = ['ANTHROPIC_MODEL', 'ANTHROPIC_DEFAULT_OPUS_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_DEFAULT_FABLE_MODEL', 'ANTHROPIC_SMALL_FAST_MODEL', 'CLAUDE_CODE_SUBAGENT_MODEL'];
const BACKGROUND_KEYS = ['ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_SMALL_FAST_MODEL'];

async function configuredModels(ctx: OnlineContext, opts: Options): Promise<{ models: ModelToTest[]; skipped: Result['skipped'] }> {
  const { effectiveRaw } = await import('../core/claude-settings/effective.js');
  const { parseModelId } = await import('../core/models/ids.js');
  const region = ctx.region.value;
  if (opts.models.length) return { models: opts.models.map((model) => ({ model, keys: ['--model'], region })), skipped: [] };
  const byId = new Map<string, ModelToTest>();
  const skipped: Result['skipped'] = [];
  const smallFastRegion = ctx.deps.env.ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION;
  for (const key of MODEL_KEYS) {
    let o = effectiveRaw(ctx.snapshot, key);
    let shownKey = key;
    if (key === 'ANTHROPIC_MODEL' && (typeof o?.value !== 'string' || !o.value)) {
      o = effectiveRaw(ctx.snapshot, 'model');
      shownKey = 'model';
    }
    const model = typeof o?.value === 'string' ? o.value.trim() : '';
    if (!model || (key === 'CLAUDE_CODE_SUBAGENT_MODEL' && model === 'inherit')) continue;
    if (parseModelId(model).kind === 'alias') {
      skipped.push({ key: shownKey, model, why: 'an alias: Claude Code resolves it through ANTHROPIC_DEFAULT_*_MODEL (tested when set) or its built-in default' });
      continue;
    }
    // The background-model region override only applies to the Haiku-class pins (CLAUDE-CODE-BEDROCK §2b).
    const r = !opts.region && BACKGROUND_KEYS.includes(key) && smallFastRegion ? smallFastRegion : region;
    const id = `${model}|${r}`;
    const cur = byId.get(id);
    if (cur) cur.keys.push(shownKey);
    else byId.set(id, { model, keys: [shownKey], region: r });
  }
  return { models: [...byId.values()], skipped };
}

function render(r: Result, out: Output): void {
  out.print(`Tested with ${r.source} (${r.sourceOrigin}), region ${r.region}: InvokeModel and InvokeModelWithResponseStream, 1 token each.`);
  for (const x of r.results) {
    const ok = x.invoke && x.stream;
    const where = x.region !== r.region ? ` [${x.region}]` : '';
    const timing = ok ? out.dim(`invoke ${ms(x.latencyMs!)} · first streamed event ${ms(x.streamFirstEventMs!)}`) : `invoke ${x.invoke ? 'ok' : out.red('failed')} · stream ${x.stream ? 'ok' : out.red('failed')}`;
    out.print(`  ${ok ? out.green('✓') : out.red('✗')} ${x.model}${where}  ${out.dim(x.keys.join(', '))}  ${timing}`);
    for (const f of [x.error, x.streamError]) {
      if (!f) continue;
      out.print(`      ${f.message}`);
      out.print(`      fix: ${f.fix}`);
    }
  }
  for (const s of r.skipped) out.print(out.dim(`  - ${s.model} (${s.key}) not tested: ${s.why}`));
  const bad = r.results.filter((x) => !x.invoke || !x.stream).length;
  out.print('');
  const n = r.results.length;
  out.print(bad ? `${out.red(`${bad} of ${n}`)} model${n === 1 ? '' : 's'} failed.` : n === 1 ? 'The model works.' : `All ${n} models work.`);
}

const command: CommandModule<Options, Result> = {
  help: `Usage: claude-bedrock test [--model ID]... [--profile P] [--region R] [--timeout S] [--json]

Calls every model Claude Code is configured to use (ANTHROPIC_MODEL or the model setting, and the
ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU,FABLE}_MODEL / ANTHROPIC_SMALL_FAST_MODEL / CLAUDE_CODE_SUBAGENT_MODEL pins,
including the background Haiku model and its ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION) with a 1-token InvokeModel and
InvokeModelWithResponseStream — the two APIs Claude Code uses — using the credentials and region Claude Code
would use. Each failure says which it is (raw model ID, model access not granted, IAM denial with the action and
resource, throttling, model not in the region, expired credentials, an expired or damaged short-term Bedrock API
key, network / proxy / TLS) and the fix. For a wrong ID it lists the inference profiles AWS offers in that region
that contain the model.

  --model <id>    test this ID instead of the configured ones (repeatable); an inference-profile ID, a raw
                  foundation-model ID (tried, to show Bedrock's answer) or an ARN. Anything that cannot be one
                  (a path, whitespace, control characters, empty) is refused before any call (exit 2)
  --timeout <s>   per call, default ${DEFAULT_TIMEOUT_MS / 1000}

Costs: two 1-token requests per model.
Exit codes: 0 all work · 3 any failed · 4 the credentials need a login first (or Bedrock said they expired).
JSON: { profile, region, results: [{ model, keys, region, invoke, stream, latencyMs, streamFirstEventMs, error, streamError, suggestions }] }`,
  globals: ['profile', 'region'],
  options: { model: { type: 'string', multiple: true }, timeout: { type: 'string' } },
  parse({ values, global }) {
    const raw = values.model;
    const models = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map(String);
    for (const m of models) {
      // Refused here, before any call: what cannot be a model ID would only reach AWS as a URL-encoded oddity.
      const problem = modelIdShapeProblem(m);
      if (problem) {
        const where = `${global.profile ? ` --profile ${shellWord(global.profile)}` : ''}${global.region ? ` --region ${shellWord(global.region)}` : ''}`;
        throw new UsageError(
          `--model ${JSON.stringify(m)} cannot be a Bedrock model ID: ${problem}. Expected an inference-profile ID (global.anthropic.claude-sonnet-4-5-20250929-v1:0), a foundation-model ID (anthropic.claude-…) or an ARN (arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>).`,
          `claude-bedrock models${where}  # the IDs AWS offers`,
        );
      }
    }
    return { ...(global.profile ? { profile: global.profile } : {}), ...(global.region ? { region: global.region } : {}), models: [...new Set(models)], timeoutMs: parseTimeoutFlag(values.timeout, 'test', DEFAULT_TIMEOUT_MS) };
  },
  async run(opts, deps, out) {
    const { onlineContext } = await import('../aws/context.js');
    const ctx = onlineContext(deps, opts);
    const { models, skipped } = await configuredModels(ctx, opts);
    if (!models.length) {
      throw new CliError({
        what: 'No model is configured to test.',
        why: skipped.length ? `Only aliases are set (${skipped.map((s) => `${s.key}=${s.model}`).join(', ')}), and no ANTHROPIC_DEFAULT_*_MODEL pin says what they resolve to.` : 'Neither ANTHROPIC_MODEL / model nor any ANTHROPIC_DEFAULT_*_MODEL is set, so Claude Code would use its built-in default, which depends on its version.',
        next: `claude-bedrock models${opts.profile ? ` --profile ${opts.profile}` : ''}  # then: claude-bedrock test --model <id>`,
        code: 'no-models',
      });
    }
    const [{ createAwsApi }, { testModels }] = await Promise.all([import('../aws/api.js'), import('../aws/invoke-test.js')]);
    const api = createAwsApi(ctx.deps, { settings: { requestTimeoutMs: opts.timeoutMs, processTimeoutMs: Math.min(opts.timeoutMs, 15_000) }, warm: ['runtime'], ...(ctx.bedrockBaseUrl ? { bedrockBaseUrl: ctx.bedrockBaseUrl } : {}) });
    const profile = ctx.source.kind === 'profile' ? ctx.source.profile : null;
    const secrets = knownSecrets(ctx.deps.env);
    try {
      await requireCredentials(api, ctx.source, secrets);
      noteNetwork(out, api.network);
      if (!out.json) out.note(`Testing ${models.length} model${models.length === 1 ? '' : 's'}…`);
      const apiKey = ctx.source.kind === 'bearer' ? (await import('../aws/api-key.js')).bearerKeyContext(ctx.deps.env.AWS_BEARER_TOKEN_BEDROCK ?? '', ctx.deps.now()) : undefined;
      const results = await testModels(api, ctx.source, models, { timeoutMs: opts.timeoutMs, ...(profile ? { profile } : {}), secrets, ...(apiKey ? { apiKey } : {}) });
      return { source: describeSource(ctx.source), sourceOrigin: ctx.sourceOrigin, profile, region: ctx.region.value, results, skipped };
    } finally {
      api.close();
    }
  },
  toJson: (r) => ({
    profile: r.profile,
    region: r.region,
    results: r.results.map((x) => ({ model: x.model, keys: x.keys, region: x.region, invoke: x.invoke, stream: x.stream, latencyMs: x.latencyMs, streamFirstEventMs: x.streamFirstEventMs, error: x.error, streamError: x.streamError, suggestions: x.suggestions })),
    skipped: r.skipped,
  }),
  render,
  // Credentials that Bedrock calls expired (a session token, an SSO session) need a login, as status says: exit 4.
  exitCode: (r) => (r.results.every((x) => x.invoke && x.stream) ? EXIT.ok : r.results.some((x) => x.error?.kind === 'credentials-expired' || x.streamError?.kind === 'credentials-expired') ? EXIT.authNeeded : EXIT.checkFailed),
};
export default command;
