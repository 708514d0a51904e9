// Who is calling (SigV4 access key or Bedrock API key) and whether IAM lets them: the errors AWS sends for each case.
import {
  AwsError,
  bedrockBadApiKey,
  bedrockBadSignature,
  bedrockExpiredToken,
  bedrockMissingAuth,
  bedrockUnknownKey,
  iamDenied,
  signatureExpired,
  stsExpiredToken,
  stsInvalidClientTokenId,
  stsMissingAuth,
  stsSignatureDoesNotMatch,
} from './errors.js';
import { header, type Ctx } from './http.js';
import { SHORT_TERM_PREFIX, verifyShortTermKey, type KeyHolder } from './api-keys.js';
import { globMatch } from './scenario.js';
import { amzDateHeader, parseAmzDate, parseSigV4, signatureMatches } from './sigv4.js';

export interface Principal {
  arn: string;
  account: string;
  userId: string;
  region: string;
  kind: 'sigv4' | 'bearer';
}

const MAX_SKEW_MS = 15 * 60_000;

/** Authenticate a request to a signed service; `flavor` picks STS (XML codes) or Bedrock (rest-json codes) errors. */
export function authenticate(ctx: Ctx, flavor: 'sts' | 'bedrock'): Principal {
  const { state, req } = ctx;
  const sts = flavor === 'sts';
  const authz = header(req, 'authorization');
  if (!authz) throw sts ? stsMissingAuth() : bedrockMissingAuth();

  if (/^Bearer\s/i.test(authz)) {
    if (sts) throw stsMissingAuth();
    const key = authz.replace(/^Bearer\s+/i, '').trim();
    ctx.call.auth = 'bearer';
    const region = req.regionHint ?? state.scenario.defaultRegion;
    ctx.call.region = region;
    let who: KeyHolder;
    if (key.startsWith(SHORT_TERM_PREFIX)) {
      // Decoded and its presigned SigV4 signature verified against the identities the emulator knows. AWS documents
      // one answer for a key it does not accept (CLAUDE-CODE-BEDROCK.md §3, problem 16): 403 AccessDeniedException
      // "Authentication failed: Please make sure your API Key is valid.". Its text for an *expired* short-term key is
      // not documented; the closest documented text is that same one (as for an expired long-term key below), so an
      // expired key and a tampered one get the same answer — clients tell them apart by the key's own X-Amz-Date and
      // X-Amz-Expires, as claude-bedrock does.
      const r = verifyShortTermKey(state, key);
      if (r === 'invalid' || r === 'expired') throw bedrockBadApiKey();
      who = r;
    } else {
      const apiKey = state.scenario.apiKeys.find((k) => k.key === key);
      if (!apiKey || apiKey.expired) throw bedrockBadApiKey();
      who = { arn: apiKey.arn, account: apiKey.account, userId: apiKey.arn.split('/').pop()! };
    }
    ctx.call.principal = who.arn;
    return { ...who, region, kind: 'bearer' };
  }

  const auth = parseSigV4(authz);
  if (!auth) {
    const message = "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    throw new AwsError(400, sts ? 'IncompleteSignature' : 'IncompleteSignatureException', message);
  }
  ctx.call.auth = 'sigv4';
  ctx.call.region = auth.region;
  const expectedService = sts ? 'sts' : 'bedrock';
  if (auth.service !== expectedService) {
    const message = `Credential should be scoped to correct service: '${expectedService}'. `;
    throw new AwsError(403, sts ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', message);
  }

  const found = state.findIdentity(auth.accessKeyId);
  const token = header(req, 'x-amz-security-token');
  if (!found || (found.identity.sessionToken ?? undefined) !== (token ?? undefined)) throw sts ? stsInvalidClientTokenId() : bedrockUnknownKey();
  const { identity, expiresAt } = found;
  ctx.call.principal = identity.arn;
  if (identity.expired || (expiresAt !== undefined && expiresAt <= state.now())) throw sts ? stsExpiredToken() : bedrockExpiredToken();

  if (state.scenario.verifySignatures) {
    const amzDate = amzDateHeader(req.rawHeaders);
    const t = parseAmzDate(amzDate);
    if (!Number.isFinite(t) || !amzDate!.startsWith(auth.date)) throw sts ? stsSignatureDoesNotMatch() : bedrockBadSignature();
    // Clients sign with the real clock, whatever the scenario clock (`now`) says about token lifetimes.
    if (Math.abs(t - Date.now()) > MAX_SKEW_MS) {
      const e = signatureExpired(amzDate!, new Date());
      throw sts ? new AwsError(403, 'SignatureDoesNotMatch', e.message) : e;
    }
    const signable = { method: req.method, rawPath: req.rawPath, rawQuery: req.rawQuery, rawHeaders: req.rawHeaders, body: req.body };
    if (!signatureMatches(signable, auth, identity.secretAccessKey)) throw sts ? stsSignatureDoesNotMatch() : bedrockBadSignature();
  }
  return { arn: identity.arn, account: identity.account, userId: identity.userId, region: auth.region, kind: 'sigv4' };
}

/** Throws AccessDeniedException when a scenario deny rule matches this principal, action and resource. */
export function authorize(ctx: Ctx, principal: Principal, action: string, resource?: string, resourceAliases: string[] = []): void {
  for (const rule of ctx.state.scenario.deny) {
    if (rule.principal && !globMatch(rule.principal, principal.arn)) continue;
    if (!globMatch(rule.action, action)) continue;
    if (rule.resource && !(resource && [resource, ...resourceAliases].some((r) => globMatch(rule.resource!, r)))) continue;
    throw iamDenied(principal.arn, action, resource, rule.scp);
  }
}
