// Which inference profiles and foundation models a region serves, and how a model ID in a request resolves (or fails).
import {
  CLAUDE_MODELS,
  findModel,
  foundationModelArn,
  parseProfileId,
  partition,
  profileDescription,
  profileModelArns,
  profileName,
  type ClaudeModel,
} from '../catalog.js';
import { invalidModelIdentifier, malformedModelId, noModelAccess, onDemandNotSupported } from '../errors.js';
import { defaultProfilesFor, globMatch, type ApplicationProfile, type Scenario } from '../scenario.js';

/** botocore 1.43.11's ConversationalModelId / InvokeModelIdentifier pattern (service-2.json). */
export const MODEL_ID_PATTERN =
  '(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:imported-model/[a-z0-9]{12})|([0-9]{12}:provisioned-model/[a-z0-9]{12})|([0-9]{12}:custom-model-deployment/[a-z0-9]{12})|([0-9]{12}:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|(([0-9a-zA-Z][_-]?)+)|([a-zA-Z0-9-:.]+)|(^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:prompt/[0-9a-zA-Z]{10}(?::[0-9]{1,5})?))$|(^arn:aws:sagemaker:[a-z0-9-]+:[0-9]{12}:endpoint/[a-zA-Z0-9-]+$)|(^arn:aws(-[^:]+)?:bedrock:([0-9a-z-]{1,20}):([0-9]{12}):(default-)?prompt-router/[a-zA-Z0-9-:.]+$)';
export const COUNT_TOKENS_MODEL_PATTERN = '[a-zA-Z_\\.\\-/0-9:]+';
const MODEL_ID_RE = new RegExp(`^(?:${MODEL_ID_PATTERN})$`);
const COUNT_TOKENS_RE = new RegExp(`^(?:${COUNT_TOKENS_MODEL_PATTERN})$`);

export function servedProfiles(scenario: Scenario, region: string): string[] {
  const spec = scenario.regions[region];
  if (!spec) return [];
  return (spec.profiles ?? defaultProfilesFor(region)).filter((id) => parseProfileId(id));
}

/** Claude models Bedrock offers in a region (through a profile served there, or on demand). */
export function modelsInRegion(scenario: Scenario, region: string): ClaudeModel[] {
  if (!scenario.regions[region]) return [];
  const served = new Set(servedProfiles(scenario, region).map((id) => parseProfileId(id)!.model.id));
  return CLAUDE_MODELS.filter((m) => served.has(m.id) || m.onDemandRegions?.includes(region));
}

export function systemProfileArn(region: string, account: string, id: string): string {
  return `arn:${partition(region)}:bedrock:${region}:${account}:inference-profile/${id}`;
}

export function applicationProfileArn(p: ApplicationProfile): string {
  return `arn:${partition(p.region)}:bedrock:${p.region}:${p.account}:application-inference-profile/${p.id}`;
}

export function systemProfileSummary(id: string, region: string, account: string): Record<string, unknown> {
  const { geo, model } = parseProfileId(id)!;
  return {
    inferenceProfileName: profileName(geo, model),
    description: profileDescription(geo, model),
    createdAt: model.createdAt,
    updatedAt: model.createdAt,
    inferenceProfileArn: systemProfileArn(region, account, id),
    models: profileModelArns(geo, model, region),
    inferenceProfileId: id,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  };
}

export function applicationProfileSummary(p: ApplicationProfile): Record<string, unknown> {
  const src = parseProfileId(p.source);
  const models = src ? profileModelArns(src.geo, src.model, p.region) : [{ modelArn: foundationModelArn(p.region, p.source) }];
  return {
    inferenceProfileName: p.name,
    description: `Application inference profile copied from ${p.source}`,
    createdAt: '2026-01-15T09:30:00.000000+00:00',
    updatedAt: '2026-01-15T09:30:00.000000+00:00',
    inferenceProfileArn: applicationProfileArn(p),
    models,
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'APPLICATION',
  };
}

export interface ResolvedModel {
  model: ClaudeModel;
  /** What the caller asked for, decoded. */
  requested: string;
  /** The ARN IAM evaluates (inference profile, application profile or foundation model). */
  resourceArn: string;
  kind: 'system-profile' | 'application-profile' | 'foundation-model';
}

const ARN_RE = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]*):(\d{12})?:(foundation-model|inference-profile|application-inference-profile)\/(.+)$/;

function resolveFoundation(scenario: Scenario, region: string, id: string, requested: string, onDemandRequired: boolean): ResolvedModel {
  const model = findModel(id);
  if (!model || !modelsInRegion(scenario, region).includes(model)) throw invalidModelIdentifier();
  if (onDemandRequired && !model.onDemandRegions?.includes(region)) throw onDemandNotSupported(requested);
  return { model, requested, resourceArn: foundationModelArn(region, id), kind: 'foundation-model' };
}

/** Resolve the `{modelId}` of an invoke/converse call in a region, throwing AWS's exact error when it cannot be used. */
export function resolveInvokeModel(scenario: Scenario, region: string, account: string, requested: string): ResolvedModel {
  if (requested.length > 2048 || !MODEL_ID_RE.test(requested)) throw malformedModelId(requested, MODEL_ID_PATTERN);
  const arn = ARN_RE.exec(requested);
  if (arn) {
    const [, , arnRegion, arnAccount, type, rest] = arn;
    if (type === 'foundation-model') {
      if (arnRegion !== region) throw invalidModelIdentifier();
      return resolveFoundation(scenario, region, rest!, requested, true);
    }
    if (arnRegion !== region || arnAccount !== account) throw invalidModelIdentifier();
    if (type === 'inference-profile') return resolveProfile(scenario, region, account, rest!, requested);
    const app = scenario.applicationProfiles.find((p) => p.region === region && p.account === account && p.id === rest);
    if (!app) throw invalidModelIdentifier();
    const src = parseProfileId(app.source);
    const model = src?.model ?? findModel(app.source);
    if (!model) throw invalidModelIdentifier();
    return { model, requested, resourceArn: applicationProfileArn(app), kind: 'application-profile' };
  }
  if (findModel(requested) || requested.startsWith('anthropic.')) {
    if (!findModel(requested)) throw invalidModelIdentifier();
    return resolveFoundation(scenario, region, requested, requested, true);
  }
  return resolveProfile(scenario, region, account, requested, requested);
}

function resolveProfile(scenario: Scenario, region: string, account: string, id: string, requested: string): ResolvedModel {
  const parsed = parseProfileId(id);
  if (!parsed || !servedProfiles(scenario, region).includes(id)) throw invalidModelIdentifier();
  return { model: parsed.model, requested, resourceArn: systemProfileArn(region, account, id), kind: 'system-profile' };
}

/** CountTokens takes a foundation model (ID or ARN); profile IDs are "invalid" there. */
export function resolveCountTokensModel(scenario: Scenario, region: string, requested: string): ResolvedModel {
  if (requested.length > 256 || !COUNT_TOKENS_RE.test(requested)) throw malformedModelId(requested, COUNT_TOKENS_MODEL_PATTERN);
  const arn = ARN_RE.exec(requested);
  if (arn) {
    if (arn[4] !== 'foundation-model' || arn[2] !== region) throw invalidModelIdentifier();
    return resolveFoundation(scenario, region, arn[5]!, requested, false);
  }
  return resolveFoundation(scenario, region, requested, requested, false);
}

export function checkModelAccess(scenario: Scenario, model: ClaudeModel): void {
  if (scenario.modelAccessNotGranted.some((g) => globMatch(g, model.id))) throw noModelAccess();
}
