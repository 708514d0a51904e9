// Secrets never leave: fingerprints for display, and a scrubber for any text that may carry one.

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`. Short values are fully hidden. */
export function fingerprint(secret: string | undefined | null): string {
  if (!secret) return '';
  if (secret.length < 16) return '…';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

const SECRET_PATTERNS: RegExp[] = [
  // AWS secret access keys and session tokens as key=value or JSON fields.
  /((?:aws_)?secret_?access_?key|SecretAccessKey|aws_session_token|aws_security_token|SessionToken|sessionToken|accessToken|refreshToken|clientSecret|AWS_BEARER_TOKEN_BEDROCK|ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|primaryApiKey|access_token|refresh_token|client_secret|x-amz-security-token)(["']?\s*[:=]\s*["']?)([^\s"',}&]+)/gi,
  // A credential_process command line may carry secrets in its arguments (diff context lines show it): all of it.
  /(credential_process[ \t]*[:=][ \t]*)()([^\r\n]+)/gi,
  // Anthropic API keys.
  /()()(\bsk-ant-[A-Za-z0-9_-]{8,})/g,
  // Authorization headers.
  /(Authorization:\s*(?:Bearer|AWS4-HMAC-SHA256)\s+)(\S+)/gi,
  // Bedrock API keys (long-term keys start with ABSK, short-term with bedrock-api-key-).
  /()()(\bABSK[A-Za-z0-9+/=]{16,}|bedrock-api-key-[A-Za-z0-9+/=%._-]{8,})/g,
];

/**
 * A unified diff of a user's file: what scrubSecrets hides, and also a secret key on a malformed line that has no
 * delimiter (`aws_secret_access_key SECRET`, `credential_process tool --token X`): such a line still holds the secret.
 */
export function scrubDiff(diff: string): string {
  return scrubSecrets(diff).replace(/^([ +-][ \t]*(?:aws_secret_access_key|aws_session_token|aws_security_token|credential_process)[ \t]+)([^\r\n=:][^\r\n]*)/gim, '$1[redacted]');
}

/** Replace anything that looks like a secret value in free text (error messages from SDKs, subprocess output). */
export function scrubSecrets(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const k of known) {
    if (k && k.length >= 8) out = out.split(k).join('[redacted]');
  }
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (_m, a: string, b: string) => `${a}${b}[redacted]`);
  }
  return out;
}
