// The error catalog: exact error texts (Claude Code, AWS SDKs, AWS CLI, Bedrock) → cause, fix and a confirming command. Pure.
//
// Sources: the troubleshooting table of reference/aws-bedrock-reference.md ("ref: <row>"), the 22 failure patterns of
// CLAUDE-CODE-BEDROCK.md §3 ("cc#N") and the error shapes of AWS-WIRE.md ("wire: <section>"). `explain`, `test` and
// `discover` all use it, so a message explained by hand and one met by `test` get the same answer.
import { shellWord } from '../sso/target.js';

export interface ExplainContext {
  profile?: string;
  region?: string;
  model?: string;
  /**
   * The failing call was this tool's own (doctor, test, discover), made with `profile` or, without one, with the keys
   * in the environment; otherwise the text came from Claude Code (explain), which caches the credentials it used.
   */
  ownCall?: boolean;
}

type Text = string | ((m: RegExpMatchArray, ctx: ExplainContext) => string);

export interface CatalogEntry {
  id: string;
  title: string;
  /** Which reference rows / Claude Code patterns / wire sections this entry covers. */
  sources: string[];
  patterns: RegExp[];
  cause: Text;
  fix: Text;
  /** The command that confirms the diagnosis (or that the fix worked). */
  confirm: Text;
  /** A broad entry, shown only when no specific entry matched. */
  generic?: boolean;
}

export interface CatalogMatch {
  id: string;
  title: string;
  cause: string;
  fix: string;
  confirm: string;
}

// Names and regions come from user files, flags and pasted text: quoted for a shell, so a suggested command that is
// copied and run does only what it says.
const P = (ctx: ExplainContext) => (ctx.profile ? shellWord(ctx.profile) : '<profile>');
const R = (ctx: ExplainContext) => (ctx.region ? shellWord(ctx.region) : '<region>');
const profileFlag = (ctx: ExplainContext) => (ctx.profile ? ` --profile ${shellWord(ctx.profile)}` : '');
const regionFlag = (ctx: ExplainContext) => (ctx.region ? ` --region ${shellWord(ctx.region)}` : '');
const login = (ctx: ExplainContext) => (ctx.profile ? ssoLoginCommand(ctx.profile) : 'claude-bedrock login --profile <profile>');

/** A global. inference profile (ID or ARN): its requests already go to any commercial region with capacity. */
export function isGlobalModel(model: string | undefined): boolean {
  return !!model && /(?:^|inference-profile\/)global\./.test(model);
}

/** The command that gets a fresh SSO token for a profile (the AWS CLI equivalent is `aws sso login --profile P`). */
export function ssoLoginCommand(profile: string): string {
  return `claude-bedrock login --profile ${shellWord(profile)}`;
}

