// Generated fixtures shared by the AWS config tests.

/** A large generated config: 10,000 profiles of every kind, CRLF, comments, nested blocks. */
export function hugeConfig(n = 10_000): string {
  const out: string[] = ['# generated', '[sso-session org]', 'sso_start_url = https://org.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', ''];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: out.push(`[profile p${i}]`, 'sso_session = org', `sso_account_id = ${100000000000 + i}`, 'sso_role_name = Dev', 'region = us-east-1'); break;
      case 1: out.push(`[profile p${i}]`, `sso_start_url = https://legacy.awsapps.com/start`, 'sso_region = us-west-2', `sso_account_id = ${100000000000 + i}`, 'sso_role_name = Dev'); break;
      case 2: out.push(`[profile p${i}]`, `role_arn = arn:aws:iam::123456789012:role/R${i}`, `source_profile = p${i - 2}`, '; chained'); break;
      case 3: out.push(`[profile p${i}]`, `credential_process = tool --profile p${i}`, 's3 =', '  addressing_style = path'); break;
      default: out.push(`[profile p${i}]`, 'region = eu-west-1', 'output = json'); break;
    }
    out.push('');
  }
  return out.join('\r\n');
}
