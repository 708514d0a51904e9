// `far-region`: Claude only in ap-southeast-2, and every region answers 100 ms late (a far-away network).
import { completeScenario } from '../scenario.js';
import base, { DEFAULT_REGIONS } from './default.js';

export default completeScenario({
  ...structuredClone(base),
  name: 'far-region',
  description: 'Claude is served only in ap-southeast-2; every response is delayed 100 ms.',
  defaultRegion: 'ap-southeast-2',
  latencyMs: 100,
  regions: { 'ap-southeast-2': {}, ...Object.fromEntries(DEFAULT_REGIONS.filter((r) => r !== 'ap-southeast-2').map((r) => [r, { profiles: [] }])) },
  applicationProfiles: [],
});