export const CATALOG: CatalogEntry[] = [
  {
    id: 'sso-session-expired',
    title: 'SSO session expired',
    sources: ['cc#1', 'ref: Token expired', 'wire: §4.4'],
    patterns: [
      /The SSO session associated with this profile (?:has expired|is invalid)/i,
      /Token is expired\. To refresh this SSO session run/i,
      /Token has expired and refresh failed/i,
      /Error loading SSO Token/i,
      /UnauthorizedSSOTokenError/,
    ],
    cause: 'The IAM Identity Center (SSO) access token in ~/.aws/sso/cache has run out and could not be refreshed: legacy profiles (sso_start_url in the profile) have no refresh token, and [sso-session] tokens stop refreshing when the portal session ends.',
    fix: (_m, ctx) => `${login(ctx)}   then, to stop the 8-hour logins, use an [sso-session] with sso_registration_scopes = sso:account:access (claude-bedrock sso migrate) and let Claude Code log in for you via awsAuthRefresh (claude-bedrock setup)`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'sts-token-expired',
    title: 'Temporary AWS credentials expired',
    sources: ['cc#2', 'ref: Token expired', 'wire: §1.3', 'wire: §6.4'],
    patterns: [/security token included in the request is expired/i, /\bExpiredToken(?:Exception)?\b/],
    cause: 'The temporary credentials (an STS session from assume-role, okta/saml2aws/gimme-aws-creds, or AWS_SESSION_TOKEN in the environment) expired, and Claude Code kept using the copy it had cached.',
    fix: (_m, ctx) => {
      const tools = 'from the tool that issued them (okta-aws-cli, saml2aws, gimme-aws-creds, aws sts assume-role…)';
      const get = ctx.profile
        ? `get new credentials for profile ${P(ctx)} ${tools}: the aws_session_token and keys in its ~/.aws/credentials section, or what its credential_process prints`
        : ctx.ownCall
          ? `get new AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN ${tools} and set them where they are set now (your shell, or the env block of your Claude Code settings: claude-bedrock status shows which)`
          : `get new credentials ${tools} for what Claude Code used: AWS_SESSION_TOKEN in its environment or settings env, or the profile in AWS_PROFILE`;
      // Claude Code reads its environment at launch and caches profile credentials: a running session needs a restart.
      const restart = !ctx.ownCall
        ? ', then restart claude (claude --continue keeps the conversation); CLAUDE_CODE_SKIP_AWS_CRED_CACHE=1 shows whether a stale cache is the cause'
        : ctx.profile ? '' : ', then start claude again so it reads them';
      return `${get}${restart}; so that Claude Code fetches fresh ones itself, set awsCredentialExport to the command that prints them`;
    },
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'auth-refresh-loop',
    title: 'awsAuthRefresh runs again and again (browser tabs keep opening)',
    sources: ['cc#3'],
    patterns: [/Running AWS auth refresh command/i, /Attempting to open your default browser/i],
    cause: 'Claude Code runs awsAuthRefresh whenever its STS check fails; behind a VPN or a TLS-inspecting proxy that check keeps failing even after a good login, so the login runs again.',
    fix: (_m, ctx) => `remove awsAuthRefresh from your settings and run ${login(ctx)} yourself before starting claude`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'auth-refresh-hidden',
    title: 'awsAuthRefresh output or device code not shown',
    sources: ['cc#4'],
    patterns: [/bedrock-fallback hit \d+ ?ms deadline/i, /Unexpected token 'A', "Attempting"/i],
    cause: 'The login that awsAuthRefresh started printed its link or device code where you cannot see it (the debug log, or an IDE that expected JSON), so it timed out.',
    fix: (_m, ctx) => `log in before launching Claude Code: ${login(ctx)}; the link is also in ~/.claude/debug`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'settings-wrong-file',
    title: 'Setting in a file Claude Code does not read',
    sources: ['cc#5'],
    patterns: [/(?:awsAuthRefresh|awsCredentialExport)\b[^\n]{0,80}\.claude\.json/i, /^\s*No response\.?\s*$/im],
    cause: 'The key (often awsAuthRefresh) is in ~/.claude.json or a misnamed file; Claude Code reads settings only from settings.json files, so it is silently ignored.',
    fix: 'move the key into ~/.claude/settings.json (claude-bedrock setup writes it there)',
    confirm: 'claude-bedrock status',
  },
  {
    id: 'credential-export',
    title: 'awsCredentialExport ignored or misformatted',
    sources: ['cc#6'],
    patterns: [/Cannot call GetSessionToken with session credentials/i, /skipping AWS credential export command/i],
    cause: 'awsCredentialExport must print credentials as JSON; `aws sts get-session-token` cannot run on session credentials, and Claude Code before 2.1.141 skipped the command whenever other credentials worked.',
    fix: (_m, ctx) => `set "awsCredentialExport": "aws configure export-credentials --profile ${P(ctx)} --format process" (it includes Expiration) and use Claude Code 2.1.141 or later`,
    confirm: (_m, ctx) => `aws configure export-credentials --profile ${P(ctx)} --format process`,
  },
  {
    id: 'credential-resolve-hang',
    title: 'Credential resolution hangs or finds nothing',
    sources: ['cc#7', 'cc#17'],
    patterns: [/default-chain credential resolve timed out/i, /Could not load credentials from any providers/i, /credential_process (?:timed out|did not finish)/i],
    cause: 'No credential provider produced credentials: the profile is missing or misnamed, a credential_process waits for input (it must never prompt), or the SDK is waiting on the EC2 metadata service on a machine that has none.',
    fix: (_m, ctx) => `check the profile resolves on its own: claude-bedrock status${profileFlag(ctx)}; make credential_process non-interactive; raise CLAUDE_CODE_AWS_CHAIN_RESOLVE_TIMEOUT_MS only if the helper is just slow`,
    confirm: (_m, ctx) => `aws sts get-caller-identity --profile ${P(ctx)}`,
  },
  {
    id: 'sso-region-mismatch',
    title: 'SSO role credentials requested in the wrong region',
    sources: ['cc#8', 'wire: §2'],
    patterns: [/Session token not found or invalid/i],
    cause: 'The SSO portal rejected the access token: either Claude Code 2.1.207 asked for role credentials in the Bedrock region instead of the profile\'s sso_region, or the token was revoked (logout, session ended).',
    fix: (_m, ctx) => `update Claude Code (claude update; fixed in 2.1.208); if it persists: ${login(ctx)}`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'assume-role-chain',
    title: 'Chained (assume-role) profile not resolved',
    sources: ['cc#9'],
    patterns: [/API Error: Profile is co/i, /Detected a cycle attempting to resolve credentials/i, /requires multi-factor authentication/i, /source_profile[^\n]{0,60}(?:not found|does not exist|could not be found)/i],
    cause: 'The profile assumes a role from another profile (source_profile + role_arn, or credential_source); older Claude Code versions, MFA prompts and cycles in the chain break it.',
    fix: (_m, ctx) => `update Claude Code (2.1.218 or later); or let Claude Code take ready credentials: "awsCredentialExport": "aws configure export-credentials --profile ${P(ctx)} --format process"`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'on-demand-model-id',
    title: 'Raw model ID used where an inference profile is needed',
    sources: ['cc#10', 'ref: "on-demand throughput isn\'t supported"', 'ref: Model not available', 'wire: §6.4'],
    // The second pattern is the reference sheet's short form, as users paste it without the model ID.
    patterns: [/Invocation of model ID (\S+?) with on-demand throughput isn'?t supported/i, /on-demand throughput isn'?t supported/i],
    cause: (m) => `${m[1] ?? 'The configured model'} is a foundation-model ID; current Claude models are served only through inference profiles (IDs starting global., us., eu., apac., jp., au.) or application inference profile ARNs.`,
    fix: (m, ctx) => `pin an inference profile that contains it: claude-bedrock models --map ${m[1] ? shellWord(m[1]) : '<model-id>'}${regionFlag(ctx)}   (global. is preferred; only IDs AWS returns are listed)`,
    confirm: 'claude-bedrock test',
  },
  {
    id: 'model-access',
    title: 'Model access not granted (Anthropic use-case form)',
    sources: ['cc#11', 'wire: §6.4'],
    patterns: [/You don'?t have access to the model with the specified model ID/i, /Model use case details have not been submitted/i, /not filled out the required use-case form/i],
    cause: 'This AWS account has not been granted the Anthropic model: the one-time Anthropic use-case form was not submitted (or not for this account / organization).',
    fix: 'submit the Anthropic use-case form in the Bedrock console (Model catalog → any Anthropic model), or from the organization\'s management account call PutUseCaseForModelAccess; enable both the main and the background (Haiku) model. Access is granted within minutes',
    confirm: 'claude-bedrock test',
  },
  {
    id: 'marketplace-subscription',
    title: 'Model access denied: AWS Marketplace subscription',
    sources: ['wire: §6.4'],
    patterns: [/Model access is denied due to/i, /AWS Marketplace subscription for this model cannot be completed/i],
    cause: 'The first call to a model subscribes the account through AWS Marketplace; the caller may not run aws-marketplace:ViewSubscriptions / aws-marketplace:Subscribe.',
    fix: 'allow aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe (condition aws:CalledViaLast = bedrock.amazonaws.com; claude-bedrock policy prints it), then retry after the minutes the message states',
    confirm: 'claude-bedrock test',
  },
  {
    id: 'legacy-model',
    title: 'Legacy model no longer available to this account',
    sources: ['wire: §6.4'],
    patterns: [/marked by provider as Legacy/i],
    cause: 'The model is Legacy and this account has not used it in the last 15 days, so access was withdrawn.',
    fix: (_m, ctx) => `pin a current model: claude-bedrock models${regionFlag(ctx)}`,
    confirm: 'claude-bedrock test',
  },
  {
    id: 'iam-denied',
    title: 'IAM or SCP denies a Bedrock action',
    sources: ['cc#12', 'ref: Access denied', 'wire: §5.5'],
    patterns: [
      /is not authorized to perform: (?<action>[\w-]+:\w+) on resource: (?<resource>\S+?)(?= because| with|["'}\s]|$)/i,
      /is not authorized to perform: (?<action>[\w-]+:\w+)/i,
      /on resource: (?<resource>\S+?) with an explicit deny/i,
    ],
    cause: (m) => {
      const { action, resource } = m.groups ?? {};
      const scp = /service control policy/i.test(m.input ?? '');
      const session = /session policy/i.test(m.input ?? '');
      const who = scp ? 'A service control policy (SCP) of your AWS organization explicitly denies' : session ? 'The session policy of the role does not allow' : 'Your IAM policies do not allow';
      return `${who} ${action ?? 'the call'}${resource ? ` on ${resource}` : ''}. Claude Code needs it for every model it calls, including the background (Haiku) model.`;
    },
    fix: (m) => {
      const { action, resource } = m.groups ?? {};
      const scp = /service control policy/i.test(m.input ?? '');
      const what = `${action ?? 'bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream'}${resource ? ` on ${resource}` : ''}`;
      const grant = scp ? `ask your AWS organization admin to lift the SCP deny of ${what}` : `allow ${what} (plus the foundation-model ARNs in every region an inference profile routes to): claude-bedrock policy prints the minimal policy`;
      return /Invoke/i.test(action ?? 'Invoke') ? `${grant}; or pin ANTHROPIC_DEFAULT_HAIKU_MODEL and the other aliases to models you may call` : grant;
    },
    confirm: 'claude-bedrock test',
  },
  {
    id: 'invalid-model-id',
    title: 'Model ID not valid in this region',
    sources: ['cc#13', 'cc#21', 'ref: Model not available', 'wire: §6.4'],
    patterns: [/The provided model identifier is invalid/i, /at 'modelId' failed to satisfy constraint/i],
    cause: (_m, ctx) => `The model or inference-profile ID does not exist in ${ctx.region ?? 'the region the request went to'}: a region prefix that does not match the region (an eu. profile called from a US region), a typo, or a bare ID such as claude-sonnet-4-6.`,
    fix: (_m, ctx) => `pin an ID that region lists: claude-bedrock models --region ${R(ctx)}; or set ANTHROPIC_BEDROCK_REGION_PREFIX (us, eu, apac, jp, au, global)`,
    confirm: 'claude-bedrock test',
  },
  {
    id: 'region-not-read',
    title: 'Claude Code ignores the profile\'s region (≤ 2.1.171)',
    sources: ['cc#14'],
    patterns: [/The provided model identifier is invalid/i, /AWS_REGION[^\n]{0,40}(?:required|not set|missing)/i],
    cause: 'Claude Code up to 2.1.171 does not read region from ~/.aws/config, so requests go to us-east-1 (or nowhere) unless AWS_REGION is set.',
    fix: (_m, ctx) => `set AWS_REGION in the settings env (claude-bedrock setup --region ${R(ctx)}) or update Claude Code to 2.1.172 or later`,
    confirm: 'claude-bedrock status',
  },
  {
    id: 'throttling',
    title: 'Throttled (quota)',
    sources: ['cc#15', 'wire: §6.4'],
    patterns: [/Too many (?:requests|tokens)(?: per day)?, please wait before trying again/i, /\b[Tt]hrottlingException\b/, /\bRate exceeded\b/i],
    cause: 'Bedrock throttled the account: requests or tokens per minute (or per day) exceeded the model quota; new accounts can have very low quotas, and Bedrock reserves max_tokens against it.',
    fix: (_m, ctx) => `request a higher "tokens per minute" quota for the model in Service Quotas (Amazon Bedrock); lower CLAUDE_CODE_MAX_OUTPUT_TOKENS (claude-bedrock tune); ${isGlobalModel(ctx.model) ? 'retry in a minute (the quota is per minute, and this global. profile already spreads the load over every region)' : 'a global. inference profile spreads load over more regions'}`,
    confirm: 'claude-bedrock test',
  },
  {
    id: 'api-key-auth',
    title: 'Bedrock API key rejected',
    sources: ['cc#16'],
    patterns: [/Authorization header is missing/i, /Please make sure your API Key is valid/i, /bedrock:CallWithBearerToken/i],
    cause: 'The Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) was not sent or not accepted: an empty or expired key (short-term keys last at most 12 hours), a Claude Code version with the API-key regression (2.1.94–2.1.95), or an identity without bedrock:CallWithBearerToken.',
    fix: 'update Claude Code (2.1.96 or later); make sure AWS_BEARER_TOKEN_BEDROCK holds a current key; the key\'s identity needs bedrock:CallWithBearerToken',
    confirm: 'claude-bedrock test',
  },
  {
    id: 'ide-env-missing',
    title: 'IDE, Desktop or Codespaces does not get the Bedrock settings',
    sources: ['cc#17'],
    patterns: [/Could not resolve authentication method\. Expected either apiKey or authToken/i, /Could not load credentials from any providers/i],
    cause: 'The process that started Claude Code (IDE, Desktop app, Codespace) did not get CLAUDE_CODE_USE_BEDROCK / AWS_PROFILE from your shell profile.',
    fix: 'put the Bedrock env block in ~/.claude/settings.json (claude-bedrock setup) instead of shell exports, or start the IDE from a shell that has them',
    confirm: 'claude-bedrock status',
  },
  {
    id: 'aws-profile-leak',
    title: 'AWS_PROFILE leaks into Bash and MCP subprocesses',
    sources: ['cc#18'],
    patterns: [/AWS_PROFILE[^\n]{0,80}\b(?:leak|leaks|subprocess|Bash|MCP|terraform)/i, /\b(?:terraform|aws cli|Bash tool|MCP server)\b[^\n]{0,80}wrong (?:AWS )?account/i],
    cause: 'AWS_PROFILE in the settings env is inherited by every command Claude Code runs, so aws / terraform in the Bash tool act on the Bedrock account.',
    fix: 'set CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=1, or give Claude Code its credentials through awsCredentialExport (scoped to its Bedrock client) or a Bedrock API key instead of AWS_PROFILE',
    confirm: 'claude-bedrock status',
  },
  {
    id: 'settings-env-override',
    title: 'Settings env overrides the shell (or a broken settings file is ignored)',
    sources: ['cc#19'],
    patterns: [/CLAUDE_CODE_USE_BEDROCK["']?\s*[:=]\s*["']?0\b/i, /settings(?:\.local)?\.json[^\n]{0,60}\b(?:overrides?|ignored|invalid|unparseable|malformed)\b/i],
    cause: 'A value in a settings file env block beats the same variable exported in the shell (and managed > local > project > user); a settings file that does not parse is ignored entirely.',
    fix: 'claude-bedrock status shows which layer sets each key; cancel a value with "" in the winning file; fix or remove the unparseable file',
    confirm: 'claude-bedrock status',
  },
  {
    id: 'tls-interception',
    title: 'TLS inspection or self-signed certificate',
    sources: ['cc#20', 'ref: Network timeout'],
    patterns: [/self[- ]signed certificate/i, /unable to (?:get local issuer certificate|verify the first certificate)/i, /\b(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_HAS_EXPIRED)\b/],
    cause: 'A proxy or security product re-signs TLS traffic with a certificate authority Node.js does not trust.',
    fix: 'export NODE_EXTRA_CA_CERTS=/path/to/corporate-ca.pem in the shell that starts claude (AWS_CA_BUNDLE for the AWS CLI)',
    confirm: 'claude-bedrock regions',
  },
  {
    id: 'proxy-event-stream',
    title: 'Proxy rewrites the Bedrock event stream',
    sources: ['cc#20'],
    patterns: [/content-type "text\/event-stream"; expected "application\/vnd\.amazon\.eventstream"/i, /Truncated event message received/i],
    cause: 'A proxy or gateway between Claude Code and Bedrock changed the streaming response (its content type or framing).',
    fix: 'let the proxy pass application/vnd.amazon.eventstream through unmodified; if it only rewrites the header, set CLAUDE_CODE_DISABLE_BEDROCK_CONTENT_TYPE_GUARD=1; update Claude Code (2.1.239 fixes an HTTPS_PROXY hang)',
    confirm: 'claude-bedrock test',
  },
  {
    id: 'context-limit',
    title: 'Input too long for the model',
    sources: ['cc#21'],
    patterns: [/Input is too long for requested model/i],
    cause: 'The conversation is larger than the model\'s context window, and older Claude Code versions did not recognize Bedrock\'s wording to auto-compact.',
    fix: 'run /compact (or /clear); update Claude Code (2.1.217 recognizes the message); a [1m] model variant has more room',
    confirm: 'claude --version',
  },
  {
    id: 'tooling-hang',
    title: 'claude doctor hangs or the wizard crashes on restart',
    sources: ['cc#22'],
    patterns: [/claude doctor[^\n]{0,60}\b(?:hangs?|hung|stuck|freezes?)\b/i, /Press 'Enter' to automatically restart/i, /setup-bedrock[^\n]{0,60}\bcrash/i],
    cause: 'Known Claude Code bugs: claude doctor hung with CLAUDE_CODE_USE_BEDROCK=1 (2.1.70), and the process could crash when the Bedrock wizard restarted it (2.1.204).',
    fix: 'update Claude Code (claude update) and restart claude by hand after /setup-bedrock; claude-bedrock doctor checks the Bedrock side without Claude Code',
    confirm: 'claude-bedrock doctor',
  },
  {
    id: 'invalid-credentials',
    title: 'Credentials not recognized by AWS',
    sources: ['wire: §1.3', 'wire: §6.4'],
    patterns: [/security token included in the request is invalid/i, /\b(?:UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch)\b/, /request signature we calculated does not match/i],
    cause: 'AWS does not know the access key (deleted, rotated, or from another partition), or the secret does not match it; a stale AWS_ACCESS_KEY_ID / AWS_SESSION_TOKEN in the environment often overrides the profile.',
    fix: (_m, ctx) => `check which credentials are used: claude-bedrock status${profileFlag(ctx)} (unset stale AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN), then replace the key`,
    confirm: (_m, ctx) => `aws sts get-caller-identity${profileFlag(ctx)}`,
  },
  {
    id: 'aws-login-expired',
    title: 'aws login session ended',
    sources: ['wire: §7 (login_session)'],
    patterns: [/re-?authenticate using `?aws login`?/i, /Your session has expired\. Please reauthenticate/i, /does not contain login_session/i],
    cause: 'The console session behind `aws login` (up to 12 hours) ended or its refresh token was rejected.',
    fix: (_m, ctx) => `aws login --profile ${P(ctx)}`,
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
  },
  {
    id: 'service-unavailable',
    title: 'Bedrock temporarily unavailable',
    sources: ['wire: §6.4'],
    patterns: [/Bedrock is unable to process your request/i, /\b(?:ServiceUnavailableException|serviceUnavailableException|ModelNotReadyException|ModelTimeoutException|InternalServerException)\b/],
    cause: 'Bedrock could not serve the request right now (capacity, a model still loading, or an internal error); the SDKs retry these.',
    fix: 'retry in a minute; a global. inference profile routes around a busy region',
    confirm: 'claude-bedrock test',
  },
  {
    id: 'profile-not-found',
    title: 'AWS profile not found',
    sources: ['ref: Profile not found'],
    patterns: [
      /(?:config )?profile \(?["']?([\w.@:/+-]+?)["']?\)? (?:could not be found|was not found)/i,
      /Could not resolve credentials using profile: \[([^\]]+)\]/i,
      /\bProfileNotFound\b/,
    ],
    cause: (m) => `The profile${m[1] ? ` ${m[1]}` : ''} is not in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point elsewhere); profile names are case-sensitive.`,
    fix: 'claude-bedrock profiles lists every profile; create one with claude-bedrock sso add (or aws configure sso)',
    confirm: 'claude-bedrock profiles',
  },
  {
    id: 'network-unreachable',
    title: 'Network timeout or endpoint unreachable',
    sources: ['ref: Network timeout'],
    patterns: [/\b(?:ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/, /socket hang up/i, /Unable to connect to API/i, /Could not connect to the endpoint URL/i, /\b(?:connection|request) timed out\b/i, /getaddrinfo/i, /tunneling socket could not be established|Proxy Authentication Required/i],
    cause: 'The Bedrock (or STS / SSO) endpoint could not be reached: no network, a VPN or firewall blocking AWS, a proxy that needs HTTPS_PROXY, or a region name that does not exist.',
    fix: 'check the VPN / firewall; behind a proxy export HTTPS_PROXY (and NO_PROXY); claude-bedrock regions shows which Bedrock regions answer',
    confirm: 'claude-bedrock regions',
    generic: true,
  },
  {
    id: 'region-not-supported',
    title: 'Region without Bedrock or without Claude',
    sources: ['ref: Region not supported'],
    patterns: [/\bregion\b[^\n]{0,40}\bnot supported\b/i, /not (?:supported|available) in (?:this|the) region/i, /\bUnknown region\b/i],
    cause: 'Bedrock does not run in that region, or no Claude model is offered there.',
    fix: (_m, ctx) => `find the regions where your identity sees Claude: claude-bedrock discover${profileFlag(ctx)} (us-west-2 and us-east-1 have the widest choice)`,
    confirm: (_m, ctx) => `claude-bedrock discover${profileFlag(ctx)}`,
    generic: true,
  },
  {
    id: 'access-denied',
    title: 'Access denied',
    sources: ['ref: Access denied'],
    patterns: [/\bAccessDenied(?:Exception)?\b/, /\bAccess denied\b/i, /\b403\b[^\n]{0,20}Forbidden/i],
    cause: 'AWS refused the call: an IAM policy, SCP or session policy does not allow it, or model access was not granted.',
    fix: 'claude-bedrock test names the denied action and resource; claude-bedrock policy prints the minimal IAM policy (AmazonBedrockFullAccess also works but grants far more)',
    confirm: 'claude-bedrock test',
    generic: true,
  },
  {
    id: 'model-not-available',
    title: 'Model not available',
    sources: ['ref: Model not available'],
    patterns: [/\bmodel\b[^\n]{0,30}\bnot (?:available|found|supported)\b/i, /\bResourceNotFoundException\b/, /could not resolve the foundation model/i],
    cause: 'The model is not offered in this region or to this account, or the ID is not an inference profile.',
    fix: (_m, ctx) => `use an inference profile ID that AWS lists for the region: claude-bedrock models --region ${R(ctx)} (global. preferred)`,
    confirm: 'claude-bedrock test',
    generic: true,
  },
  {
    id: 'token-expired',
    title: 'Token or credentials expired',
    sources: ['ref: Token expired'],
    patterns: [/\b(?:token|session|credentials?)\b[^\n]{0,40}\bexpired\b/i],
    cause: 'The SSO token or temporary credentials behind the profile have expired.',
    fix: (_m, ctx) => login(ctx),
    confirm: (_m, ctx) => `claude-bedrock status${profileFlag(ctx)}`,
    generic: true,
  },
];

/** Curly quotes and repeated whitespace are normalized first: real captures use ’ and double spaces. */
export function normalizeErrorText(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[ \t]+/g, ' ');
}

function render(t: Text, m: RegExpMatchArray, ctx: ExplainContext): string {
  return typeof t === 'function' ? t(m, ctx) : t;
}

/** Every catalog entry whose patterns match the text: specific entries first; broad ones only if nothing specific matched. */
export function explainText(text: string, ctx: ExplainContext = {}): CatalogMatch[] {
  const norm = normalizeErrorText(text);
  const specific: CatalogMatch[] = [];
  const generic: CatalogMatch[] = [];
  for (const entry of CATALOG) {
    let m: RegExpMatchArray | null = null;
    for (const re of entry.patterns) {
      m = norm.match(re);
      if (m) break;
    }
    if (!m) continue;
    const match = { id: entry.id, title: entry.title, cause: render(entry.cause, m, ctx), fix: render(entry.fix, m, ctx), confirm: render(entry.confirm, m, ctx) };
    (entry.generic ? generic : specific).push(match);
  }
  return specific.length ? specific : generic;
}

export function catalogEntry(id: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.id === id);
}
