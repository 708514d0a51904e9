// Event-stream framing checked against AWS-WIRE's worked example (bytes decoded by botocore) and CRC-32 test vectors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, decodeMessages, encodeMessage, eventMessage, exceptionMessage } from './eventstream.js';

const WORKED_EXAMPLE =
  '0000007a00000051ca2c46650b3a6576656e742d7479706507000b6d65737361' +
  '676553746f700d3a636f6e74656e742d747970650700106170706c6963617469' +
  '6f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b2273' +
  '746f70526561736f6e223a22656e645f7475726e227d5fbf09fc';

describe('eventstream', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it('encodes the AWS-WIRE §6.3 messageStop example byte for byte', () => {
    const msg = eventMessage('messageStop', { stopReason: 'end_turn' });
    assert.equal(msg.toString('hex'), WORKED_EXAMPLE);
    assert.equal(msg.length, 122);
    assert.equal(msg.readUInt32BE(4), 81);
  });

  it('decodes what it encodes, with both CRCs checked', () => {
    const payload = Buffer.from(JSON.stringify({ bytes: Buffer.from('{"type":"message_stop"}').toString('base64') }));
    const buf = Buffer.concat([encodeMessage({ ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' }, payload), exceptionMessage('throttlingException', 'Too many tokens, please wait before trying again.')]);
    const [a, b] = decodeMessages(buf);
    assert.deepEqual(a!.headers, { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' });
    assert.deepEqual(a!.payload, payload);
    assert.deepEqual(b!.headers, { ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' });
    assert.deepEqual(JSON.parse(b!.payload.toString()), { message: 'Too many tokens, please wait before trying again.' });
  });

  it('rejects a corrupted prelude or message', () => {
    const good = Buffer.from(WORKED_EXAMPLE, 'hex');
    const badPrelude = Buffer.from(good);
    badPrelude[9] ^= 1;
    assert.throws(() => decodeMessages(badPrelude), /Prelude CRC/);
    const badBody = Buffer.from(good);
    badBody[100] ^= 1;
    assert.throws(() => decodeMessages(badBody), /Message CRC/);
    assert.throws(() => decodeMessages(good.subarray(0, 50)), /Truncated/);
  });

  it('keeps multi-byte UTF-8 intact in headers and payload', () => {
    const msg = eventMessage('contentBlockDelta', { delta: { text: 'isn\u2019t — ok' } });
    const [m] = decodeMessages(msg);
    assert.equal(JSON.parse(m!.payload.toString('utf8')).delta.text, 'isn\u2019t — ok');
  });
});
