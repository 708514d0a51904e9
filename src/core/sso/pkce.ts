// PKCE values and the IAM Identity Center /authorize URL, built byte for byte like the AWS CLI v2 builds them.
import crypto from 'node:crypto';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** 64 characters from the RFC 7636 unreserved set (as the CLI does). */
export function newCodeVerifier(): string {
  let s = '';
  for (let i = 0; i < 64; i++) s += VERIFIER_ALPHABET[crypto.randomInt(VERIFIER_ALPHABET.length)];
  return s;
}

/** base64url(sha256(verifier)) without padding: 43 characters. */
export function codeChallenge(verifier: string): string {
  return crypto.createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Python's urllib quote(s, safe='-_.~'), which botocore's percent_encode_sequence uses. */
export function pctEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
export const DEFAULT_AUTH_SCOPE = 'sso:account:access';

export function redirectUriWithPort(port: number): string {
  return `http://127.0.0.1:${port}/oauth/callback`;
}

/**
 * `{origin}/authorize?response_type=code&client_id=…&redirect_uri=…&state=…&code_challenge_method=S256&scopes=…&code_challenge=…`
 * `origin` is the scheme and host of the SSO-OIDC endpoint (a path prefix is dropped, as the CLI does).
 */
export function authorizeUrl(a: { oidcEndpoint: string; clientId: string; redirectUri: string; state: string; scopes: string[] | null; challenge: string }): string {
  const origin = new URL(a.oidcEndpoint).origin;
  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', a.clientId],
    ['redirect_uri', a.redirectUri],
    ['state', a.state],
    ['code_challenge_method', 'S256'],
    ['scopes', a.scopes && a.scopes.length ? a.scopes.join(' ') : DEFAULT_AUTH_SCOPE],
  ];
  return `${origin}/authorize?${params.map(([k, v]) => `${pctEncode(k)}=${pctEncode(v)}`).join('&')}&code_challenge=${a.challenge}`;
}
