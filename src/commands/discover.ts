// `claude-bedrock discover`: every profile's identity and every Bedrock region where it sees Claude, all in parallel.
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import { CliError, EXIT } from '../errors.js';
import { table, type Output } from '../io/output.js';
import { loadAwsFiles } from '../io/aws-files.js';
import { knownSecrets, noteNetwork, ms, parseRegionsFlag, parseTimeoutFlag, printFailure } from '../aws/command-support.js';
import { BEDROCK_REGIONS_CHECKED } from '../aws/regions-list.js';
import type { DiscoverResult, DiscoverTarget, ProfileResult } from '../aws/discover.js';

interface Options {
  profiles: string[];
  regions?: string[];
  perCallMs: number;
}

interface Result extends DiscoverResult {
  regionListChecked: string;
}

const DEFAULT_PER_CALL_MS = 5_000;

function targets(deps: Deps, names: string[]): DiscoverTarget[] {
  const model = loadAwsFiles(deps).model;
  if (names.length) {
    // Named profiles get the same kind and own region as in the full listing; an unknown one fails in its entry.
    return names.map((name) => {
      const p = model.profiles.find((x) => x.name === name && x.sources.length > 0);
      return { name, ...(p ? { kind: p.kind } : {}), source: { kind: 'profile', profile: name }, ...(p?.region ? { region: p.region } : {}) };
    });
  }
  const out: DiscoverTarget[] = model.profiles.map((p) =>
    p.kind === 'env' && p.sources.length === 0
      ? { name: 'env', kind: 'env', source: { kind: 'env' }, ...(p.region ? { region: p.region } : {}) }
      : { name: p.name, kind: p.kind, source: { kind: 'profile', profile: p.name }, ...(p.region ? { region: p.region } : {}) },
  );
  if (deps.env.AWS_BEARER_TOKEN_BEDROCK) out.push({ name: 'AWS_BEARER_TOKEN_BEDROCK', kind: 'bearer-token', source: { kind: 'bearer' } });
  if (!out.length) {
    throw new CliError({
      what: 'No AWS profiles to discover.',
      why: 'There are no profiles in the AWS config or credentials file and no credentials in the environment.',
      next: 'claude-bedrock sso add  # or: aws configure sso',
      code: 'no-profiles',
    });
  }
  return out;
}

function renderProfile(p: ProfileResult, out: Output): void {
  const kind = p.kind ? out.dim(` (${p.kind})`) : '';
  if (!p.valid) {
    out.print(`${out.bold(p.name)}${kind}`);
    if (p.error) printFailure(out, p.error);
    return;
  }
  out.print(`${out.bold(p.name)}${kind}  ${p.identity ? `${p.identity.account}  ${p.identity.arn}` : out.dim('(Bedrock API key: no STS identity)')}`);
  const claude = p.regions.filter((r) => r.claude);
  const failed = p.regions.filter((r) => r.error);
  if (claude.length) {
    out.print(`  Claude in ${claude.length} region${claude.length === 1 ? '' : 's'}:`);
    out.print(table(claude.map((r) => [`    ${r.region}`, `${r.inferenceProfiles.length} profiles`, r.inferenceProfiles[0] ?? '', out.dim(ms(r.ms))])));
  } else {
    out.print(`  ${out.yellow('No Claude inference profiles')} in the ${p.regions.length - failed.length} regions that answered.`);
  }
  if (failed.length) {
    // One line per distinct problem, with the regions it hit.
    const byMsg = new Map<string, { regions: string[]; f: NonNullable<ProfileResult['error']> }>();
    for (const r of failed) {
      const key = `${r.error!.kind}|${r.error!.fix}`;
      const e = byMsg.get(key) ?? { regions: [], f: r.error! };
      e.regions.push(r.region);
      byMsg.set(key, e);
    }
    for (const { regions, f } of byMsg.values()) {
      out.print(`  ${out.red('✗')} ${regions.length > 3 ? `${regions.length} regions (${regions.slice(0, 3).join(', ')}, …)` : regions.join(', ')}: ${f.message}`);
      out.print(`      fix: ${f.fix}`);
    }
  }
}

