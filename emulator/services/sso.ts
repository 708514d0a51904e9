// The IAM Identity Center portal API (unsigned; the caller is the `x-amz-sso_bearer_token` access token).
import { createHash } from 'node:crypto';
import { AwsError, ssoForbidden, ssoUnauthorized } from '../errors.js';
import { header, sendJson, type Ctx } from '../http.js';
import type { SsoUser } from '../scenario.js';
import { randomId } from '../state.js';
import { intParam, page } from './paging.js';

function caller(ctx: Ctx): { user: SsoUser; token: string } {
  ctx.call.auth = 'sso-token';
  const token = header(ctx.req, 'x-amz-sso_bearer_token');
  if (!token) throw ssoUnauthorized();
  const user = ctx.state.checkAccessToken(token);
  if (user === 'invalid') throw ssoUnauthorized();
  return { user, token };
}

/** Identity Center's per-permission-set role name: `AWSReservedSSO_<set>_<16 hex>`. */
export function reservedRoleName(accountId: string, roleName: string): string {
  return `AWSReservedSSO_${roleName}_${createHash('sha1').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16)}`;
}

export function handleSso(ctx: Ctx, operation: string): void {
  const q = ctx.req.query;
  switch (operation) {
    case 'GetRoleCredentials': {
      const { user } = caller(ctx);
      const roleName = q.get('role_name');
      const accountId = q.get('account_id');
      if (!roleName || !accountId) throw new AwsError(400, 'InvalidRequestException', 'Missing required parameter');
      const account = user.accounts.find((a) => a.accountId === accountId);
      if (!account || !account.roles.includes(roleName)) throw ssoForbidden();
      const arn = `arn:aws:sts::${accountId}:assumed-role/${reservedRoleName(accountId, roleName)}/${user.userName}`;
      ctx.call.principal = arn;
      const c = ctx.state.issueCredentials(accountId, arn, `AROA${randomId('', 17)}:${user.userName}`, ctx.state.scenario.sso.roleCredentialsTtlSeconds);
      return sendJson(ctx, 200, { roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiresAt } });
    }
    case 'ListAccounts': {
      const { user } = caller(ctx);
      const max = intParam(q.get('max_result'), 'maxResults', 1, 100, 20);
      const p = page(user.accounts, max, q.get('next_token'), `accounts:${user.userName}`);
      return sendJson(ctx, 200, { nextToken: p.nextToken ?? null, accountList: p.items.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })) });
    }
    case 'ListAccountRoles': {
      const { user } = caller(ctx);
      const accountId = q.get('account_id');
      if (!accountId) throw new AwsError(400, 'InvalidRequestException', 'Missing required parameter accountId');
      const roles = user.accounts.find((a) => a.accountId === accountId)?.roles ?? [];
      const max = intParam(q.get('max_result'), 'maxResults', 1, 100, 20);
      const p = page(roles, max, q.get('next_token'), `roles:${user.userName}:${accountId}`);
      return sendJson(ctx, 200, { nextToken: p.nextToken ?? null, roleList: p.items.map((roleName) => ({ roleName, accountId })) });
    }
    case 'Logout': {
      const { token } = caller(ctx);
      const rec = ctx.state.accessTokens.get(token);
      if (rec) rec.revoked = true;
      else ctx.state.revokedSeedAccess.add(token);
      return sendJson(ctx, 200, {});
    }
  }
}
