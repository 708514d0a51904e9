// Test oracle: how botocore 1.43 (python3 on this machine) resolves SSO profiles in a config file — no network.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type BotocoreSso = { account: string; role: string; startUrl: string; region: string; session: string | null } | { error: string };

const SCRIPT = String.raw`
import json, os, sys
import botocore.session
from botocore.credentials import SSOProvider
from botocore.tokens import SSOTokenProvider
out = {}
for name in json.loads(sys.argv[1]):
    s = botocore.session.Session(profile=name)
    try:
        tp = SSOTokenProvider(s, profile_name=name)
        tp._load_sso_config()
        p = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name=name, cache={}, token_cache={}, token_provider=tp)
        c = p.load()
        if c is None:
            out[name] = {'error': 'not an SSO profile'}
            continue
        f = c._refresh_using.__self__
        out[name] = {'account': f._account_id, 'role': f._role_name, 'startUrl': f._start_url, 'region': f._sso_region, 'session': f._sso_session_name}
    except Exception as e:
        out[name] = {'error': type(e).__name__ + ': ' + str(e)}
print(json.dumps(out))
`;

/** Resolve each profile with botocore's own SSOProvider and SSOTokenProvider on this config text. */
export function botocoreResolve(configText: string, profiles: string[]): Record<string, BotocoreSso> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-boto-'));
  try {
    const cfg = path.join(dir, 'config');
    fs.writeFileSync(cfg, configText);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: dir, AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };
    const r = spawnSync('python3', ['-c', SCRIPT, JSON.stringify(profiles)], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`botocore oracle failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
