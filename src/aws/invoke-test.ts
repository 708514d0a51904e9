// A 1-token InvokeModel and InvokeModelWithResponseStream (the two APIs Claude Code calls) for each configured model,
// all models at once; each failure classified, and for a wrong ID the inference profiles AWS lists that would work.
import { parseModelId } from '../core/models/ids.js';
import { shellWord } from '../core/sso/target.js';
import { profilesContaining, rankClaudeProfiles, type InferenceProfileInfo } from '../core/models/rank.js';
import type { AwsApi } from './api.js';
import type { AuthSource } from './credentials.js';
import { toFailure, type BearerKeyContext, type Failure } from './failure.js';
import { asTimeout } from './pool.js';

export interface ModelToTest {
  /** As configured (may end in [1m]). */
  model: string;
  /** The settings keys (or --model) that name it. */
  keys: string[];
  region: string;
}

export interface ModelTestResult extends ModelToTest {
  invoke: boolean;
  stream: boolean;
  /** InvokeModel round trip. */
  latencyMs: number | null;
  /** Time to the first streamed event. */
  streamFirstEventMs: number | null;
  error: Failure | null;
  /** Set when the stream failed differently from (or without) the invoke. */
  streamError: Failure | null;
  /** Inference-profile IDs AWS lists in the region that would work instead (wrong or raw IDs only). */
  suggestions: string[];
}

export interface TestOptions {
  timeoutMs: number;
  profile?: string;
  secrets?: string[];
  /** When the calls use a Bedrock API key: what it says about itself, to explain a refusal. */
  apiKey?: BearerKeyContext;
}

const SUGGEST_FOR = new Set(['on-demand-unsupported', 'invalid-model']);

export async function testModels(api: AwsApi, source: AuthSource, models: ModelToTest[], opts: TestOptions): Promise<ModelTestResult[]> {
  const listings = new Map<string, Promise<InferenceProfileInfo[] | null>>();
  const listed = (region: string) => {
    let p = listings.get(region);
    if (!p) {
      p = api.listInferenceProfiles(source, region, { timeoutMs: opts.timeoutMs }).catch(() => null);
      listings.set(region, p);
    }
    return p;
  };
  return Promise.all(
    models.map(async (m): Promise<ModelTestResult> => {
      const wire = m.model.replace(/\[1m\]$/, '');
      const ctx = { ...(opts.profile ? { profile: opts.profile } : {}), region: m.region, model: wire, secrets: opts.secrets, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) };
      const [inv, str] = await Promise.allSettled([
        api.invoke(source, m.region, wire, { timeoutMs: opts.timeoutMs }).catch(asTimeout(`InvokeModel of ${wire} in ${m.region}`, opts.timeoutMs)),
        api.invokeStream(source, m.region, wire, { timeoutMs: opts.timeoutMs }).catch(asTimeout(`InvokeModelWithResponseStream of ${wire} in ${m.region}`, opts.timeoutMs)),
      ]);
      const error = inv.status === 'rejected' ? toFailure(inv.reason, ctx) : null;
      let streamError = str.status === 'rejected' ? toFailure(str.reason, ctx) : null;
      if (error && streamError && streamError.kind === error.kind && streamError.code === error.code) streamError = null;
      const first = error ?? streamError;
      let suggestions: string[] = [];
      if (first && SUGGEST_FOR.has(first.kind)) {
        const all = await listed(m.region);
        const parsed = parseModelId(wire);
        if (all && parsed.foundationModel) suggestions = profilesContaining(all, parsed.foundationModel, m.region).map((x) => x.id);
        else if (all && first.kind === 'invalid-model' && parsed.family) {
          suggestions = rankClaudeProfiles(all, m.region).profiles.filter((x) => x.family === parsed.family).slice(0, 3).map((x) => x.id);
        }
        if (suggestions.length) {
          // A whole command: setup without a terminal needs every choice as a flag.
          const where = m.keys[0] === '--model' ? `pin it: claude-bedrock setup --profile ${opts.profile ? shellWord(opts.profile) : '<profile>'} --region ${m.region} --model ${suggestions[0]}` : `set ${m.keys[0]} to it`;
          const fix = `use an ID AWS lists in ${m.region}: ${suggestions[0]}${suggestions.length > 1 ? ` (or ${suggestions.slice(1, 3).join(', ')})` : ''}; ${where}`;
          if (error) error.fix = fix;
          if (streamError) streamError.fix = fix;
        }
      }
      return {
        ...m,
        invoke: inv.status === 'fulfilled',
        stream: str.status === 'fulfilled',
        latencyMs: inv.status === 'fulfilled' ? inv.value.latencyMs : null,
        streamFirstEventMs: str.status === 'fulfilled' ? str.value.firstEventMs : null,
        error: first,
        streamError: error ? streamError : null,
        suggestions,
      };
    }),
  );
}
