// STS over the awsQuery protocol: GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity (XML in, XML out).
import { authenticate, authorize } from '../auth.js';
import { AwsError } from '../errors.js';
import { sendQueryResult, type Ctx, type Req } from '../http.js';
import { isoSeconds, randomId } from '../state.js';

export function stsAction(req: Req): string {
  const form = new URLSearchParams(req.body.toString('utf8'));
  return form.get('Action') ?? req.query.get('Action') ?? '';
}

const ROLE_ARN = /^arn:aws(?:-[a-z-]+)?:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

function param(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw new AwsError(400, 'MissingParameter', `The request must contain the parameter ${name}.`);
  return v;
}

function duration(form: URLSearchParams): number {
  const raw = form.get('DurationSeconds');
  if (!raw) return 3600;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 900 || n > 43200) {
    throw new AwsError(400, 'ValidationError', `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  }
  return n;
}

function assumed(ctx: Ctx, roleArn: string, session: string, ttl: number) {
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw new AwsError(400, 'ValidationError', `${roleArn} is invalid`);
  const [, account, roleName] = m;
  const roleId = 'AROA' + randomId('', 17);
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`;
  const creds = ctx.state.issueCredentials(account!, arn, `${roleId}:${session}`, ttl);
  return {
    AssumedRoleUser: { AssumedRoleId: creds.userId, Arn: arn },
    Credentials: { AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, SessionToken: creds.sessionToken, Expiration: isoSeconds(creds.expiresAt) },
  };
}

function decodeJwt(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new AwsError(400, 'InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
  try {
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError(400, 'InvalidIdentityToken', 'The ID token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
  }
}

export function handleSts(ctx: Ctx): void {
  const form = new URLSearchParams(ctx.req.body.toString('utf8'));
  const action = stsAction(ctx.req);
  switch (action) {
    case 'GetCallerIdentity': {
      const p = authenticate(ctx, 'sts');
      return sendQueryResult(ctx, action, { Arn: p.arn, UserId: p.userId, Account: p.account });
    }
    case 'AssumeRole': {
      const p = authenticate(ctx, 'sts');
      const roleArn = param(form, 'RoleArn');
      const session = param(form, 'RoleSessionName');
      try {
        authorize(ctx, p, 'sts:AssumeRole', roleArn);
      } catch (e) {
        throw new AwsError(403, 'AccessDenied', (e as Error).message);
      }
      return sendQueryResult(ctx, action, { ...assumed(ctx, roleArn, session, duration(form)), PackedPolicySize: form.get('Policy') ? 6 : undefined });
    }
    case 'AssumeRoleWithWebIdentity': {
      const roleArn = param(form, 'RoleArn');
      const session = param(form, 'RoleSessionName');
      const claims = decodeJwt(param(form, 'WebIdentityToken'));
      const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
      if (exp !== undefined && exp <= ctx.state.now()) {
        throw new AwsError(400, 'ExpiredTokenException', 'Token expired: current date/time must be before the expiration date/time.');
      }
      const result = assumed(ctx, roleArn, session, duration(form));
      ctx.call.principal = result.AssumedRoleUser.Arn;
      return sendQueryResult(ctx, action, {
        SubjectFromWebIdentityToken: String(claims.sub ?? 'emulator-subject'),
        Audience: String(Array.isArray(claims.aud) ? claims.aud[0] : (claims.aud ?? 'sts.amazonaws.com')),
        ...result,
        Provider: String(claims.iss ?? 'emulator.example.com').replace(/^https:\/\//, ''),
      });
    }
    default:
      throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
  }
}
