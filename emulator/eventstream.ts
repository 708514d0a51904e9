// application/vnd.amazon.eventstream framing (AWS-WIRE.md §6.3): prelude, string headers, payload, both CRC32s.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Standard CRC-32 (IEEE 802.3, the one zlib and binascii.crc32 compute). */
export function crc32(buf: Uint8Array, start = 0, end = buf.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const STRING_TYPE = 7;

/** One message; every header is a type-7 string, which is all Bedrock sends. */
export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
    h.writeUInt8(n.length, 0);
    n.copy(h, 1);
    h.writeUInt8(STRING_TYPE, 1 + n.length);
    h.writeUInt16BE(v.length, 2 + n.length);
    v.copy(h, 4 + n.length);
    headerParts.push(h);
  }
  const headerBytes = Buffer.concat(headerParts);
  const total = 12 + headerBytes.length + payload.length + 4;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(headerBytes.length, 4);
  msg.writeUInt32BE(crc32(msg, 0, 8), 8);
  headerBytes.copy(msg, 12);
  Buffer.from(payload).copy(msg, 12 + headerBytes.length);
  msg.writeUInt32BE(crc32(msg, 0, total - 4), total - 4);
  return msg;
}

/** An event (`:message-type event`) with a JSON payload. */
export function eventMessage(eventType: string, body: unknown): Buffer {
  return encodeMessage({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, Buffer.from(JSON.stringify(body)));
}

/** A modeled exception inside the stream (`:exception-type` is the lowerCamel union member name). */
export function exceptionMessage(exceptionType: string, message: string): Buffer {
  return encodeMessage({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, Buffer.from(JSON.stringify({ message })));
}

export interface DecodedMessage {
  headers: Record<string, string | number | boolean | Buffer>;
  payload: Buffer;
}

/** Strict decoder (checks lengths and both CRCs): used by tests to read what the server wrote. */
export function decodeMessages(buf: Buffer): DecodedMessage[] {
  const out: DecodedMessage[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 16) throw new Error(`Truncated event message at offset ${off}`);
    const total = buf.readUInt32BE(off);
    const headersLen = buf.readUInt32BE(off + 4);
    if (buf.readUInt32BE(off + 8) !== crc32(buf, off, off + 8)) throw new Error(`Prelude CRC mismatch at offset ${off}`);
    if (off + total > buf.length) throw new Error(`Truncated event message at offset ${off}`);
    if (buf.readUInt32BE(off + total - 4) !== crc32(buf, off, off + total - 4)) throw new Error(`Message CRC mismatch at offset ${off}`);
    const headers: DecodedMessage['headers'] = {};
    let h = off + 12;
    const hEnd = h + headersLen;
    while (h < hEnd) {
      const nameLen = buf.readUInt8(h);
      const name = buf.toString('utf8', h + 1, h + 1 + nameLen);
      h += 1 + nameLen;
      const type = buf.readUInt8(h++);
      if (name in headers) throw new Error(`Duplicate header ${name}`);
      switch (type) {
        case 0: headers[name] = true; break;
        case 1: headers[name] = false; break;
        case 2: headers[name] = buf.readInt8(h); h += 1; break;
        case 3: headers[name] = buf.readInt16BE(h); h += 2; break;
        case 4: headers[name] = buf.readInt32BE(h); h += 4; break;
        case 5: case 8: headers[name] = Number(buf.readBigInt64BE(h)); h += 8; break;
        case 6: case 7: {
          const len = buf.readUInt16BE(h);
          const v = buf.subarray(h + 2, h + 2 + len);
          headers[name] = type === 7 ? v.toString('utf8') : Buffer.from(v);
          h += 2 + len;
          break;
        }
        case 9: headers[name] = Buffer.from(buf.subarray(h, h + 16)); h += 16; break;
        default: throw new Error(`Unknown header type ${type}`);
      }
    }
    out.push({ headers, payload: Buffer.from(buf.subarray(hEnd, off + total - 4)) });
    off += total;
  }
  return out;
}
