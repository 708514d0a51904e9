// `expired`: the static keys are expired, the cached SSO session is revoked; a second cached session is refreshable.
import { completeScenario, type SeedSession } from '../scenario.js';
import base, { SEED_SESSION, SSO_USER, STATIC_IDENTITY } from './default.js';

/** An SSO session whose access token has expired but whose refresh token still works. */
export const EXPIRED_REFRESHABLE_SESSION: SeedSession = {
  clientId: 'emuClientSeed0002',
  clientSecret: 'emuClientSecretSeed0002',
  accessToken: 'aoaEmulatorExpiredAccessToken0002',
  refreshToken: 'aorEmulatorRefreshableToken0002',
  state: 'expired',
};

export default completeScenario({
  ...structuredClone(base),
  name: 'expired',
  description: 'Static keys are expired (ExpiredToken); the seeded SSO session is revoked (UnauthorizedException, then InvalidGrantException on refresh). A fresh login works.',
  identities: [{ ...STATIC_IDENTITY, expired: true }],
  sso: { ...base.sso, users: [{ ...SSO_USER, sessions: [{ ...SEED_SESSION, state: 'revoked' }, EXPIRED_REFRESHABLE_SESSION] }] },
});
