import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { authorizeUrl, codeChallenge, newCodeVerifier, pctEncode } from './pkce.js';

test('the authorize URL is byte-identical to the AWS-WIRE example (botocore percent_encode_sequence)', () => {
  const url = authorizeUrl({
    oidcEndpoint: 'https://oidc.us-east-1.amazonaws.com',
    clientId: 'CLIENTID',
    redirectUri: 'http://127.0.0.1:53127/oauth/callback',
    state: '6f2b1c36-8a39-4a8e-9a43-2a1d1c1f0e11',
    scopes: null,
    challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  });
  assert.equal(url, 'https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=CLIENTID&redirect_uri=http%3A%2F%2F127.0.0.1%3A53127%2Foauth%2Fcallback&state=6f2b1c36-8a39-4a8e-9a43-2a1d1c1f0e11&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  // Configured scopes are space-joined; an endpoint path prefix is dropped like the CLI does.
  const u2 = authorizeUrl({ oidcEndpoint: 'http://127.0.0.1:4566/prefix', clientId: 'c', redirectUri: 'r', state: 's', scopes: ['a:b', 'c'], challenge: 'x' });
  assert.match(u2, /^http:\/\/127\.0\.0\.1:4566\/authorize\?.*&scopes=a%3Ab%20c&code_challenge=x$/);
});

test('pctEncode matches python quote(safe="-_.~") on awkward characters', () => {
  const s = "a b!'()*~-._/:?#[]@$&+,;=%é😀";
  const r = spawnSync('python3', ['-c', 'import sys;from botocore.utils import percent_encode;print(percent_encode(sys.argv[1]),end="")', s], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(pctEncode(s), r.stdout);
});

test('PKCE: 64-char verifier from the unreserved set, S256 challenge of 43 chars (RFC 7636 vector)', () => {
  const v = newCodeVerifier();
  assert.match(v, /^[A-Za-z0-9._~-]{64}$/);
  assert.notEqual(newCodeVerifier(), v);
  assert.equal(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(codeChallenge(v).length, 43);
});
