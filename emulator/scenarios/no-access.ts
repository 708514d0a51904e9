// `no-access`: the account never had Claude model access granted (403 "You don't have access to the model...").
import { completeScenario } from '../scenario.js';
import base from './default.js';

export default completeScenario({
  ...structuredClone(base),
  name: 'no-access',
  description: 'Model access was never granted for any Anthropic model in the account: every invoke is AccessDeniedException.',
  modelAccessNotGranted: ['anthropic.*'],
});
