/** Test inputs for attachments: real images made with sharp, and minimal audio containers built byte by byte. */
import sharp from 'sharp';

export const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();

export const jpeg = (width: number, height: number, orientation?: number) => {
  const image = sharp({ create: { width, height, channels: 3, background: '#a73' } }).jpeg();
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};

export const gif = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: '#37a' } })
    .gif()
    .toBuffer();

export const webp = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#777' } })
    .webp()
    .toBuffer();

function oggPage(granule: bigint, sequence: number, payload: Buffer, headerType: number) {
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[4] = 0;
  header[5] = headerType;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(1, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = 1; // one segment
  return Buffer.concat([header, Buffer.from([payload.length]), payload]);
}

/** An Ogg Opus stream whose last page declares `ms` milliseconds (pre-skip 312 samples). */
export function oggOpus(ms: number) {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(48_000, 12);
  const frames = Buffer.alloc(200, 0x55);
  return Buffer.concat([
    oggPage(0n, 0, head, 2),
    oggPage(0n, 1, frames, 0),
    oggPage(BigInt(Math.round((ms / 1000) * 48_000) + 312), 2, frames, 4),
  ]);
}

const box = (type: string, body: Buffer) => {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
};

/** An MP4 (M4A) whose movie header declares `ms` milliseconds. */
export function mp4Audio(ms: number) {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(ms, 16); // duration
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('M4A ', 'latin1'), Buffer.alloc(4), Buffer.from('M4A isom', 'latin1')]));
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd)), box('mdat', Buffer.alloc(300, 0x11))]);
}

/** A WebM as Chrome's MediaRecorder writes it: no Duration element, unless `ms` is given. */
export function webmAudio(ms?: number, bytes = 600) {
  const ebml = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...Buffer.from('webm', 'latin1')]);
  const info = ms === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x44, 0x89, 0x88]), doubleBE(ms)]);
  return Buffer.concat([ebml, Buffer.from([0x18, 0x53, 0x80, 0x67]), info, Buffer.alloc(bytes, 0x22)]);
}

const doubleBE = (value: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value);
  return b;
};

export const pdf = (text = 'contract') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`, 'latin1');
export const exe = () => Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200, 0x90)]);
