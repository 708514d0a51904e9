// The minimal IAM policy for Claude Code on Bedrock: inference-profile ARNs, the foundation models in every region
// those profiles route to (usable only through the profiles), listing, and the Marketplace subscription. Pure.
import { parseModelId } from './models/ids.js';

/**
 * The source regions from which each geography's cross-region profiles can be called and to which they route, as
 * AWS documents them (Bedrock user guide, "Supported Regions and models for inference profiles", checked 2026-09).
 * `global.` profiles route to any commercial region.
 */
export const GEO_REGIONS: Readonly<Record<string, readonly string[]>> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-4'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  ca: ['ca-central-1', 'ca-west-1'],
  'us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};

export function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** Can a profile with this geo prefix be called from this region? (Bedrock answers "invalid model identifier" otherwise.) */
export function geoFitsRegion(geo: string, region: string): boolean {
  if (geo === 'global') return partitionOf(region) === 'aws';
  const regions = GEO_REGIONS[geo];
  if (regions) return regions.includes(region) || (geo === 'us' && /^us-(?!gov|iso)/.test(region)) || (geo === 'eu' && region.startsWith('eu-')) || (geo === 'apac' && region.startsWith('ap-'));
  return false;
}

/** Geo prefixes callable from a region, best first (global, then the region's own). */
export function geosForRegion(region: string): string[] {
  return ['global', ...Object.keys(GEO_REGIONS)].filter((g) => geoFitsRegion(g, region));
}

export interface PolicyModel {
  /** As configured: an inference-profile ID or an application-inference-profile ARN. */
  id: string;
  /** The profile's ARN (account `*` when unknown). */
  profileArn: string;
  /** Foundation-model ARNs the profile routes to. */
  foundationModelArns: string[];
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * The profile ARN and, offline, the routes of a system-defined inference profile from the documented region sets.
 * Returns null for IDs a policy cannot be written for (aliases, raw foundation models, invalid IDs).
 */
export function offlinePolicyModel(id: string, region: string, account: string): PolicyModel | null {
  const p = parseModelId(id.replace(/\[1m\]$/, ''));
  const partition = partitionOf(region);
  if (p.kind === 'application-profile-arn') {
    // Its routes are only known online (GetInferenceProfile): allow the Claude models everywhere through it.
    return { id, profileArn: p.id, foundationModelArns: [`arn:${partition}:bedrock:*::foundation-model/anthropic.*`] };
  }
  if (p.kind !== 'inference-profile' && p.kind !== 'inference-profile-arn') return null;
  const profileId = p.kind === 'inference-profile' ? p.id : p.id.slice(p.id.lastIndexOf('/') + 1);
  const profileRegion = p.region ?? region;
  const profileArn = p.kind === 'inference-profile-arn' ? p.id : `arn:${partition}:bedrock:${profileRegion}:${account}:inference-profile/${profileId}`;
  const fm = p.foundationModel!;
  const regions = p.geo === 'global' ? null : GEO_REGIONS[p.geo ?? ''];
  const foundationModelArns = regions
    ? [...new Set([profileRegion, ...regions])].map((r) => `arn:${partitionOf(r)}:bedrock:${r}::foundation-model/${fm}`)
    // global (or an unknown geo): any commercial region, plus the region-less ARN global profiles report.
    : [`arn:${partition}:bedrock:*::foundation-model/${fm}`, `arn:${partition}:bedrock:::foundation-model/${fm}`];
  return { id, profileArn, foundationModelArns };
}

/** Build the policy document. Statement order and ARN order are stable, so the output can be diffed. */
export function buildPolicy(models: PolicyModel[]): PolicyDocument {
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  const profileArns = sorted(models.map((m) => m.profileArn));
  const fmArns = sorted(models.flatMap((m) => m.foundationModelArns));
  const statements: PolicyStatement[] = [];
  if (profileArns.length) {
    statements.push({
      Sid: 'InvokeThroughInferenceProfiles',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:GetInferenceProfile'],
      Resource: profileArns,
    });
    statements.push({
      Sid: 'FoundationModelsOnlyViaTheseProfiles',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: fmArns,
      // StringLike: offline ARNs carry `*` for the account.
      Condition: { StringLike: { 'bedrock:InferenceProfileArn': profileArns } },
    });
  }
  statements.push({ Sid: 'ListInferenceProfiles', Effect: 'Allow', Action: ['bedrock:ListInferenceProfiles'], Resource: '*' });
  statements.push({
    Sid: 'MarketplaceSubscriptionViaBedrock',
    Effect: 'Allow',
    Action: ['aws-marketplace:ViewSubscriptions', 'aws-marketplace:Subscribe'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:CalledViaLast': 'bedrock.amazonaws.com' } },
  });
  return { Version: '2012-10-17', Statement: statements };
}
