// What a login is for: one IAM Identity Center session (an [sso-session] or a legacy profile's start URL). Pure.

export interface SsoTarget {
  /** The profile the user named (null when a session is addressed directly). */
  profile: string | null;
  /** The [sso-session NAME]; null for a legacy inline profile. */
  sessionName: string | null;
  startUrl: string;
  /** sso_region: where SSO-OIDC and the portal are called. */
  region: string;
  /** Configured sso_registration_scopes (null when not set). */
  scopes: string[] | null;
  accountId?: string;
  roleName?: string;
}

/** How the user refers to this session in messages: `sso-session corp` or `legacy profile dev`. */
export function describeTarget(t: SsoTarget): string {
  return t.sessionName !== null ? `SSO session "${t.sessionName}"` : `profile "${t.profile}" (legacy SSO, start URL ${t.startUrl})`;
}

/** The command that logs this target in again. */
export function loginCommand(t: SsoTarget): string {
  return t.profile !== null ? `claude-bedrock login --profile ${shellWord(t.profile)}` : `claude-bedrock login --sso-session ${shellWord(t.sessionName ?? '')}`;
}

/** Quote for a POSIX shell only when needed (names we accept never need it; names found in files might). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
