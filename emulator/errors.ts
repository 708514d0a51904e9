// AWS's exact error codes, statuses and message texts, as the real services send them (AWS-WIRE.md §1.3, §2–§6).
import type { ErrorSpec } from './scenario.js';

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra body fields (SSO-OIDC `error`/`error_description`), or the capital-M `Message` IAM uses. */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
  static from(spec: ErrorSpec): AwsError {
    return new AwsError(spec.status, spec.code, spec.message);
  }
}

export const THROTTLING: ErrorSpec = { status: 429, code: 'ThrottlingException', message: 'Too many tokens, please wait before trying again.' };
export const SERVICE_UNAVAILABLE: ErrorSpec = { status: 503, code: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' };

// Bedrock Runtime / control plane.
export const onDemandNotSupported = (id: string) =>
  new AwsError(400, 'ValidationException', `Invocation of model ID ${id} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`);
export const invalidModelIdentifier = () => new AwsError(400, 'ValidationException', 'The provided model identifier is invalid.');
export const malformedModelId = (id: string, pattern: string) =>
  new AwsError(400, 'ValidationException', `1 validation error detected: Value '${id}' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`);
export const noModelAccess = () => new AwsError(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.");
export const malformedInput = (detail: string) =>
  new AwsError(400, 'ValidationException', `Malformed input request: ${detail}, please reformat your input and try again.`);

/** An IAM denial; the body uses a capital `Message` like the real authorization layer. */
export function iamDenied(principalArn: string, action: string, resource: string | undefined, scp = false): AwsError {
  const on = resource ? ` on resource: ${resource}` : '';
  const why = scp ? ' with an explicit deny in a service control policy' : ` because no identity-based policy allows the ${action} action`;
  const message = `User: ${principalArn} is not authorized to perform: ${action}${on}${why}`;
  return new AwsError(403, 'AccessDeniedException', message, { Message: message });
}

export const bedrockExpiredToken = () => new AwsError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
export const bedrockUnknownKey = () => new AwsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
export const bedrockBadSignature = () =>
  new AwsError(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
export const bedrockMissingAuth = () => new AwsError(403, 'MissingAuthenticationTokenException', 'Authorization header is missing', { Message: 'Authorization header is missing' });
export const bedrockBadApiKey = () =>
  new AwsError(403, 'AccessDeniedException', 'Authentication failed: Please make sure your API Key is valid.', { Message: 'Authentication failed: Please make sure your API Key is valid.' });
export const signatureExpired = (amzDate: string, now: Date) =>
  new AwsError(403, 'InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${fmtAmz(new Date(now.getTime() - 5 * 60_000))} (${fmtAmz(now)} - 5 min.)`);

function fmtAmz(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// SSO portal.
export const ssoUnauthorized = () => new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');
export const ssoForbidden = () => new AwsError(403, 'ForbiddenException', 'No access');

// SSO-OIDC: the body carries only `error` / `error_description`; the code travels in x-amzn-ErrorType.
export function oidcError(status: number, code: string, error: string, description: string): AwsError {
  return new AwsError(status, code, description, { error, error_description: description });
}
export const authorizationPending = () => oidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
export const invalidGrant = (d = 'Invalid grant provided') => oidcError(400, 'InvalidGrantException', 'invalid_grant', d);
export const oidcExpiredToken = (d = 'Device code has expired') => oidcError(400, 'ExpiredTokenException', 'expired_token', d);
export const invalidClient = (d = 'Invalid client provided') => oidcError(401, 'InvalidClientException', 'invalid_client', d);
export const oidcInvalidRequest = (d: string) => oidcError(400, 'InvalidRequestException', 'invalid_request', d);
export const unsupportedGrantType = (d: string) => oidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', d);
export const invalidClientMetadata = (d: string) => oidcError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', d);
export const invalidRedirectUri = (d: string) => oidcError(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', d);

// STS (awsQuery XML).
export const stsExpiredToken = () => new AwsError(403, 'ExpiredToken', 'The security token included in the request is expired');
export const stsInvalidClientTokenId = () => new AwsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid');
export const stsSignatureDoesNotMatch = () =>
  new AwsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
export const stsMissingAuth = () => new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
