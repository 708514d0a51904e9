// `throttled`: every Bedrock Runtime call is throttled (429 ThrottlingException "Too many tokens...").
import { completeScenario } from '../scenario.js';
import { THROTTLING } from '../errors.js';
import base from './default.js';

export default completeScenario({
  ...structuredClone(base),
  name: 'throttled',
  description: 'Every Bedrock Runtime request gets 429 ThrottlingException; the control plane works.',
  faults: [{ service: 'bedrock-runtime', error: THROTTLING }],
});
