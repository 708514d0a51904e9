// The emulator's public API: startEmulator() for tests, --sandbox and `npm run emulator`.
import type { AddressInfo } from 'node:net';
import { completeScenario, type Fault, type Scenario, type ScenarioInput } from './scenario.js';
import { getScenario } from './scenarios/index.js';
import { createEmulatorServer } from './server.js';
import { approvePending } from './services/oidc.js';
import { EmulatorState, type CallRecord, type SsoTokenGrant } from './state.js';

export type { Scenario, ScenarioInput, Fault, ErrorSpec, Identity, ApiKey, SsoUser, SeedSession, DenyRule, RegionSpec } from './scenario.js';
export type { CallRecord, SsoTokenGrant } from './state.js';
export { completeScenario, claudeRegions, defaultProfilesFor } from './scenario.js';
export { getScenario, SCENARIO_NAMES } from './scenarios/index.js';
export { THROTTLING, SERVICE_UNAVAILABLE } from './errors.js';
export * as defaultScenario from './scenarios/default.js';

export interface EmulatorOptions {
  /** A scenario name (see SCENARIO_NAMES) or object; default `default`. */
  scenario?: string | Scenario | ScenarioInput;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra latency on every response (overrides the scenario's). */
  latencyMs?: number;
  /** The emulator's clock (epoch ms); tests move it to expire tokens and credentials. */
  now?: () => number;
  /** Do not keep the process alive (for --sandbox, where the CLI's own work decides when to exit). */
  unref?: boolean;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` — every service lives here. */
  url: string;
  port: number;
  /** Endpoint variables pointing every AWS client (AWS CLI, SDKs, Claude Code) at the emulator. */
  env: Record<string, string>;
  /** The live scenario; mutate it to tweak behaviour in-process. */
  readonly scenario: Scenario;
  /** Every request received, in order (mutated in place as responses complete). */
  calls: CallRecord[];
  setScenario(s: string | Scenario | ScenarioInput): void;
  /** Latency for every region, or for one region. */
  setLatency(ms: number, region?: string): void;
  /** Add a failure switch to the live scenario. */
  addFault(f: Fault): void;
  /** Approve pending device codes (all or one) and pending /authorize requests (returns the browser redirects). */
  approve(userCode?: string): { devices: number; redirects: string[] };
  /** A valid SSO login for the scenario's user, ready to write into ~/.aws/sso/cache. */
  issueSsoToken(opts?: { startUrl?: string; refreshable?: boolean; expiresInSeconds?: number }): SsoTokenGrant;
  /** Calls to one operation (e.g. `ListInferenceProfiles`). */
  callsTo(operation: string): CallRecord[];
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the scenario's first static identity, plus AWS_REGION. */
  staticCredentialsEnv(region?: string): Record<string, string>;
  stop(): Promise<void>;
}

function toScenario(s: string | Scenario | ScenarioInput): Scenario {
  return typeof s === 'string' ? getScenario(s) : completeScenario(s);
}

export function endpointEnv(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_SSO: url,
    AWS_ENDPOINT_URL_SSO_OIDC: url,
    AWS_ENDPOINT_URL_BEDROCK: url,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
    // Claude Code sends Bedrock traffic (invokes, ListInferenceProfiles, token counting) here.
    ANTHROPIC_BEDROCK_BASE_URL: url,
    // No instance-metadata probing: the SDK credential chain would otherwise wait on 169.254.169.254.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(toScenario(opts.scenario ?? 'default'), opts.now ?? Date.now);
  if (opts.latencyMs !== undefined) state.latencyOverride.all = opts.latencyMs;
  const setScenario = (s: string | Scenario | ScenarioInput) => {
    state.scenario = toScenario(s);
  };
  const { server, stop } = createEmulatorServer(state, { setScenario }, { unref: opts.unref });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (opts.unref) server.unref();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.url = url;
  return {
    url,
    port,
    env: endpointEnv(url),
    get scenario() {
      return state.scenario;
    },
    calls: state.calls,
    setScenario,
    setLatency(ms, region) {
      if (region) state.latencyOverride.regions[region] = ms;
      else state.latencyOverride = { all: ms, regions: {} };
    },
    addFault(f) {
      state.scenario.faults.push(f);
    },
    approve: (userCode) => approvePending(state, userCode),
    issueSsoToken: (o) => state.issueSsoToken(o),
    callsTo: (operation) => state.calls.filter((c) => c.operation === operation),
    staticCredentialsEnv(region) {
      const id = state.scenario.identities[0];
      if (!id) throw new Error(`Scenario ${state.scenario.name} has no static identity.`);
      return {
        AWS_ACCESS_KEY_ID: id.accessKeyId,
        AWS_SECRET_ACCESS_KEY: id.secretAccessKey,
        ...(id.sessionToken ? { AWS_SESSION_TOKEN: id.sessionToken } : {}),
        AWS_REGION: region ?? state.scenario.defaultRegion,
      };
    },
    stop,
  };
}
