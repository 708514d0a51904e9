// Any error from an AWS call (SDK service error, network, TLS, proxy, timeout, our own CliErrors) → one Failure entry:
// a stable kind, a scrubbed one-line message, the fix, and the error-catalog entries that explain it.
import { AuthError, CliError } from '../errors.js';
import { scrubSecrets } from '../core/redact.js';
import { shellWord } from '../core/sso/target.js';
import { explainText, isGlobalModel, normalizeErrorText, ssoLoginCommand, type ExplainContext } from '../core/diagnosis/catalog.js';

export type FailureKind =
  | 'credentials-expired' // SSO / aws login / STS session over, or never logged in: a login fixes it (exit 4)
  | 'invalid-credentials'
  | 'no-credentials'
  | 'profile-not-found'
  | 'config'
  | 'credential-process'
  | 'access-denied'
  | 'model-access'
  | 'on-demand-unsupported'
  | 'invalid-model'
  | 'throttled'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'tls'
  | 'proxy'
  | 'malformed-response'
  | 'invalid-request'
  | 'unknown';

export interface Failure {
  kind: FailureKind;
  /** The AWS error code (ThrottlingException) or errno (ECONNREFUSED), when there is one. */
  code: string | null;
  status: number | null;
  message: string;
  fix: string;
  /** Error-catalog ids (`claude-bedrock explain` shows the same). */
  explain: string[];
}

export interface FailureContext extends ExplainContext {
  /** Values that must never appear in the message (planted secrets in tests, the user's keys). */
  secrets?: string[];
  /** The Bedrock API key the call was made with (what it says about itself: never the key), and the time now. */
  apiKey?: BearerKeyContext;
}

export interface BearerKeyContext {
  /** short-term: a decodable bedrock-api-key-…; damaged: it starts like one and cannot be decoded. */
  kind: 'short-term' | 'long-term' | 'damaged' | 'unknown';
  region?: string;
  expiresAt?: Date;
  now: Date;
}

/**
 * Bedrock answers a short-term key it does not accept — expired or not — with one text ("Authentication failed:
 * Please make sure your API Key is valid."); the key itself says which it is (X-Amz-Date + X-Amz-Expires).
 */
function withApiKey(f: Failure, k: BearerKeyContext | undefined): Failure {
  if (!k || !f.explain.includes('api-key-auth') || (k.kind !== 'short-term' && k.kind !== 'damaged')) return f;
  const generate = `claude-bedrock setup --auth api-key --api-key generate${k.region ? ` --region ${shellWord(k.region)}` : ''}   # a new short-term key`;
  if (k.kind === 'damaged') {
    return { ...f, message: `${f.message} The short-term key in AWS_BEARER_TOKEN_BEDROCK cannot be decoded: it was changed or cut when it was copied.`, fix: generate };
  }
  const at = k.expiresAt?.toISOString() ?? '?';
  if (k.expiresAt && k.expiresAt.getTime() <= k.now.getTime()) {
    return { ...f, message: `${f.message} The short-term key in AWS_BEARER_TOKEN_BEDROCK expired at ${at} (they last 12 hours at most).`, fix: generate };
  }
  return {
    ...f,
    message: `${f.message} The short-term key in AWS_BEARER_TOKEN_BEDROCK has not expired (valid until ${at}), so it was changed when it was copied, or the credentials that signed it are no longer valid.`,
    fix: generate,
  };
}

const CLI_CODE_KIND: Record<string, FailureKind> = {
  'profile-not-found': 'profile-not-found',
  'no-credentials': 'no-credentials',
  'bearer-only': 'no-credentials',
  'auth-needed': 'credentials-expired',
  'sso-login-needed': 'credentials-expired',
  'sso-expired': 'credentials-expired',
  'login-needed': 'credentials-expired',
  'login-expired': 'credentials-expired',
  'credentials-expired': 'credentials-expired',
  'config-error': 'config',
  'mfa-required': 'config',
  'sso-no-access': 'access-denied',
  file: 'config',
  'credential-process-failed': 'credential-process',
  'credential-process-timeout': 'credential-process',
  'credential-process-expired': 'credential-process',
  'malformed-response': 'malformed-response',
};

