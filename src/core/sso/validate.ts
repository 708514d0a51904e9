// Validation of what sso add / sso migrate write into ~/.aws/config: names, start URLs, regions, accounts, roles. Pure.
import { UsageError } from '../../errors.js';

/**
 * The whole command line to run instead (what an error's `next` says): the command the user ran, with `flag` set to
 * `value` and the other flags as given.
 */
export type Rerun = (flag: string, value: string) => string;

/**
 * Characters safe in a profile or sso-session name for botocore (shlex-split section headers), the JS SDK (its
 * section regex allows only [\w-@+.%:/]) and the shell commands setup writes (awsAuthRefresh).
 */
const NAME_RE = /^[A-Za-z0-9_@+.%:/-]+$/;

export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 64) return 'it is longer than 64 characters';
  if (name.startsWith('-')) return 'it starts with "-" (it would read as a flag)';
  if (/[\r\n]/.test(name)) return 'it contains a line break';
  if (!NAME_RE.test(name)) {
    const bad = [...new Set([...name].filter((c) => !NAME_RE.test(c)))].map((c) => JSON.stringify(c)).join(' ');
    return `it contains ${bad}`;
  }
  return undefined;
}

export function validateName(kind: 'profile' | 'sso-session', name: string, flag: string, rerun: Rerun): string {
  const problem = nameProblem(name);
  if (problem) {
    throw new UsageError(
      `The ${kind} name ${JSON.stringify(name)} is not allowed: ${problem}. Names go into ~/.aws/config section headers and shell commands; use letters, digits and - _ . @ + % : / only.`,
      rerun(flag, kind === 'profile' ? 'bedrock-dev' : 'my-sso'),
    );
  }
  return name;
}

// `/start`, `/start/`, `/start#`, `/start#/`, and `/start/#/` as browsers show the portal.
const AWSAPPS_RE = /^https:\/\/([a-z0-9][a-z0-9-]{0,62})\.awsapps\.com\/start(?:\/|\/?#\/?)?$/i;
const IDENTITYCENTER_RE = /^https:\/\/identitycenter\.amazonaws\.com\/ssoins-[0-9a-z]{8,64}$/i;

export function startUrlProblem(url: string): string | undefined {
  if (AWSAPPS_RE.test(url) || IDENTITYCENTER_RE.test(url)) return undefined;
  if (/\s/.test(url)) return 'it contains whitespace';
  if (/^http:\/\//i.test(url)) return 'it is http://, not https://';
  if (/\.awsapps\.com\/?$/i.test(url)) return 'it is missing the /start path';
  return 'it is not of the form https://<id>.awsapps.com/start or https://identitycenter.amazonaws.com/ssoins-<id>';
}

/**
 * A start URL as the user gave it, made the one IAM Identity Center knows: surrounding whitespace, a `#...` fragment
 * (the portal page a browser's address bar shows) and trailing slashes dropped. `why` says what was dropped (for a
 * note), undefined when nothing changed. Only for URLs the user types: a URL already in ~/.aws/config is never
 * rewritten (a legacy profile's token cache key is sha1 of sso_start_url exactly as written, for botocore as for us).
 */
export function normalizeStartUrl(input: string): { url: string; why?: string } {
  const trimmed = input.trim();
  const hash = trimmed.indexOf('#');
  const noFragment = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const url = noFragment.replace(/\/+$/, '');
  if (url === input) return { url };
  const why = hash !== -1
    ? "the part after # is the portal's page, not the start URL"
    : url !== trimmed ? 'without the trailing /' : 'without the surrounding spaces';
  return { url, why };
}

/** Two start URLs name the same IAM Identity Center portal (compared normalized, neither rewritten). */
export function sameStartUrl(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalizeStartUrl(a).url === normalizeStartUrl(b).url;
}

/** Validate a start URL the user gave (flag or prompt), after normalizing it; returns the normalized URL. */
export function validateStartUrl(input: string, rerun: Rerun): string {
  const { url } = normalizeStartUrl(input);
  const problem = startUrlProblem(url);
  if (problem) {
    throw new UsageError(
      `The SSO start URL ${JSON.stringify(input)} is not an IAM Identity Center start URL: ${problem}. It is the "AWS access portal URL" in the IAM Identity Center console (Settings).`,
      rerun('--start-url', 'https://<your-id>.awsapps.com/start'),
    );
  }
  return url;
}

const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_RE = /^\d{12}$/;
/** IAM role names: 1-64 of [\w+=,.@-]. */
const ROLE_RE = /^[\w+=,.@-]{1,64}$/;

export const isRegion = (v: string): boolean => REGION_RE.test(v);
export const isAccountId = (v: string): boolean => ACCOUNT_RE.test(v);
export const isRoleName = (v: string): boolean => ROLE_RE.test(v);

export function validateRegion(region: string, flag: string, rerun: Rerun): string {
  if (!REGION_RE.test(region)) {
    // `US-West2` → us-west-2; anything else gets an example.
    const guess = region.trim().toLowerCase().replace(/([a-z])(\d{1,2})$/, '$1-$2');
    throw new UsageError(`${JSON.stringify(region)} is not an AWS region name (expected something like us-east-1).`, rerun(flag, REGION_RE.test(guess) ? guess : 'us-east-1'));
  }
  return region;
}

export function validateAccountId(id: string, rerun: Rerun): string {
  if (!ACCOUNT_RE.test(id)) throw new UsageError(`${JSON.stringify(id)} is not an AWS account ID (12 digits).`, rerun('--account', '<account-id>'));
  return id;
}

export function validateRoleName(role: string, rerun: Rerun): string {
  if (!ROLE_RE.test(role)) throw new UsageError(`${JSON.stringify(role)} is not an IAM role name.`, rerun('--role', '<role-name>'));
  return role;
}

/** A default sso-session name from the start URL: `https://acme.awsapps.com/start` → `acme`. */
export function sessionNameFromStartUrl(url: string): string {
  const m = AWSAPPS_RE.exec(url);
  if (m) return m[1]!.toLowerCase();
  const i = /(ssoins-[0-9a-z]+)$/i.exec(url);
  if (i) return i[1]!.toLowerCase();
  return 'sso';
}
