// Bedrock model identifiers: classify an ID (inference profile, raw foundation model, ARN, alias) and refuse bad ones. Pure.

export type ModelIdKind =
  | 'inference-profile'
  | 'foundation-model'
  | 'application-profile-arn'
  | 'inference-profile-arn'
  | 'alias'
  | 'invalid';

/** Cross-region inference-profile prefixes AWS publishes (ListInferenceProfiles), as of 2026. */
export const KNOWN_GEOS = ['global', 'us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca'] as const;
export type Geo = (typeof KNOWN_GEOS)[number];

export type ModelFamily = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'instant';

/** Claude Code's model aliases (resolved by Claude Code itself through ANTHROPIC_DEFAULT_*_MODEL). */
export const MODEL_ALIASES = ['default', 'best', 'opus', 'sonnet', 'haiku', 'fable', 'opusplan'] as const;

/** Bedrock model providers whose IDs look like `<provider>.<model>`. */
const PROVIDERS = ['anthropic', 'amazon', 'meta', 'mistral', 'cohere', 'ai21', 'deepseek', 'openai', 'qwen', 'writer', 'twelvelabs', 'stability', 'luma', 'google', 'minimax', 'moonshot', 'nvidia'];

const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export interface ParsedModelId {
  /** The ID as given (including any `[1m]` suffix). */
  id: string;
  kind: ModelIdKind;
  /** Cross-region prefix (`global`, `us`, ...) of an inference profile or inference-profile ARN. */
  geo?: string;
  /** False when the prefix is shaped like a geo but is not one AWS publishes (probably a typo). */
  knownGeo?: boolean;
  provider?: string;
  /** The foundation-model ID behind it (`anthropic.claude-...`), when the ID says so. */
  foundationModel?: string;
  family?: ModelFamily;
  /** `[1m]` suffix: Claude Code asks for the 1M-token context window and strips the suffix before sending. */
  oneM: boolean;
  /** For ARNs. */
  region?: string;
  account?: string;
  /** Why it is invalid (kind 'invalid'). */
  reason?: string;
  /** A corrected ID, when one can be derived (raw foundation model, bare Anthropic API ID). */
  suggestion?: string;
}

const ID_CHARS = /^[A-Za-z0-9.:-]+$/;
const MAX_ID = 64;
const MAX_ARN = 2048;

function familyOf(modelName: string): ModelFamily | undefined {
  const m = /(?:^|[-.])(opus|sonnet|haiku|fable|instant)(?:$|[-.:])/.exec(modelName);
  return m ? (m[1] as ModelFamily) : undefined;
}

function invalid(id: string, oneM: boolean, reason: string, suggestion?: string): ParsedModelId {
  return { id, kind: 'invalid', oneM, reason, ...(suggestion ? { suggestion } : {}) };
}

/** `anthropic.claude-x` → its parts, or undefined when it is not `<provider>.<model>`. */
function splitFoundation(s: string): { provider: string; model: string } | undefined {
  const dot = s.indexOf('.');
  if (dot <= 0) return undefined;
  const provider = s.slice(0, dot);
  const model = s.slice(dot + 1);
  if (!PROVIDERS.includes(provider) || !/^[a-z0-9][a-z0-9.:-]*$/i.test(model)) return undefined;
  return { provider, model };
}

const ARN_REASON = 'it is not a Bedrock ARN (arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>)';
/** What an ARN looks like at all (any Bedrock resource type); parseArn says which ones Claude Code can use. */
const ARN_SHAPE = /^arn:[a-z-]+:bedrock:[a-z0-9-]*:(\d{12})?:[a-z-]+\/[A-Za-z0-9.:-]+(?:\/[A-Za-z0-9.:-]+)*$/;

/**
 * Why `raw` cannot be a Bedrock model identifier of any kind (ID, inference-profile ID or ARN), or undefined when it
 * could be. The grammar's first layer: whatever passes may still be unknown to Bedrock (which then says so itself).
 */
