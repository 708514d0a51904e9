// `default`: one static-key IAM user, one Identity Center user, a Bedrock API key, Claude in many regions.
import { claudeRegions, completeScenario, type ApiKey, type Identity, type SeedSession, type SsoUser } from '../scenario.js';

export const ACCOUNT = '123456789012';

/** The AWS documentation's example key pair: an IAM user `dev`. */
export const STATIC_IDENTITY: Identity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
  userId: 'AIDAJQABLZS4A3QDU576Q',
};

export const API_KEY: ApiKey = {
  key: 'ABSKQmVkcm9ja0FQSUtleS1lbXVsYXRvcjpleGFtcGxlLWtleS0wMDAx',
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/BedrockAPIKey-emu1`,
};

export const SSO_START_URL = 'https://d-1234567890.awsapps.com/start';
export const SSO_REGION = 'us-east-1';

/** A logged-in session (a token cache can be written with these values; the refresh token rotates on use). */
export const SEED_SESSION: SeedSession = {
  clientId: 'emuClientSeed0001',
  clientSecret: 'emuClientSecretSeed0001',
  accessToken: 'aoaEmulatorSeedAccessToken0001',
  refreshToken: 'aorEmulatorSeedRefreshToken0001',
};

export const SSO_USER: SsoUser = {
  userName: 'alice',
  startUrl: SSO_START_URL,
  region: SSO_REGION,
  accounts: [
    { accountId: ACCOUNT, accountName: 'dev', emailAddress: 'aws-dev@example.com', roles: ['AdministratorAccess', 'BedrockUser'] },
    { accountId: '210987654321', accountName: 'prod', emailAddress: 'aws-prod@example.com', roles: ['ReadOnly'] },
  ],
  sessions: [SEED_SESSION],
};

export const DEFAULT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2',
  'eu-west-1', 'eu-central-1', 'eu-west-3', 'eu-north-1',
  'ap-northeast-1', 'ap-southeast-2', 'ap-south-1',
  'us-gov-west-1',
];

export default completeScenario({
  name: 'default',
  description: 'One IAM user with static keys, one Identity Center user (accounts dev and prod), a Bedrock API key; Claude in US, EU, APAC and GovCloud regions.',
  defaultRegion: 'us-east-1',
  identities: [STATIC_IDENTITY],
  apiKeys: [API_KEY],
  sso: { users: [SSO_USER] },
  regions: claudeRegions(DEFAULT_REGIONS),
  applicationProfiles: [
    { region: 'us-east-1', account: ACCOUNT, id: 'a1b2c3d4e5f6', name: 'claude-code-team', source: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
  ],
});
