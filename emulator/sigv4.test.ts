// SigV4 canonicalisation and signing, checked against the AWS Signature Version 4 test suite.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalQuery, canonicalUri, expectedSignature, parseSigV4, signatureMatches } from './sigv4.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('sigv4', () => {
  it('parses the Authorization header shape and rejects others', () => {
    const a = parseSigV4('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    assert.deepEqual(a, {
      accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'service',
      signedHeaders: ['host', 'x-amz-date'], signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    });
    assert.equal(parseSigV4('AWS4-HMAC-SHA256 Credential=AKID/2015/us-east-1/service/aws4_request'), undefined);
    assert.equal(parseSigV4('Bearer abc'), undefined);
  });

  it('reproduces the test suite signature for get-vanilla and get-vanilla-query-order-key-case', () => {
    const auth = parseSigV4('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64))!;
    const rawHeaders = ['Host', 'example.amazonaws.com', 'X-Amz-Date', '20150830T123600Z'];
    const vanilla = { method: 'GET', rawPath: '/', rawQuery: '', rawHeaders, body: Buffer.alloc(0) };
    assert.equal(expectedSignature(vanilla, auth, SECRET), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    const ordered = { ...vanilla, rawQuery: 'Param2=value2&Param1=value1' };
    assert.equal(expectedSignature(ordered, auth, SECRET), 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
    assert.equal(signatureMatches(vanilla, { ...auth, signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' }, SECRET), true);
    assert.equal(signatureMatches(vanilla, { ...auth, signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30' }, SECRET), false);
  });

  it('double-encodes already-encoded path labels like the SDKs do for non-S3 services', () => {
    assert.equal(canonicalUri('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke'), '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%253A0/invoke');
    assert.equal(canonicalUri('/inference-profiles/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x'), '/inference-profiles/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.x');
    assert.equal(canonicalUri('/a/./b/../c/'), '/a/c/');
    assert.equal(canonicalUri('/'), '/');
  });

  it('sorts and strictly re-encodes the query', () => {
    assert.equal(canonicalQuery('type=SYSTEM_DEFINED&maxResults=10&nextToken=a%2Bb'), 'maxResults=10&nextToken=a%2Bb&type=SYSTEM_DEFINED');
    assert.equal(canonicalQuery('b=2&a=2&a=1'), 'a=1&a=2&b=2');
    assert.equal(canonicalQuery("x=it's"), 'x=it%27s');
  });
});
