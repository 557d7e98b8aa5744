import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mp4Audio, oggOpus, webmAudio } from './files.fixtures.js';
import { contentDisposition, parseRange } from './files.routes.js';
import { checkName, declaredDurationMs, sniffAudio, sniffImage, sniffUpload } from './files.sniff.js';

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('sniffing', () => {
  it('knows the audio MediaRecorder and phones produce', () => {
    expect(sniffAudio(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, 'matroska'))).toBe('audio/webm');
    expect(sniffAudio(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, 'ebml'))).toBeUndefined();
    expect(sniffAudio(bytes('ID3', 4, 0, 0))).toBe('audio/mpeg');
    expect(sniffAudio(bytes(0xff, 0xfb, 0x90, 0x64))).toBe('audio/mpeg');
    expect(sniffAudio(bytes(0xff, 0xf1, 0x50, 0x80))).toBe('audio/aac');
    expect(sniffAudio(bytes(0xff, 0xd8, 0xff, 0xe0))).toBeUndefined(); // a JPEG is no MPEG frame
    expect(sniffAudio(mp4Audio(1000))).toBe('audio/mp4');
    expect(sniffImage(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBeUndefined();
  });

  it('types files by content first, by extension only where content has no magic number', () => {
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 'rest');
    expect(sniffUpload('file', 'old.doc', ole)).toBe('application/msword');
    expect(sniffUpload('file', 'thing.ole', ole)).toBe('application/octet-stream');
    expect(sniffUpload('file', 'README', Buffer.from('hello'))).toBe('application/octet-stream');
    expect(sniffUpload('file', 'data.json', Buffer.from('{"a":1}'))).toBe('application/json');
    expect(sniffUpload('file', 'fake.txt', bytes('ab', 0, 'cd'))).toBe('application/octet-stream');
    expect(sniffUpload('file', 'fake.png', Buffer.from('not a png'))).toBe('application/octet-stream');
    expect(sniffUpload('file', 'real.bin', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffUpload('file', 'a.7z', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4))).toBe('application/x-7z-compressed');
    for (const name of ['a.EXE', 'b.exe.', 'c.Ps1 ', 'd.tar.sh', 'e.apk', 'f.svg', 'g.HTM']) {
      expect(() => checkName('file', name), name).toThrow(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED' }));
    }
    expect(() => checkName('image', 'x.exe')).not.toThrow(); // images are judged by content alone
    for (const head of [bytes(0x7f, 'ELF'), bytes(0xcf, 0xfa, 0xed, 0xfe), bytes(0xca, 0xfe, 0xba, 0xbe), bytes(0, 'asm', 1, 0, 0, 0)]) {
      expect(() => sniffUpload('file', 'innocent.pdf', head)).toThrow(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED' }));
    }
  });

  it('reads the length a container declares, and nothing from a malformed one', () => {
    expect(declaredDurationMs('audio/ogg', oggOpus(7250))).toBe(7250);
    expect(declaredDurationMs('audio/mp4', mp4Audio(59_999))).toBe(59_999);
    expect(declaredDurationMs('audio/webm', webmAudio(1234.5))).toBe(1235);
    expect(declaredDurationMs('audio/webm', webmAudio())).toBeUndefined();
    // WebM with a TimecodeScale of 1 µs: the Duration counts microseconds
    const scaled = Buffer.concat([bytes(0x2a, 0xd7, 0xb1, 0x83, 0x00, 0x03, 0xe8), webmAudio(3_000_000)]);
    expect(declaredDurationMs('audio/webm', scaled)).toBe(3000);
    const vorbisHead = Buffer.alloc(30);
    vorbisHead.write('\x01vorbis', 0, 'latin1');
    vorbisHead.writeUInt32LE(44_100, 12);
    const vorbis = Buffer.concat([vorbisHead, bytes('OggS'), Buffer.alloc(2), bigLE(44_100n * 3n), Buffer.alloc(20)]);
    expect(declaredDurationMs('audio/ogg', vorbis)).toBe(3000);
    expect(declaredDurationMs('audio/mpeg', bytes('ID3'))).toBeUndefined();
    fc.assert(
      fc.property(fc.constantFrom('audio/ogg', 'audio/mp4', 'audio/webm'), fc.uint8Array({ maxLength: 200 }), (mime, data) => {
        const value = declaredDurationMs(mime, Buffer.concat([bytes('OggS', 'mvhd', 0x44, 0x89, 0x84), Buffer.from(data)]));
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
    );
  });
});

const bigLE = (value: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(value);
  return b;
};

describe('download headers', () => {
  it('parses one byte range and ignores the rest', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=50-', 100)).toEqual({ start: 50, end: 99 });
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'bytes=100-', 'bytes=5-4', 'bytes=-0', 'bytes=0-1,3-4', 'pages=1-2']) {
      expect(parseRange(header, 100), header).toBeUndefined();
    }
    expect(parseRange('bytes=0-0', 0)).toBeUndefined();
  });

  it('names files in ASCII and RFC 5987', () => {
    expect(contentDisposition('inline', 'a.png')).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
    expect(contentDisposition('attachment', '报价 "final" (v2)\'s.pdf')).toBe(
      `attachment; filename="__ _final_ (v2)'s.pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20%22final%22%20%28v2%29%27s.pdf`,
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const header = contentDisposition('attachment', name);
        expect(header).toMatch(/^[\x20-\x7e]*$/); // a header value a proxy will not mangle
        const star = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] as string;
        expect(decodeURIComponent(star)).toBe(name);
      }),
    );
  });
});
