// AWS config fixtures shared by the SSO, doctor and wizard tests: one sso-session profile and legacy profiles.
export const START_URL = 'https://d-1234567890.awsapps.com/start';

/** `[profile dev]` on `[sso-session corp]` (refreshable), as `aws configure sso` writes it. */
export const SSO_SESSION_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = BedrockUser
region = us-west-2

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

/** A legacy inline SSO profile (8-hour sessions, no refresh token). */
export function legacySsoProfile(name: string, region: string | null = 'us-west-2'): string {
  return `[profile ${name}]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = BedrockUser
${region ? `region = ${region}\n` : ''}`;
}
