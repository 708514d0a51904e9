// Claude inference profiles as AWS lists them → model entries: family, geo, version; ranked newest first, global. preferred. Pure.
import { parseModelId, type ModelFamily } from './ids.js';

/** An inference profile as ListInferenceProfiles returns it (only the fields used here). */
export interface InferenceProfileInfo {
  id: string;
  arn: string;
  name: string;
  status: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION' | string;
  /** Foundation-model ARNs it routes to. */
  modelArns: string[];
  description?: string;
}

export interface ModelEntry {
  /** What to put in ANTHROPIC_MODEL: the profile ID, or the ARN for application inference profiles. */
  id: string;
  name: string;
  geo: string | null;
  family: ModelFamily | null;
  foundationModel: string | null;
  status: string;
  type: string;
  arn: string;
  /** [major, minor] from the model name; used for ordering only. */
  version: number[];
  /** The model's release date (YYYYMMDD) when the ID carries one. */
  date: string | null;
}

const FAMILY_ORDER: Record<string, number> = { opus: 0, sonnet: 1, haiku: 2, fable: 3, instant: 4 };

/** `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-x` → `anthropic.claude-x`. */
export function foundationModelOfArn(arn: string): string | null {
  const i = arn.indexOf(':foundation-model/');
  return i >= 0 ? arn.slice(i + ':foundation-model/'.length) : null;
}

export function isClaudeProfile(p: InferenceProfileInfo): boolean {
  return p.modelArns.some((a) => (foundationModelOfArn(a) ?? '').startsWith('anthropic.claude')) || /(^|\.)anthropic\.claude/.test(p.id);
}

/** Version and date from a Claude foundation-model ID: `anthropic.claude-3-7-sonnet-20250219-v1:0` → [3,7], 20250219. */
export function claudeVersion(foundationModel: string): { version: number[]; date: string | null } {
  const name = foundationModel.replace(/^anthropic\.claude-/, '').replace(/-v\d+(?::\d+)?$/, '');
  const date = /(?:^|-)(\d{8})(?:-|$)/.exec(name)?.[1] ?? null;
  const version = name
    .split('-')
    .filter((part) => /^\d{1,2}$/.test(part))
    .map(Number)
    .slice(0, 2);
  return { version, date };
}

function familyOf(foundationModel: string | null, name: string): ModelFamily | null {
  const probe = `${foundationModel ?? ''} ${name}`.toLowerCase();
  const m = /\b(opus|sonnet|haiku|fable|instant)\b|-(opus|sonnet|haiku|fable|instant)(?:-|$)/.exec(probe.replace(/[.:]/g, '-'));
  return ((m?.[1] ?? m?.[2]) as ModelFamily | undefined) ?? null;
}

export function toModelEntry(p: InferenceProfileInfo): ModelEntry {
  const fromArns = p.modelArns.map(foundationModelOfArn).find((x): x is string => !!x) ?? null;
  const app = p.type === 'APPLICATION';
  const parsed = app ? undefined : parseModelId(p.id);
  const foundationModel = fromArns ?? parsed?.foundationModel ?? null;
  const { version, date } = foundationModel ? claudeVersion(foundationModel) : { version: [], date: null };
  return {
    id: app ? p.arn : p.id,
    name: p.name,
    geo: parsed?.kind === 'inference-profile' ? (parsed.geo ?? null) : null,
    family: parsed?.family ?? familyOf(foundationModel, p.name),
    foundationModel,
    status: p.status,
    type: p.type,
    arn: p.arn,
    version,
    date,
  };
}

/** The cross-region prefix Claude Code derives from a region (CLAUDE-CODE-BEDROCK §2b). */
export function preferredGeo(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'global';
}

/** Plain code-unit order: IDs are ASCII, and localeCompare (ICU) is slow in a hot sort. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function geoRank(geo: string | null, region: string | undefined): number {
  if (geo === 'global') return 0;
  if (region && geo === preferredGeo(region)) return 1;
  return geo ? 2 : 3;
}

/** Newest model first; for one model: global., then the region's own geography, then the rest. */
export function compareEntries(a: ModelEntry, b: ModelEntry, region?: string): number {
  return (
    compareVersions(a.version, b.version) ||
    cmp(b.date ?? '', a.date ?? '') ||
    (FAMILY_ORDER[a.family ?? ''] ?? 9) - (FAMILY_ORDER[b.family ?? ''] ?? 9) ||
    cmp(a.foundationModel ?? '', b.foundationModel ?? '') ||
    geoRank(a.geo, region) - geoRank(b.geo, region) ||
    cmp(a.id, b.id)
  );
}

export interface RankedModels {
  /** System-defined (cross-region) Claude profiles, ranked. */
  profiles: ModelEntry[];
  /** Application inference profiles (your account's own), listed apart. */
  application: ModelEntry[];
}

export function rankClaudeProfiles(all: InferenceProfileInfo[], region?: string): RankedModels {
  const claude = all.filter(isClaudeProfile).map(toModelEntry);
  const sort = (xs: ModelEntry[]) => xs.sort((a, b) => compareEntries(a, b, region));
  return { profiles: sort(claude.filter((m) => m.type !== 'APPLICATION')), application: sort(claude.filter((m) => m.type === 'APPLICATION')) };
}

/** The one to suggest per family: the newest model, through its global. profile when there is one. */
export function recommendedByFamily(ranked: ModelEntry[]): Partial<Record<ModelFamily, ModelEntry>> {
  const out: Partial<Record<ModelFamily, ModelEntry>> = {};
  for (const m of ranked) if (m.family && !out[m.family] && m.status === 'ACTIVE') out[m.family] = m;
  return out;
}

/** Profiles (system and application) whose routes include the foundation model, best first. */
export function profilesContaining(all: InferenceProfileInfo[], foundationModelId: string, region?: string): ModelEntry[] {
  const target = foundationModelId.replace(/\[1m\]$/, '');
  return all
    .filter((p) => p.modelArns.some((a) => foundationModelOfArn(a) === target))
    .map(toModelEntry)
    .sort((a, b) => (a.type === 'APPLICATION' ? 1 : 0) - (b.type === 'APPLICATION' ? 1 : 0) || compareEntries(a, b, region));
}
