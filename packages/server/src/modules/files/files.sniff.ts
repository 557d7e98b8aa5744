/**
 * What an upload really is, from its first bytes (never from the Content-Type the client sent), and what each
 * kind of attachment accepts: images png/jpeg/gif/webp; voice notes what browsers' MediaRecorder produces (WebM/Opus,
 * Ogg, MP4/AAC, MPEG); files anything but executables and scripts (refused by content and by extension).
 */
import type { FileKindT } from '@rapport/shared';
import { AppError } from '../../platform/http/errors.js';

/** Bytes of the head the sniffers look at. */
export const SNIFF_BYTES = 4100;

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
const ascii = (head: Buffer, text: string, offset = 0) => startsWith(head, [...Buffer.from(text, 'latin1')], offset);

/** The image type of a head, or undefined. */
export function sniffImage(head: Buffer): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return 'image/gif';
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return 'image/webp';
  return undefined;
}

/** The audio type of a head (the containers MediaRecorder writes, plus MP3 and ADTS AAC), or undefined. */
export function sniffAudio(head: Buffer): string | undefined {
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: WebM (or Matroska, which browsers also play as audio/webm)
    const docType = head.subarray(0, 64).toString('latin1');
    return docType.includes('webm') || docType.includes('matroska') ? 'audio/webm' : undefined;
  }
  if (ascii(head, 'OggS')) return 'audio/ogg';
  if (ascii(head, 'ftyp', 4)) return 'audio/mp4';
  if (ascii(head, 'ID3')) return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff) {
    if ((head[1] & 0xf6) === 0xf0) return 'audio/aac'; // ADTS: sync 12 bits, layer 00
    if ((head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'audio/mpeg'; // MPEG audio frame sync, layer I–III
  }
  return undefined;
}

/** Content that runs: native executables, scripts with a shebang, Java classes, Windows shortcuts. */
function isExecutable(head: Buffer): boolean {
  return (
    ascii(head, 'MZ') || // Windows PE, DOS
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(head, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal, Java class
    ascii(head, '#!') || // scripts
    startsWith(head, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]) || // .lnk
    startsWith(head, [0x00, 0x61, 0x73, 0x6d]) // WebAssembly
  );
}

/** Extensions that run when opened, on Windows, macOS, Linux, Android or in a browser. */
const EXECUTABLE_EXTENSIONS = new Set(
  (
    'exe dll com bat cmd msi msp mst scr pif cpl ps1 psm1 psd1 vbs vbe js jse mjs cjs wsf wsh wsc hta jar ' +
    'sh bash zsh csh ksh fish command app apk xapk ipa deb rpm dmg pkg run elf so dylib lnk reg scf inf ' +
    'gadget msc appx appxbundle msix msixbundle application xbap vb vbscript py pyc pyw pl rb php asp aspx jsp ' +
    'cgi action workflow url website desktop svg svgz html htm xhtml xht mht mhtml shtml'
  ).split(' '),
);

/** Safe types by extension, for files whose content has no magic number (text, CSV, Office XML inside a zip). */
const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
  rtf: 'application/rtf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  epub: 'application/epub+zip',
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Types the content proves, for files. */
function sniffDocument(head: Buffer): string | undefined {
  if (ascii(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (ascii(head, 'Rar!\x1a\x07')) return 'application/vnd.rar';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  return sniffImage(head) ?? undefined;
}

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0
    ? name
        .slice(dot + 1)
        .trim()
        .toLowerCase()
    : '';
};

const refused = (message: string) => new AppError('FILE_TYPE_NOT_ALLOWED', message);

/** Checks what can be checked before any byte arrives: a file's name must not say it runs. */
export function checkName(kind: FileKindT, name: string) {
  if (kind !== 'file') return;
  // "invoice.pdf.exe", "run.bat " and "x.EXE" all end in an executable extension once trimmed
  const ext = extensionOf(name.replace(/[\s.]+$/, ''));
  if (EXECUTABLE_EXTENSIONS.has(ext)) throw refused(`.${ext} files cannot be sent`);
}

/**
 * The type stored and served for an upload of `kind` named `name` whose first bytes are `head`, or
 * FILE_TYPE_NOT_ALLOWED. Images and voice notes must be what they claim; files must not be executable.
 */
export function sniffUpload(kind: FileKindT, name: string, head: Buffer): string {
  if (kind === 'image') {
    const mime = sniffImage(head);
    if (!mime) throw refused('Images must be PNG, JPEG, GIF or WebP');
    return mime;
  }
  if (kind === 'voice') {
    const mime = sniffAudio(head);
    if (!mime) throw refused('Voice notes must be WebM, Ogg, MP4 or MPEG audio');
    return mime;
  }
  checkName(kind, name);
  if (isExecutable(head)) throw refused('Programs and scripts cannot be sent');
  const ext = extensionOf(name);
  const byExtension = MIME_BY_EXTENSION[ext];
  const sniffed = sniffDocument(head);
  // Containers (zip, OLE) hold Office documents, EPUB…: the extension names which, the content proves the container.
  if (sniffed === 'application/zip' && byExtension && ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub'].includes(ext)) {
    return byExtension;
  }
  if (sniffed === 'application/x-ole-storage')
    return byExtension && ['doc', 'xls', 'ppt'].includes(ext) ? byExtension : 'application/octet-stream';
  if (sniffed) return sniffed;
  // No magic number: text-like types only when the head holds no NUL byte.
  if (byExtension?.startsWith('text/') || byExtension === 'application/json' || byExtension === 'application/xml') {
    return head.includes(0) ? 'application/octet-stream' : byExtension;
  }
  return byExtension && !byExtension.startsWith('image/') && byExtension !== 'application/pdf' ? byExtension : 'application/octet-stream';
}

/**
 * The duration a voice note's container declares, in ms, or undefined when it declares none (Chrome's
 * MediaRecorder WebM has no Duration element; MP3 would need every frame walked).
 */
export function declaredDurationMs(mime: string, data: Buffer): number | undefined {
  try {
    if (mime === 'audio/ogg') return oggDuration(data);
    if (mime === 'audio/mp4') return mp4Duration(data);
    if (mime === 'audio/webm') return webmDuration(data);
  } catch {
    // a malformed container declares nothing we can trust; the size limit still holds
  }
  return undefined;
}

/** Ogg: the granule position of the last page, in samples (48 kHz for Opus, less its pre-skip; the rate for Vorbis). */
function oggDuration(data: Buffer): number | undefined {
  const last = data.lastIndexOf('OggS', data.length - 27, 'latin1');
  if (last < 0) return undefined;
  const granule = Number(data.readBigInt64LE(last + 6));
  if (granule <= 0) return undefined;
  const opus = data.indexOf('OpusHead', 0, 'latin1');
  if (opus >= 0) {
    const preSkip = data.readUInt16LE(opus + 10);
    return Math.round(((granule - preSkip) / 48_000) * 1000);
  }
  const vorbis = data.indexOf('\x01vorbis', 0, 'latin1');
  if (vorbis >= 0) {
    const rate = data.readUInt32LE(vorbis + 12);
    return rate > 0 ? Math.round((granule / rate) * 1000) : undefined;
  }
  return undefined;
}

/** MP4: the movie header (mvhd) duration over its timescale. */
function mp4Duration(data: Buffer): number | undefined {
  const at = data.indexOf('mvhd', 0, 'latin1');
  if (at < 0) return undefined;
  const version = data[at + 4];
  const timescale = version === 1 ? data.readUInt32BE(at + 4 + 4 + 16) : data.readUInt32BE(at + 4 + 4 + 8);
  const duration = version === 1 ? Number(data.readBigUInt64BE(at + 4 + 4 + 20)) : data.readUInt32BE(at + 4 + 4 + 12);
  if (!timescale || duration === 0xffffffff) return undefined;
  return Math.round((duration / timescale) * 1000);
}

/** WebM: the Segment Info Duration (a float in TimecodeScale units, 1 ms unless told). */
function webmDuration(data: Buffer): number | undefined {
  const head = data.subarray(0, Math.min(data.length, 64 * 1024));
  const at = head.indexOf(Buffer.from([0x44, 0x89]));
  if (at < 0) return undefined;
  const size = head[at + 2];
  const value = size === 0x84 ? head.readFloatBE(at + 3) : size === 0x88 ? head.readDoubleBE(at + 3) : undefined;
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  let scale = 1_000_000;
  const ts = head.indexOf(Buffer.from([0x2a, 0xd7, 0xb1]));
  if (ts >= 0) {
    const n = head[ts + 3] & 0x0f; // a one-byte size vint 0x8n
    if ((head[ts + 3] & 0xf0) === 0x80 && n >= 1 && n <= 8) scale = head.readUIntBE(ts + 4, Math.min(n, 6));
  }
  return Math.round((value * scale) / 1_000_000);
}
