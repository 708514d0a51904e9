// Bedrock control plane (rest-json): inference profiles, foundation models, model availability.
import { authorize, type Principal } from '../auth.js';
import { findModel, foundationModelArn, isGovRegion, type ClaudeModel } from '../catalog.js';
import { AwsError } from '../errors.js';
import { sendJson, type Ctx } from '../http.js';
import { globMatch } from '../scenario.js';
import { applicationProfileArn, applicationProfileSummary, modelsInRegion, servedProfiles, systemProfileArn, systemProfileSummary } from './models.js';
import { intParam, page } from './paging.js';

interface OtherModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  streaming?: boolean;
  customizations: string[];
}

/** A few non-Anthropic models, so provider and modality filters have something to filter out. */
const OTHER_MODELS: OtherModel[] = [
  { modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], outputModalities: ['TEXT'], streaming: true, customizations: ['FINE_TUNING', 'DISTILLATION'] },
  { modelId: 'amazon.titan-embed-text-v2:0', modelName: 'Titan Text Embeddings V2', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'], customizations: [] },
  { modelId: 'meta.llama3-8b-instruct-v1:0', modelName: 'Llama 3 8B Instruct', providerName: 'Meta', inputModalities: ['TEXT'], outputModalities: ['TEXT'], streaming: true, customizations: [] },
];

function claudeSummary(m: ClaudeModel, region: string): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(region, m.id),
    modelId: m.id,
    modelName: m.name,
    providerName: 'Anthropic',
    inputModalities: m.inputModalities ?? ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    // The real service reports INFERENCE_PROFILE (not in the model's enum) for profile-only models.
    inferenceTypesSupported: m.onDemandRegions?.includes(region) ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
    modelLifecycle: { status: m.lifecycle ?? 'ACTIVE' },
  };
}

function otherSummary(m: OtherModel, region: string): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(region, m.modelId),
    modelId: m.modelId,
    modelName: m.modelName,
    providerName: m.providerName,
    inputModalities: m.inputModalities,
    outputModalities: m.outputModalities,
    ...(m.streaming !== undefined ? { responseStreamingSupported: m.streaming } : {}),
    customizationsSupported: m.customizations,
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
  };
}

function foundationModels(ctx: Ctx, region: string): Record<string, unknown>[] {
  const claude = modelsInRegion(ctx.state.scenario, region).map((m) => claudeSummary(m, region));
  const others = isGovRegion(region) ? [] : OTHER_MODELS.map((m) => otherSummary(m, region));
  return [...claude, ...others];
}

function notFound(message: string): AwsError {
  return new AwsError(404, 'ResourceNotFoundException', message);
}

export function handleBedrock(ctx: Ctx, p: Principal, operation: string, label?: string): void {
  const { state, req } = ctx;
  const { scenario } = state;
  const region = p.region;
  const q = req.query;
  switch (operation) {
    case 'ListInferenceProfiles': {
      authorize(ctx, p, 'bedrock:ListInferenceProfiles', `arn:aws:bedrock:${region}:${p.account}:inference-profile/*`);
      const type = q.get('type');
      if (type !== null && type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION') {
        throw new AwsError(400, 'ValidationException', `1 validation error detected: Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`);
      }
      const max = intParam(q.get('maxResults'), 'maxResults', 1, 1000, 1000);
      const all = [
        ...(type === 'APPLICATION' ? [] : servedProfiles(scenario, region).map((id) => systemProfileSummary(id, region, p.account))),
        ...(type === 'SYSTEM_DEFINED' ? [] : scenario.applicationProfiles.filter((a) => a.region === region && a.account === p.account).map(applicationProfileSummary)),
      ];
      const pg = page(all, max, q.get('nextToken'), `ip:${region}:${type ?? ''}`);
      return sendJson(ctx, 200, { inferenceProfileSummaries: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) });
    }
    case 'GetInferenceProfile': {
      const id = label!;
      ctx.call.modelId = id;
      const arnMatch = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\d{12})?:(inference-profile|application-inference-profile)\/(.+)$/.exec(id);
      const bareId = arnMatch ? arnMatch[4]! : id;
      const app = scenario.applicationProfiles.find((a) => a.region === region && a.account === p.account && (a.id === bareId || applicationProfileArn(a) === id));
      const sys = !app && servedProfiles(scenario, region).includes(bareId) && (!arnMatch || (arnMatch[1] === region && arnMatch[2] === p.account)) ? bareId : undefined;
      const resource = app ? applicationProfileArn(app) : systemProfileArn(region, p.account, bareId);
      authorize(ctx, p, 'bedrock:GetInferenceProfile', resource, [bareId]);
      if (app) return sendJson(ctx, 200, applicationProfileSummary(app));
      if (sys) return sendJson(ctx, 200, systemProfileSummary(sys, region, p.account));
      throw notFound('The specified inference profile does not exist.');
    }
    case 'ListFoundationModels': {
      authorize(ctx, p, 'bedrock:ListFoundationModels');
      const byProvider = q.get('byProvider');
      const byOutput = q.get('byOutputModality');
      const byInference = q.get('byInferenceType');
      const byCustomization = q.get('byCustomizationType');
      const list = foundationModels(ctx, region).filter(
        (m) =>
          (!byProvider || String(m.providerName).toLowerCase() === byProvider.toLowerCase()) &&
          (!byOutput || (m.outputModalities as string[]).includes(byOutput)) &&
          (!byInference || (m.inferenceTypesSupported as string[]).includes(byInference)) &&
          (!byCustomization || (m.customizationsSupported as string[]).includes(byCustomization)),
      );
      return sendJson(ctx, 200, { modelSummaries: list });
    }
    case 'GetFoundationModel': {
      const id = label!;
      ctx.call.modelId = id;
      const bare = id.replace(/^arn:aws[a-z-]*:bedrock:[a-z0-9-]*::foundation-model\//, '');
      authorize(ctx, p, 'bedrock:GetFoundationModel', foundationModelArn(region, bare), [bare]);
      const found = foundationModels(ctx, region).find((m) => m.modelId === bare);
      if (!found) throw notFound('Could not resolve the foundation model from the provided model identifier.');
      return sendJson(ctx, 200, { modelDetails: found });
    }
    case 'GetFoundationModelAvailability': {
      const id = label!;
      ctx.call.modelId = id;
      authorize(ctx, p, 'bedrock:GetFoundationModelAvailability', foundationModelArn(region, id), [id]);
      const model = findModel(id);
      const inRegion = foundationModels(ctx, region).some((m) => m.modelId === id);
      if (!model && !inRegion) throw notFound('Could not resolve the foundation model from the provided model identifier.');
      const granted = !model || !scenario.modelAccessNotGranted.some((g) => globMatch(g, model.id));
      return sendJson(ctx, 200, {
        modelId: id,
        agreementAvailability: { status: granted ? 'AVAILABLE' : 'NOT_AVAILABLE' },
        authorizationStatus: granted ? 'AUTHORIZED' : 'NOT_AUTHORIZED',
        entitlementAvailability: granted ? 'AVAILABLE' : 'NOT_AVAILABLE',
        regionAvailability: inRegion ? 'AVAILABLE' : 'NOT_AVAILABLE',
      });
    }
  }
  throw new AwsError(404, 'UnknownOperationException', `Unknown operation ${operation}`);
}
