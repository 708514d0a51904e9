// The Claude models Bedrock offers and which geographies route them: the static facts scenarios are built from.

export type Geo = 'global' | 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'us-gov';

export interface ClaudeModel {
  /** Foundation model ID, e.g. `anthropic.claude-sonnet-4-5-20250929-v1:0`. */
  id: string;
  /** As Bedrock names it, e.g. `Claude Sonnet 4.5`. */
  name: string;
  family: 'opus' | 'sonnet' | 'haiku';
  /** Cross-region (system-defined) inference profiles that exist for it. */
  geos: Geo[];
  /** Regions where the bare foundation-model ID can be invoked on demand (old models only). */
  onDemandRegions?: string[];
  lifecycle?: 'ACTIVE' | 'LEGACY';
  inputModalities?: string[];
  createdAt: string;
}

/** The source regions from which each geography's profiles can be called, and where they route. */
export const GEO_REGIONS: Record<Exclude<Geo, 'global'>, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-4'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  'us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};

const GEO_LABEL: Record<Geo, string> = { global: 'Global', us: 'US', eu: 'EU', apac: 'APAC', jp: 'JP', au: 'AU', 'us-gov': 'US-GOV' };

const ALL: Geo[] = ['global', 'us', 'eu', 'apac', 'jp', 'au'];

export const CLAUDE_MODELS: ClaudeModel[] = [
  { id: 'anthropic.claude-opus-5-5', name: 'Claude Opus 5.5', family: 'opus', geos: ALL, createdAt: '2026-10-20T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-5', name: 'Claude Opus 5', family: 'opus', geos: ALL, createdAt: '2026-07-14T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-8', name: 'Claude Opus 4.8', family: 'opus', geos: ALL, createdAt: '2026-05-19T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-7', name: 'Claude Opus 4.7', family: 'opus', geos: ALL, createdAt: '2026-03-24T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-6-v1', name: 'Claude Opus 4.6', family: 'opus', geos: ALL, createdAt: '2026-02-05T17:00:00.000000+00:00' },
  { id: 'anthropic.claude-sonnet-4-6', name: 'Claude Sonnet 4.6', family: 'sonnet', geos: ALL, createdAt: '2026-02-17T17:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-5-20251101-v1:0', name: 'Claude Opus 4.5', family: 'opus', geos: ALL, createdAt: '2025-11-24T17:00:00.000000+00:00' },
  { id: 'anthropic.claude-haiku-4-5-20251001-v1:0', name: 'Claude Haiku 4.5', family: 'haiku', geos: [...ALL, 'us-gov'], createdAt: '2025-10-15T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'Claude Sonnet 4.5', family: 'sonnet', geos: [...ALL, 'us-gov'], createdAt: '2025-09-29T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-1-20250805-v1:0', name: 'Claude Opus 4.1', family: 'opus', geos: ['us'], createdAt: '2025-08-05T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-opus-4-20250514-v1:0', name: 'Claude Opus 4', family: 'opus', geos: ['us'], lifecycle: 'LEGACY', createdAt: '2025-05-22T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-sonnet-4-20250514-v1:0', name: 'Claude Sonnet 4', family: 'sonnet', geos: ['global', 'us', 'eu', 'apac'], createdAt: '2025-05-22T16:00:00.000000+00:00' },
  { id: 'anthropic.claude-3-7-sonnet-20250219-v1:0', name: 'Claude 3.7 Sonnet', family: 'sonnet', geos: ['us', 'eu', 'apac', 'us-gov'], lifecycle: 'LEGACY', createdAt: '2025-02-24T18:43:52.112497+00:00' },
  { id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', name: 'Claude 3.5 Sonnet v2', family: 'sonnet', geos: ['us', 'apac'], lifecycle: 'LEGACY', createdAt: '2024-10-22T17:00:00.000000+00:00' },
  { id: 'anthropic.claude-3-5-haiku-20241022-v1:0', name: 'Claude 3.5 Haiku', family: 'haiku', geos: ['us'], lifecycle: 'LEGACY', createdAt: '2024-11-04T17:00:00.000000+00:00' },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0', name: 'Claude 3 Haiku', family: 'haiku', geos: ['us', 'eu', 'apac', 'us-gov'], lifecycle: 'ACTIVE',
    onDemandRegions: ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1', 'eu-west-3', 'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'us-gov-west-1'],
    createdAt: '2024-08-27T17:00:00.000000+00:00',
  },
];

export function findModel(id: string): ClaudeModel | undefined {
  return CLAUDE_MODELS.find((m) => m.id === id);
}

export function isGovRegion(region: string): boolean {
  return region.startsWith('us-gov-');
}

export function partition(region: string): string {
  return isGovRegion(region) ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
}

/** The geographies whose system-defined profiles can be called from a region. */
export function geosForRegion(region: string): Geo[] {
  const geos: Geo[] = [];
  if (!isGovRegion(region)) geos.push('global');
  for (const [geo, regions] of Object.entries(GEO_REGIONS)) if (regions.includes(region)) geos.push(geo as Geo);
  return geos;
}

export function profileId(geo: Geo, modelId: string): string {
  return `${geo}.${modelId}`;
}

/** Split `us.anthropic.claude-…` into its geography and foundation model (undefined when not a known profile ID). */
export function parseProfileId(id: string): { geo: Geo; model: ClaudeModel } | undefined {
  const dot = id.indexOf('.');
  if (dot < 0) return undefined;
  const geo = id.slice(0, dot) as Geo;
  const model = findModel(id.slice(dot + 1));
  if (!model || !model.geos.includes(geo)) return undefined;
  return { geo, model };
}

export function profileName(geo: Geo, model: ClaudeModel): string {
  return `${GEO_LABEL[geo]} Anthropic ${model.name}`;
}

export function profileDescription(geo: Geo, model: ClaudeModel): string {
  if (geo === 'global') return `Routes requests to Anthropic ${model.name} globally across all supported AWS commercial regions.`;
  const regions = GEO_REGIONS[geo];
  return `Routes requests to Anthropic ${model.name} in ${regions.slice(0, -1).join(', ')} and ${regions[regions.length - 1]}.`.slice(0, 200);
}

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:${partition(region)}:bedrock:${region}::foundation-model/${modelId}`;
}

/** The `models` list of a system-defined profile as Bedrock reports it (global ones carry a region-less ARN). */
export function profileModelArns(geo: Geo, model: ClaudeModel, sourceRegion: string): { modelArn: string }[] {
  if (geo === 'global') {
    return [{ modelArn: foundationModelArn(sourceRegion, model.id) }, { modelArn: `arn:aws:bedrock:::foundation-model/${model.id}` }];
  }
  return GEO_REGIONS[geo].map((r) => ({ modelArn: foundationModelArn(r, model.id) }));
}