const command: CommandModule<Options, Result> = {
  help: `Usage: claude-bedrock discover [--profile P]... [--regions r1,r2] [--timeout S] [--json]

For every AWS profile at once (or each --profile given): who it is (STS GetCallerIdentity) and every Bedrock region
where it sees Claude inference profiles. All regions and profiles are probed in parallel; each call has its own
time limit (--timeout, default ${DEFAULT_PER_CALL_MS / 1000} s) and the whole run a deadline of three times that, so a
dead region or profile shows up as an error entry instead of a hang.

Regions: every commercial region where Bedrock runs (list checked ${BEDROCK_REGIONS_CHECKED}) plus each profile's own
region; --regions (or --region, for one) narrows it.

Exit codes: 0 at least one profile works · 3 none works · 4 none works and a login would fix it.

JSON: { profiles: [{ name, kind, valid, identity{account,arn}, error, regions: [{ region, claude, inferenceProfiles[], error, ms }] }], regionsProbed, elapsedMs }`,
  globals: ['region'],
  options: {
    profile: { type: 'string', multiple: true },
    regions: { type: 'string' },
    timeout: { type: 'string' },
  },
  parse({ values, global }) {
    const raw = values.profile;
    const profiles = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map(String);
    const regions = parseRegionsFlag(values.regions, global.region, 'discover');
    return { profiles: [...new Set(profiles)], ...(regions ? { regions } : {}), perCallMs: parseTimeoutFlag(values.timeout, 'discover', DEFAULT_PER_CALL_MS) };
  },
  async run(opts, deps, out) {
    const list = targets(deps, opts.profiles);
    const [{ createAwsApi }, { discover }] = await Promise.all([import('../aws/api.js'), import('../aws/discover.js')]);
    const api = createAwsApi(deps, { settings: { requestTimeoutMs: opts.perCallMs, connectTimeoutMs: Math.min(opts.perCallMs, 3_000), maxAttempts: 2, processTimeoutMs: opts.perCallMs }, warm: ['sts', 'bedrock'] });
    try {
      noteNetwork(out, api.network);
      if (!out.json) out.note(`Probing ${list.length} profile${list.length === 1 ? '' : 's'}…`);
      const r = await discover(api, list, { ...(opts.regions ? { regions: opts.regions } : {}), perCallMs: opts.perCallMs, deadlineMs: opts.perCallMs * 3, concurrency: 128, secrets: knownSecrets(deps.env) });
      return { ...r, regionListChecked: BEDROCK_REGIONS_CHECKED };
    } finally {
      api.close();
    }
  },
  toJson: (r) => ({
    profiles: r.profiles.map((p) => ({ name: p.name, kind: p.kind, valid: p.valid, identity: p.identity, error: p.error, regions: p.regions })),
    regionsProbed: r.regionsProbed,
    regionListChecked: r.regionListChecked,
    elapsedMs: r.elapsedMs,
  }),
  render(r, out) {
    r.profiles.forEach((p, i) => {
      if (i) out.print('');
      renderProfile(p, out);
    });
    out.print('');
    out.print(out.dim(`${r.profiles.length} profile${r.profiles.length === 1 ? '' : 's'} × ${r.regionsProbed} regions in ${ms(r.elapsedMs)}.`));
    const best = r.profiles.find((p) => p.valid && p.regions.some((x) => x.claude));
    if (best) {
      const region = [...best.regions].filter((x) => x.claude).sort((a, b) => a.ms - b.ms)[0]!.region;
      const flag = best.kind === 'env' || best.kind === 'bearer-token' ? '' : ` --profile ${best.name}`;
      out.print(`Next: claude-bedrock models${flag} --region ${region}`);
    }
  },
  exitCode(r) {
    if (r.profiles.some((p) => p.valid)) return EXIT.ok;
    return r.profiles.length > 0 && r.profiles.every((p) => p.error?.kind === 'credentials-expired') ? EXIT.authNeeded : EXIT.checkFailed;
  },
};
export default command;
