# Oracle for the reliability suite: [{config, credentials}] file TEXTS as JSON on stdin; prints what botocore's
# Session reads from each pair (profiles, sso-sessions, services) or the parse error. One process for a whole batch.
import json
import os
import sys
import tempfile

import botocore.exceptions as be
import botocore.session

# Memory-backed when possible: rewriting one file thousands of times on ext4 waits for the disk at each close.
tmp = tempfile.mkdtemp(prefix='cb-oracle-', dir='/dev/shm' if os.path.isdir('/dev/shm') else None)
cfg = os.path.join(tmp, 'config')
cred = os.path.join(tmp, 'credentials')
session = botocore.session.Session()
session.set_config_variable('config_file', cfg)
session.set_config_variable('credentials_file', cred)


def put(path, text):
    if os.path.exists(path):
        os.unlink(path)
    if text is None:
        return
    with open(path, 'wb') as f:
        f.write(text.encode('utf-8', 'surrogatepass'))


out = []
for case in json.load(sys.stdin):
    put(cfg, case.get('config'))
    put(cred, case.get('credentials'))
    session._config = None
    try:
        fc = session.full_config
        out.append({
            'profiles': fc['profiles'],
            'order': list(fc['profiles'].keys()),
            'ssoSessions': fc.get('sso_sessions', {}),
            'services': fc.get('services', {}),
        })
    except be.ConfigParseError as e:
        out.append({'error': str(e)})
for p in (cfg, cred):
    if os.path.exists(p):
        os.unlink(p)
os.rmdir(tmp)
sys.stdout.write(json.dumps(out))
