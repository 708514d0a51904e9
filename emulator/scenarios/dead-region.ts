// `dead-region`: like default, but us-east-2 accepts connections and never answers.
import { completeScenario } from '../scenario.js';
import base from './default.js';

export const DEAD_REGION = 'us-east-2';

export default completeScenario({
  ...structuredClone(base),
  name: 'dead-region',
  description: `Like default, but ${DEAD_REGION} accepts connections and never answers (clients must time out).`,
  regions: { ...structuredClone(base.regions), [DEAD_REGION]: { dead: true } },
});
