// The named scenarios (`--scenario NAME`), each returned as a fresh copy so callers may tweak it.
import type { Scenario } from '../scenario.js';
import dflt from './default.js';
import farRegion from './far-region.js';
import denied from './denied.js';
import noAccess from './no-access.js';
import throttled from './throttled.js';
import expired from './expired.js';
import deadRegion from './dead-region.js';

const SCENARIOS: Record<string, Scenario> = {
  default: dflt,
  'far-region': farRegion,
  denied,
  'no-access': noAccess,
  throttled,
  expired,
  'dead-region': deadRegion,
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

export function getScenario(name: string): Scenario {
  const s = SCENARIOS[name];
  if (!s) throw new Error(`Unknown emulator scenario ${JSON.stringify(name)}: choose one of ${SCENARIO_NAMES.join(', ')}.`);
  return structuredClone(s);
}
