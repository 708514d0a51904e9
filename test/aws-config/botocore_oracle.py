# Differential-test oracle: reads [{config, credentials}] paths as JSON on stdin, prints what botocore makes of each.
import json
import sys

import botocore.configloader as cl
import botocore.exceptions as be
import botocore.session


def raw(path):
    try:
        return {'sections': cl.raw_config_parse(path)}
    except be.ConfigNotFound:
        return {'sections': {}}
    except be.ConfigParseError as e:
        return {'error': str(e)}


_session = botocore.session.Session()


def full(config, credentials):
    # One Session for all cases (creating one costs ~5 ms): full_config re-reads the files when _config is None.
    s = _session
    s._config = None
    s.set_config_variable('config_file', config)
    s.set_config_variable('credentials_file', credentials)
    try:
        fc = s.full_config
    except be.ConfigParseError as e:
        return {'error': str(e)}
    return {
        'profiles': fc['profiles'],
        'order': list(fc['profiles'].keys()),
        'ssoSessions': fc.get('sso_sessions', {}),
        'services': sorted(fc.get('services', {}).keys()),
    }


out = []
for case in json.load(sys.stdin):
    out.append({
        'config': raw(case['config']),
        'credentials': raw(case['credentials']),
        'full': full(case['config'], case['credentials']),
    })
json.dump(out, sys.stdout)
