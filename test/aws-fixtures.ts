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

/**
 * Config files the AWS CLI and boto3 refuse as a whole (botocore ConfigParseError), each with a legacy profile `old`
 * that sso migrate would convert: the refused line and the start of the fix the model reports for it.
 */
export const REFUSED_CONFIGS: { name: string; text: string; line: number; fix: RegExp }[] = [
  { name: 'a duplicate key', text: `${legacySsoProfile('old')}region = us-east-2\n`, line: 7, fix: /^keep one region line in \[profile old\]/ },
  { name: 'a duplicate section', text: `${legacySsoProfile('old')}\n[profile x]\nregion = us-east-1\n\n[profile x]\noutput = json\n`, line: 11, fix: /^merge the two \[profile x\] sections into one/ },
  { name: 'a line without "="', text: `${legacySsoProfile('old')}\n[profile x]\nregion us-east-1\n`, line: 9, fix: /^write line 9 as "key = value"/ },
  { name: 'a key before any section', text: `region = us-east-1\n${legacySsoProfile('old')}`, line: 1, fix: /^move line 1 under a \[profile NAME\] header/ },
  { name: 'a byte-order mark', text: `\uFEFF${legacySsoProfile('old')}`, line: 1, fix: /^perl -i -pe/ },
];
