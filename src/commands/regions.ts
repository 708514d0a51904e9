// `claude-bedrock regions`: round-trip time to every Bedrock region, in parallel, ranked, with Claude availability.
import type { CommandModule } from '../command.js';
import { EXIT } from '../errors.js';
import { table, type Output } from '../io/output.js';
import { knownSecrets, noteNetwork, requireCredentials, ms, parseRegionsFlag, parseTimeoutFlag } from '../aws/command-support.js';
import { BEDROCK_REGIONS, BEDROCK_REGIONS_CHECKED } from '../aws/regions-list.js';
import { describeSource } from '../aws/credentials.js';
import type { RegionProbe } from '../aws/probe.js';

interface Options {
  profile?: string;
  regions?: string[];
  perCallMs: number;
}

interface Result {
  source: string;
  profile: string | null;
  regions: RegionProbe[];
  recommended: string | null;
  elapsedMs: number;
}

const DEFAULT_PER_CALL_MS = 5_000;

function render(r: Result, out: Output): void {
  out.print(`Bedrock regions by round-trip time (${r.source}):`);
  const rows = [['  REGION', 'RTT', 'CLAUDE'].map((h) => out.dim(h))];
  for (const x of r.regions) {
    if (x.error) rows.push([`  ${x.region}`, '-', `${out.red('✗')} ${x.error.kind}: ${x.error.message.slice(0, 100)}`]);
    else rows.push([`  ${x.region}`, ms(x.rttMs!), x.claude ? out.green(`yes (${x.claudeProfiles} profiles)`) : out.dim('no')]);
  }
  out.print(table(rows));
  const failed = r.regions.filter((x) => x.error);
  if (failed.length) {
    const fixes = [...new Set(failed.map((x) => x.error!.fix))];
    for (const f of fixes) out.print(`  fix: ${f}`);
  }
  out.print('');
  if (r.recommended) {
    const best = r.regions.find((x) => x.region === r.recommended)!;
    out.print(`Fastest region with Claude: ${r.recommended} (${ms(best.rttMs!)}).`);
    out.print(`Next: claude-bedrock models${r.profile ? ` --profile ${r.profile}` : ''} --region ${r.recommended}`);
  } else {
    out.print(`No region answered with Claude inference profiles (${ms(r.elapsedMs)}).`);
  }
}

const command: CommandModule<Options, Result> = {
  help: `Usage: claude-bedrock regions [--profile P] [--regions r1,r2] [--timeout S] [--json]

Measures the round-trip time to every Bedrock region in parallel and says which offer Claude, fastest first.
Each region gets a ListInferenceProfiles (Claude availability) and a second small request on the same connection;
the RTT shown is the faster of the two, so it does not include the TLS handshake. Every request has a time limit
(--timeout, default ${DEFAULT_PER_CALL_MS / 1000} s); a region that does not answer is listed last with the reason.

Regions: every commercial region where Bedrock runs (list checked ${BEDROCK_REGIONS_CHECKED}); --regions (or --region, for one) narrows
it.
Credentials: --profile, else what Claude Code uses.

Exit codes: 0 · 3 no region answered · 4 a login is needed.
JSON: { regions: [{ region, rttMs, claude, error }], recommended }`,
  globals: ['profile', 'region'],
  options: { regions: { type: 'string' }, timeout: { type: 'string' } },
  parse({ values, global }) {
    const regions = parseRegionsFlag(values.regions, global.region, 'regions');
    return { ...(global.profile ? { profile: global.profile } : {}), ...(regions ? { regions } : {}), perCallMs: parseTimeoutFlag(values.timeout, 'regions', DEFAULT_PER_CALL_MS) };
  },
  async run(opts, deps, out) {
    const t0 = performance.now();
    const { onlineContext } = await import('../aws/context.js');
    const ctx = onlineContext(deps, opts.profile ? { profile: opts.profile } : {});
    const [{ createAwsApi }, { probeRegions }, { failureError }] = await Promise.all([import('../aws/api.js'), import('../aws/probe.js'), import('../aws/failure.js')]);
    const api = createAwsApi(ctx.deps, { settings: { requestTimeoutMs: opts.perCallMs, connectTimeoutMs: Math.min(opts.perCallMs, 3_000), maxAttempts: 2, processTimeoutMs: opts.perCallMs }, warm: ['bedrock'], ...(ctx.bedrockBaseUrl ? { bedrockBaseUrl: ctx.bedrockBaseUrl } : {}) });
    const profile = ctx.source.kind === 'profile' ? ctx.source.profile : null;
    const secrets = knownSecrets(ctx.deps.env);
    try {
      await requireCredentials(api, ctx.source, secrets);
      const regions = opts.regions ?? [...BEDROCK_REGIONS];
      noteNetwork(out, api.network);
      if (!out.json) out.note(`Probing ${regions.length} regions…`);
      const probes = await probeRegions(api, ctx.source, regions, { perCallMs: opts.perCallMs, deadlineMs: opts.perCallMs * 3, concurrency: 64, secrets, ...(profile ? { profile } : {}) });
      const allAuth = probes.length > 0 && probes.every((p) => p.error?.kind === 'credentials-expired');
      if (allAuth) throw failureError(probes[0]!.error!, `Every region refused ${describeSource(ctx.source)}`);
      const recommended = probes.find((p) => p.claude)?.region ?? null;
      return { source: describeSource(ctx.source), profile, regions: probes, recommended, elapsedMs: Math.round(performance.now() - t0) };
    } finally {
      api.close();
    }
  },
  toJson: (r) => ({
    profile: r.profile,
    regions: r.regions.map((x) => ({ region: x.region, rttMs: x.rttMs, claude: x.claude, error: x.error })),
    recommended: r.recommended,
    elapsedMs: r.elapsedMs,
  }),
  render,
  exitCode: (r) => (r.regions.some((x) => !x.error) ? EXIT.ok : EXIT.checkFailed),
};
export default command;
