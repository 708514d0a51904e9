// Region names and CLAUDE_CODE_USE_BEDROCK values, as AWS and Claude Code read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { bedrockFlag, isAwsRegion } from './keys.js';

test('isAwsRegion accepts every region botocore knows, in every partition', () => {
  // The oracle: botocore's own partition data on this machine.
  const out = execFileSync('python3', ['-c', "import botocore,json,os;d=json.load(open(os.path.join(os.path.dirname(botocore.__file__),'data','partitions.json')));print('\\n'.join(r for p in d['partitions'] for r in p['regions'] if not r.endswith('-global')))"], { encoding: 'utf8' });
  const regions = out.trim().split('\n');
  assert.ok(regions.length > 40, 'botocore lists the regions');
  for (const r of regions) assert.ok(isAwsRegion(r), r);
});

test('isAwsRegion refuses what is not a region name', () => {
  for (const r of ['', 'us-west', 'us-west-2 ', ' us-west-2', 'US-WEST-2', 'us_west_2', 'us-wst-2', 'uswest2', 'us-west-2a', 'xx-west-1', 'us-west-2/x', 'us.west-2', 'aws-global', 'us-gov-2']) {
    assert.equal(isAwsRegion(r), false, JSON.stringify(r));
  }
  for (const r of ['ap-southwest-1', 'us-central-1', 'eu-northeast-9']) assert.ok(isAwsRegion(r), `${r}: a region AWS could add`);
});

test('bedrockFlag reads CLAUDE_CODE_USE_BEDROCK as Claude Code 2.1.332 does', () => {
  const cases: [unknown, boolean, boolean, string | undefined][] = [
    ['1', true, true, undefined],
    ['true', true, false, undefined],
    ['TRUE', true, false, undefined],
    [' yes ', true, false, undefined],
    ['on', true, false, undefined],
    ['0', false, true, undefined],
    ['false', false, true, undefined],
    ['no', false, true, undefined],
    ['', false, true, undefined],
    ['2', false, false, 'unrecognized'],
    ['enable', false, false, 'unrecognized'],
    [1, true, false, 'not-string'],
    [true, true, false, 'not-string'],
    [0, false, false, 'not-string'],
    [null, false, false, 'not-string'],
    [undefined, false, true, undefined],
  ];
  for (const [v, on, canonical, problem] of cases) {
    assert.deepEqual(bedrockFlag(v), { on, canonical, ...(problem ? { problem } : {}) }, JSON.stringify(v));
  }
});
