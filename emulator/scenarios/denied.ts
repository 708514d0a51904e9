// `denied`: IAM denies bedrock:InvokeModelWithResponseStream on the Haiku inference profiles, for every principal.
import { completeScenario } from '../scenario.js';
import base from './default.js';

export default completeScenario({
  ...structuredClone(base),
  name: 'denied',
  description: 'Every principal is denied bedrock:InvokeModelWithResponseStream on Claude Haiku inference profiles (the background model).',
  deny: [{ action: 'bedrock:InvokeModelWithResponseStream', resource: '*:inference-profile/*.anthropic.claude-haiku-*' }],
});