function shapeProblem(raw: string, id: string, oneM: boolean): { reason: string; suggestion?: string } | undefined {
  if (id.length === 0) return { reason: 'it is empty' };
  if (/\s/.test(raw)) return { reason: 'it contains whitespace or a line break' };
  if (/[\x00-\x1f\x7f]/.test(raw)) return { reason: 'it contains a control character' };
  if (/[?#&]/.test(id)) return { reason: 'it contains a query string or fragment (?, # or &)' };
  if (/%2f/i.test(id)) return { reason: "an ARN must be written with a plain '/', not %2F (Claude Code reads it verbatim since v0.2.125)", suggestion: id.replace(/%2f/gi, '/') + (oneM ? '[1m]' : '') };
  if (id.includes('..') || id.includes('\\')) return { reason: "it contains '..' or '\\' (path traversal)" };
  if (/\[|\]/.test(id)) return { reason: "the only suffix Claude Code understands is '[1m]'" };
  if (id.startsWith('arn:')) {
    if (id.length > MAX_ARN) return { reason: `it is longer than ${MAX_ARN} characters` };
    return ARN_SHAPE.test(id) ? undefined : { reason: ARN_REASON };
  }
  if (id.includes('/')) return { reason: "only an ARN may contain '/'" };
  if (!ID_CHARS.test(id)) return { reason: 'Bedrock model IDs contain only letters, digits, ".", ":" and "-"' };
  return undefined;
}

/**
 * Why a string cannot be sent to Bedrock as a model ID at all, or undefined. Looser than parseModelId on purpose:
 * raw foundation-model IDs, unknown providers and misspelt IDs pass, so that `test` can show what Bedrock answers.
 */
export function modelIdShapeProblem(raw: string): string | undefined {
  const oneM = raw.endsWith('[1m]');
  return shapeProblem(raw, oneM ? raw.slice(0, -4) : raw, oneM)?.reason;
}

/** Classify a model ID the way Bedrock and Claude Code would treat it. Never throws. */
export function parseModelId(raw: string): ParsedModelId {
  const oneM = raw.endsWith('[1m]');
  const id = oneM ? raw.slice(0, -4) : raw;
  const shape = shapeProblem(raw, id, oneM);
  if (shape) return invalid(raw, oneM, shape.reason, shape.suggestion);

  if ((MODEL_ALIASES as readonly string[]).includes(id)) {
    return { id: raw, kind: 'alias', oneM, ...(familyOf(id) ? { family: familyOf(id) } : {}) };
  }

  if (id.startsWith('arn:')) return parseArn(raw, id, oneM);
  if (id.length > MAX_ID) return invalid(raw, oneM, `it is longer than ${MAX_ID} characters`);

  const direct = splitFoundation(id);
  if (direct) {
    return { id: raw, kind: 'foundation-model', oneM, provider: direct.provider, foundationModel: id, ...(familyOf(direct.model) ? { family: familyOf(direct.model) } : {}) };
  }
  const dot = id.indexOf('.');
  if (dot > 0) {
    const geo = id.slice(0, dot);
    const rest = splitFoundation(id.slice(dot + 1));
    if (rest && /^[a-z]{2,6}(-[a-z]{2,4})?$/.test(geo)) {
      return {
        id: raw, kind: 'inference-profile', oneM, geo, knownGeo: (KNOWN_GEOS as readonly string[]).includes(geo),
        provider: rest.provider, foundationModel: id.slice(dot + 1), ...(familyOf(rest.model) ? { family: familyOf(rest.model) } : {}),
      };
    }
  }
  if (/^claude-/.test(id)) {
    return invalid(raw, oneM, 'it is an Anthropic API model ID, not a Bedrock model ID', `global.anthropic.${raw}`);
  }
  return invalid(raw, oneM, 'it is not an inference-profile ID (global.anthropic.claude-...), an inference-profile ARN or a Claude Code alias');
}

function parseArn(raw: string, id: string, oneM: boolean): ParsedModelId {
  const m = /^arn:([a-z-]+):bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/([A-Za-z0-9.:-]+)$/.exec(id);
  if (!m) return invalid(raw, oneM, ARN_REASON);
  const [, partition, region, account, type, resource] = m as unknown as [string, string, string, string | undefined, string, string];
  if (!PARTITIONS.includes(partition)) return invalid(raw, oneM, `unknown AWS partition "${partition}"`);
  const where = { ...(region ? { region } : {}), ...(account ? { account } : {}) };
  switch (type) {
    case 'application-inference-profile':
      if (!region || !account) return invalid(raw, oneM, 'an application-inference-profile ARN needs a region and a 12-digit account');
      return { id: raw, kind: 'application-profile-arn', oneM, ...where };
    case 'inference-profile': {
      if (!region || !account) return invalid(raw, oneM, 'an inference-profile ARN needs a region and a 12-digit account');
      const inner = parseModelId(resource);
      if (inner.kind !== 'inference-profile') return invalid(raw, oneM, `"${resource}" is not an inference-profile ID`);
      return { ...inner, id: raw, kind: 'inference-profile-arn', oneM, ...where };
    }
    case 'foundation-model': {
      const fm = splitFoundation(resource);
      if (!fm) return invalid(raw, oneM, `"${resource}" is not a foundation-model ID`);
      return { id: raw, kind: 'foundation-model', oneM, provider: fm.provider, foundationModel: resource, ...(familyOf(fm.model) ? { family: familyOf(fm.model) } : {}), ...where };
    }
    default:
      return invalid(raw, oneM, `Claude Code cannot use a "${type}" ARN as its model`);
  }
}

export type ModelCheck =
  | { ok: true; parsed: ParsedModelId; warning?: string }
  | { ok: false; parsed: ParsedModelId; reason: string; suggestion?: string };

/**
 * May this ID be written into Claude Code's settings? Refuses raw foundation-model IDs (Bedrock answers
 * "…with on-demand throughput isn't supported") and anything that is not a clean ID or ARN.
 */
export function checkConfiguredModel(id: string): ModelCheck {
  const parsed = parseModelId(id);
  switch (parsed.kind) {
    case 'invalid':
      return { ok: false, parsed, reason: `"${id}" is not a usable model ID: ${parsed.reason}.`, ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}) };
    case 'foundation-model': {
      const base = parsed.foundationModel!;
      const suggestion = `global.${base}${parsed.oneM ? '[1m]' : ''}`;
      return {
        ok: false,
        parsed,
        reason: `"${id}" is a raw foundation-model ID. Bedrock refuses it for on-demand use ("Invocation of model ID ${base} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."). Use an inference profile that contains it: ${suggestion} where AWS offers a global. one, else a geography's (us., eu., apac., ...).`,
        suggestion,
      };
    }
    case 'inference-profile':
    case 'inference-profile-arn':
      if (parsed.knownGeo === false) {
        return { ok: true, parsed, warning: `"${parsed.geo}." is not a cross-region prefix AWS publishes (${KNOWN_GEOS.join(', ')}); check the ID with: aws bedrock list-inference-profiles` };
      }
      return { ok: true, parsed };
    default:
      return { ok: true, parsed };
  }
}
