// Network cases on the embedded emulator: discover and doctor at 100 ms injected latency, and how discover scales
// with the number of profiles. Floors are computed from the baseline `node -e 0` measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { measure } from './lib.mjs';

const RTT = 100;

/** Give every profile its own IAM user, so discover really does the work for each (no shared-credential shortcut). */
function identitiesFor(emu, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = { accessKeyId: `AKIABENCH${String(i).padStart(11, '0')}`, secretAccessKey: `benchSecret${i}`.padEnd(40, 'x'), account: '123456789012', arn: `arn:aws:iam::123456789012:user/bench${i}`, userId: `AIDABENCH${i}` };
    if (!emu.scenario.identities.some((x) => x.accessKeyId === id.accessKeyId)) emu.scenario.identities.push(id);
    ids.push({ AWS_ACCESS_KEY_ID: id.accessKeyId, AWS_SECRET_ACCESS_KEY: id.secretAccessKey });
  }
  return ids;
}

function homeWithProfiles(root, name, n, creds) {
  const home = path.join(root, name);
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  const config = [];
  const credentials = [];
  for (let i = 0; i < n; i++) {
    config.push(`[profile p${i}]`, 'region = us-east-1', '');
    const c = Array.isArray(creds) ? creds[i] : creds;
    credentials.push(`[p${i}]`, `aws_access_key_id = ${c.AWS_ACCESS_KEY_ID}`, `aws_secret_access_key = ${c.AWS_SECRET_ACCESS_KEY}`, '');
  }
  fs.writeFileSync(path.join(home, '.aws', 'config'), config.join('\n'));
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials.join('\n'), { mode: 0o600 });
  return home;
}

function envFor(home, emuEnv) {
  const e = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|CLAUDE_|ANTHROPIC_)/.test(k)) e[k] = v;
  return { ...e, ...emuEnv, HOME: home, CLAUDE_BEDROCK_MANAGED_SETTINGS: path.join(home, 'managed-settings.json') };
}

export async function networkCases({ cli, fixtures, runs, baseline, wanted = () => true }) {
  let startEmulator;
  try {
    ({ startEmulator } = await import('../emulator/index.ts'));
  } catch (e) {
    return [{ name: 'network cases', median: 0, error: `emulator not loadable (run with node --import tsx): ${e.message}` }];
  }
  const out = [];
  const emu = await startEmulator({ scenario: 'far-region', latencyMs: RTT });
  try {
    const creds = emu.staticCredentialsEnv();
    const floor = 2 * RTT + baseline;
    const netRuns = Math.max(5, Math.floor(runs / 2));

    if (wanted(`discover 3 profiles × all regions @${RTT}ms`)) {
      const h3 = homeWithProfiles(fixtures, 'net3', 3, identitiesFor(emu, 3));
      const d3 = await measure(process.execPath, [cli, 'discover', '--json'], { runs: netRuns, warmup: 1, env: envFor(h3, emu.env), cwd: h3 });
      out.push({ name: `discover 3 profiles × all regions @${RTT}ms`, median: d3.median, baselineName: '2×RTT+node', baseline: floor, ratio: d3.median / floor, budget: '≤ 500 ms, ≤ 1.7×', ok: d3.median <= 500 && d3.median / floor <= 1.7 });
    }

    for (const n of [1, 10, 50]) {
      if (!wanted(`discover ${n} profile(s), distinct identities @${RTT}ms`)) continue;
      const h = homeWithProfiles(fixtures, `net${n}`, n, identitiesFor(emu, n));
      const m = await measure(process.execPath, [cli, 'discover', '--json'], { runs: netRuns, warmup: 1, env: envFor(h, emu.env), cwd: h });
      out.push({ name: `discover ${n} profile(s), distinct identities @${RTT}ms`, median: m.median, baselineName: '2×RTT+node', baseline: floor, ratio: m.median / floor });
    }
    if (wanted(`discover 50 profiles, one identity @${RTT}ms`)) {
      const h = homeWithProfiles(fixtures, 'net50same', 50, creds);
      const m = await measure(process.execPath, [cli, 'discover', '--json'], { runs: netRuns, warmup: 1, env: envFor(h, emu.env), cwd: h });
      out.push({ name: `discover 50 profiles, one identity @${RTT}ms`, median: m.median, baselineName: '2×RTT+node', baseline: floor, ratio: m.median / floor });
    }

    // doctor online: a configured Claude Code + a static-key profile in the one region that serves Claude.
    if (!wanted(`doctor online @${RTT}ms`)) return out;
    const hd = homeWithProfiles(fixtures, 'doctor', 1, creds);
    fs.writeFileSync(
      path.join(hd, '.claude', 'settings.json'),
      JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'p0', AWS_REGION: 'ap-southeast-2', ANTHROPIC_MODEL: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'global.anthropic.claude-haiku-4-5-20251001-v1:0' } }, null, 2) + '\n',
    );
    const dfloor = 4 * RTT + baseline;
    try {
      const d = await measure(process.execPath, [cli, 'doctor', '--json'], { runs: netRuns, warmup: 1, env: envFor(hd, emu.env), cwd: hd });
      out.push({ name: `doctor online @${RTT}ms`, median: d.median, baselineName: '4×RTT+node', baseline: dfloor, ratio: d.median / dfloor, budget: '≤ 1.0×', ok: d.median <= dfloor });
    } catch (e) {
      out.push({ name: `doctor online @${RTT}ms`, median: 0, error: e.message });
    }
  } finally {
    await emu.stop();
  }
  return out;
}
