// The real-world-shaped corpus: byte-identical round trip for every file, and the same reading as botocore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers.js';
import { parseIni, printIni } from '../../src/core/aws-config/index.js';
import { assertAgrees, haveBotocore, runBotocore, type Case } from './oracle.js';
import { hugeConfig } from './fixtures.js';

const DIR = path.join(ROOT, 'test', 'corpus', 'aws');
const files = fs.readdirSync(DIR).filter((f) => /\.(config|credentials)$/.test(f)).sort();

test('every corpus file round-trips byte for byte', () => {
  assert.ok(files.length >= 45, `corpus has ${files.length} files`);
  for (const f of files) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8');
    assert.equal(printIni(parseIni(text)), text, f);
  }
  const huge = hugeConfig();
  assert.equal(printIni(parseIni(huge)), huge);
});

test('botocore reads every corpus case exactly as we do', { skip: !haveBotocore() && 'python3 with botocore is not installed' }, () => {
  const names = [...new Set(files.map((f) => f.replace(/\.(config|credentials)$/, '')))];
  const tmp = tempDir();
  const cases: Case[] = names.map((name) => {
    const config = path.join(DIR, `${name}.config`);
    const credentials = path.join(DIR, `${name}.credentials`);
    const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '');
    return { name, config, credentials, configText: read(config), credentialsText: read(credentials) };
  });
  const hugePath = path.join(tmp, 'huge.config');
  // 2,000 profiles: botocore itself needs ~1 s per 10,000.
  const huge = hugeConfig(2_000);
  fs.writeFileSync(hugePath, huge);
  cases.push({ name: 'huge', config: hugePath, credentials: path.join(tmp, 'none'), configText: huge, credentialsText: '' });
  const results = runBotocore(cases);
  assert.equal(results.length, cases.length);
  cases.forEach((c, i) => assertAgrees(c, results[i]!));
});