const TLS_CODES = /^(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|ERR_SSL_.*|EPROTO)$/;
const NET_CODES = /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|ECONNABORTED|ENETDOWN|EADDRNOTAVAIL)$/;

/** One line, no SDK hint about hidden fields, no secrets. */
export function cleanMessage(msg: string, secrets: string[] = []): string {
  return scrubSecrets(
    msg
      .replace(/\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\./g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    secrets,
  ).slice(0, 600);
}

function attemptsNote(e: any): string {
  const n = e?.$metadata?.attempts;
  return typeof n === 'number' && n > 1 ? ` (after ${n} attempts)` : '';
}

function kindOfService(code: string, status: number | null, rawMsg: string): FailureKind {
  const msg = normalizeErrorText(rawMsg);
  if (/^(?:ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(code)) return 'credentials-expired';
  if (/^(?:UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|MissingAuthenticationToken)$/.test(code)) return 'invalid-credentials';
  if (/^(?:ThrottlingException|throttlingException|Throttling|TooManyRequestsException|ServiceQuotaExceededException|RequestLimitExceeded)$/.test(code) || status === 429 && !/ModelNotReady/.test(code)) return 'throttled';
  if (/on-demand throughput isn'?t supported/i.test(msg)) return 'on-demand-unsupported';
  if (/don'?t have access to the model|use case|use-case|Model access is denied|marked by provider as Legacy/i.test(msg)) return 'model-access';
  if (/^AccessDenied(?:Exception)?$/.test(code) || status === 403) return 'access-denied';
  if (/model identifier is invalid|at 'modelId' failed to satisfy constraint|could not resolve the foundation model/i.test(msg)) return 'invalid-model';
  if (/^(?:ResourceNotFoundException)$/.test(code)) return 'invalid-model';
  if (/^(?:ServiceUnavailableException|serviceUnavailableException|InternalServerException|internalServerException|InternalFailure|ModelNotReadyException|ModelTimeoutException|modelTimeoutException|ModelErrorException|modelStreamErrorException)$/.test(code) || (status !== null && status >= 500)) return 'unavailable';
  if (/^ValidationException$|^validationException$/.test(code) || status === 400) return 'invalid-request';
  return 'unknown';
}

const DEFAULT_FIX: Record<FailureKind, (ctx: FailureContext) => string> = {
  'credentials-expired': (c) => (c.profile ? ssoLoginCommand(c.profile) : 'refresh your AWS credentials, then run the command again'),
  'invalid-credentials': (c) => `claude-bedrock status${c.profile ? ` --profile ${shellWord(c.profile)}` : ''}  # check which keys are used`,
  'no-credentials': () => 'claude-bedrock profiles',
  'profile-not-found': () => 'claude-bedrock profiles',
  config: () => 'claude-bedrock profiles',
  'credential-process': (c) => `aws sts get-caller-identity${c.profile ? ` --profile ${shellWord(c.profile)}` : ''}`,
  'access-denied': () => 'claude-bedrock policy  # prints the minimal IAM policy',
  'model-access': () => 'submit the Anthropic use-case form in the Bedrock console (Model catalog), then run claude-bedrock test',
  'on-demand-unsupported': (c) => `claude-bedrock models --map ${c.model ?? '<model id>'}${c.region ? ` --region ${c.region}` : ''}`,
  'invalid-model': (c) => `claude-bedrock models${c.region ? ` --region ${c.region}` : ''}`,
  throttled: () => 'wait and retry; ask for a higher Bedrock quota in Service Quotas',
  unavailable: (c) => (isGlobalModel(c.model) ? 'retry in a minute' : 'retry in a minute; a global. inference profile routes around a busy region'),
  network: () => 'check the network / VPN; behind a proxy export HTTPS_PROXY; claude-bedrock regions shows which regions answer',
  timeout: () => 'check the network / VPN / proxy; claude-bedrock regions shows which regions answer',
  tls: () => 'export NODE_EXTRA_CA_CERTS=/path/to/your-corporate-ca.pem (or AWS_CA_BUNDLE), then run the command again',
  proxy: () => 'check HTTPS_PROXY (host, port, user:password) and NO_PROXY',
  'malformed-response': () => 'something between you and AWS (a proxy or gateway) altered the response; try without it or another network',
  'invalid-request': () => 'claude-bedrock explain "<the message above>"',
  unknown: () => 'run the command again with --debug',
};

function withCatalog(kind: FailureKind, code: string | null, status: number | null, message: string, ctx: FailureContext, fix?: string): Failure {
  // Our own call: the credentials are the profile's (ctx.profile) or the environment's, not Claude Code's cached copy.
  const matches = explainText(`${code ?? ''} ${message}`, { ...ctx, ownCall: true });
  const useCatalogFix = !fix && kind !== 'network' && kind !== 'timeout' && matches.length > 0;
  return {
    kind,
    code,
    status,
    message,
    fix: fix ?? (useCatalogFix ? matches[0]!.fix : DEFAULT_FIX[kind](ctx)),
    explain: matches.map((m) => m.id),
  };
}

export function toFailure(e: unknown, ctx: FailureContext = {}): Failure {
  const secrets = ctx.secrets ?? [];
  if (e instanceof CliError) {
    const kind = CLI_CODE_KIND[e.code] ?? (e.exitCode === 4 ? 'credentials-expired' : 'unknown');
    const message = cleanMessage(e.why ? `${e.message} ${e.why}` : e.message, secrets);
    return withCatalog(kind, e.code, null, message, ctx, e.next);
  }
  const err = (e ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string; cause?: { code?: string } };
  const raw = String(err.message ?? e);
  const errno = err.code ?? err.cause?.code;
  if (err.name === 'ProxyError') return withCatalog('proxy', errno ?? null, null, cleanMessage(raw, secrets), ctx);
  if (errno && TLS_CODES.test(errno)) {
    return withCatalog('tls', errno, null, cleanMessage(`TLS: ${raw}`, secrets), ctx);
  }
  if (errno && NET_CODES.test(errno)) {
    return withCatalog('network', errno, null, cleanMessage(`${raw}${attemptsNote(e)}`, secrets), ctx);
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || errno === 'ETIMEDOUT' || errno === 'ETIMEDOUT_CB') {
    const what = err.name === 'AbortError' ? 'no answer before the time limit' : raw.replace(/^@smithy\/node-http-handler - \[ERROR\] /, '');
    return withCatalog('timeout', errno ?? 'ETIMEDOUT', null, cleanMessage(`${what}${attemptsNote(e)}`, secrets), ctx);
  }
  const status = err.$metadata?.httpStatusCode ?? null;
  if (err.name === 'SyntaxError' || /Deserialization error|Truncated event message|XML parse error|checksum|Unexpected end of JSON|is not valid JSON|Message CRC|Prelude CRC/i.test(raw)) {
    return withCatalog('malformed-response', err.name ?? null, status, cleanMessage(`The response could not be read${status ? ` (HTTP ${status})` : ''}: ${raw}`, secrets), ctx);
  }
  if (err.$fault || status !== null) {
    const code = err.name && err.name !== 'Error' ? err.name : null;
    const kind = kindOfService(code ?? '', status, raw);
    return withApiKey(withCatalog(kind, code, status, cleanMessage(`${code ?? `HTTP ${status}`}${status ? ` (HTTP ${status})` : ''}: ${raw}${attemptsNote(e)}`, secrets), ctx), ctx.apiKey);
  }
  return withCatalog('unknown', err.name ?? null, null, cleanMessage(raw, secrets), ctx);
}

/** A failure that ends the command: credentials that need a login exit 4, the rest 1. */
export function failureError(f: Failure, what: string): CliError {
  const parts = { what: `${what}: ${f.message}`, next: f.fix, code: f.kind };
  return f.kind === 'credentials-expired' ? new AuthError(parts) : new CliError(parts);
}
