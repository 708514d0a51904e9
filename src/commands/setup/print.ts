// `setup --print`: the settings JSON (env block + awsAuthRefresh) for MDM / managed deployment, built by the same
// validation and intent as a real setup, printed on stdout; nothing is written. Offline.
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { shq } from '../../io/fs.js';
import { loadAwsFiles } from '../../io/aws-files.js';
import { checkSetupInput, decideAuthRefresh, setupIntent, type AuthRefreshDecision, type SetupInput } from '../../core/claude-settings/setup-plan.js';
import type { ExtrasResult, PrintDocument } from './extras.js';

export interface PrintInput {
  profile?: string;
  region?: string;
  model?: string;
  pins: SetupInput['pins'];
  authRefresh: SetupInput['authRefresh'];
}

export function runPrint(deps: Deps, opts: PrintInput): ExtrasResult {
  const missing = (['profile', 'region', 'model'] as const).filter((k) => opts[k] === undefined);
  if (missing.length) {
    throw new UsageError(
      `--print needs ${missing.map((k) => `--${k}`).join(', ')}: it never asks, it only prints what a setup with these values would write.`,
      `claude-bedrock setup --print --profile ${opts.profile !== undefined ? shq(opts.profile) : '<aws-profile>'} --region ${opts.region ?? '<aws-region>'} --model ${opts.model !== undefined ? shq(opts.model) : '<inference-profile-id>'}`,
    );
  }
  const input: SetupInput = { profile: opts.profile!, region: opts.region!, model: opts.model!, pins: opts.pins, authRefresh: opts.authRefresh };
  const notes = checkSetupInput(input).map((w) => `warning: ${w}`);
  // The settings are for other machines: the profile need not exist here. When it does, its kind decides the refresh.
  let profile: { name: string; kind: string } | undefined;
  try {
    profile = loadAwsFiles(deps).model.profiles.find((p) => p.name === input.profile && p.sources.length > 0);
  } catch {
    profile = undefined;
  }
  let refresh: AuthRefreshDecision;
  if (profile) {
    refresh = decideAuthRefresh(profile, input.authRefresh);
  } else if (input.authRefresh === 'aws-cli') {
    refresh = { command: `aws sso login --profile ${shq(input.profile)}`, reason: '--auth-refresh aws-cli' };
  } else if (input.authRefresh === 'auto') {
    refresh = { command: null, reason: 'no awsAuthRefresh' };
    notes.push(`note: profile ${JSON.stringify(input.profile)} is not defined on this machine, so its kind (and login command) is unknown: add --auth-refresh aws-cli (aws sso login) or --auth-refresh '<command>' to include awsAuthRefresh.`);
  } else {
    refresh = decideAuthRefresh({ name: input.profile, kind: 'unknown' }, input.authRefresh);
  }
  const document: PrintDocument = { env: {} };
  for (const [keyPath, value] of Object.entries(setupIntent(input, refresh).set)) {
    if (keyPath.startsWith('env.')) document.env[keyPath.slice(4)] = value;
    else if (keyPath === 'awsAuthRefresh') document.awsAuthRefresh = value;
  }
  if (refresh.command) notes.push(`awsAuthRefresh: ${refresh.reason}.`);
  notes.push('Nothing was written. Deploy this as managed settings (e.g. /etc/claude-code/managed-settings.json, or the com.anthropic.claudecode configuration profile on macOS), or write it here with: claude-bedrock setup --scope managed ...');
  return { extras: 'print', document, notes };
}
