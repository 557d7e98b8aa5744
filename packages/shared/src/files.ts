/**
 * Wire schemas of attachments (image, file, voice note): the upload query, the file a client gets back and puts
 * in a message body, and the limits both the server and the web app enforce.
 */
import { type Static, Type } from '@sinclair/typebox';
import { CHAT_LIMITS } from './limits.js';
import { AttachmentBody, Id, NonBlankText, Nullable, Timestamp } from './schemas.js';

const strict = { additionalProperties: false } as const;

export const FILE_KINDS = ['image', 'file', 'voice'] as const;
export type FileKindT = (typeof FILE_KINDS)[number];

/** Attachment limits (PRODUCT.md §3: image, file, voice note). */
export const FILE_LIMITS = {
  /** Bytes of an image. */
  imageBytes: 10 * 1024 * 1024,
  /** Bytes of a voice note (60 s of Opus at 32 kbit/s is ~240 KB; AAC/MP3 at 128 kbit/s ~1 MB). */
  voiceBytes: 2 * 1024 * 1024,
  /** Length of a voice note. */
  voiceDurationMs: 60_000,
  /** Bytes of any other file. */
  fileBytes: CHAT_LIMITS.fileSize,
  fileName: CHAT_LIMITS.fileName,
  /** Decoded pixels of an image (width × height): refuses decompression bombs. */
  imagePixels: 50_000_000,
  /** Long side of a thumbnail. */
  thumbnailEdge: 320,
  /** A file sent nowhere is deleted after this long. */
  unsentTtlMs: 24 * 60 * 60 * 1000,
} as const;

/** The largest upload of a kind, in bytes. */
export const maxFileBytes = (kind: FileKindT): number =>
  kind === 'image' ? FILE_LIMITS.imageBytes : kind === 'voice' ? FILE_LIMITS.voiceBytes : FILE_LIMITS.fileBytes;

/** Where a file (and an image's thumbnail) is downloaded; the same address for every participant. */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;
export const fileThumbnailUrl = (fileId: string) => `${fileUrl(fileId)}/thumbnail`;

const FileKind = Type.Union(
  FILE_KINDS.map((k) => Type.Literal(k)),
  { description: 'image | file | voice' },
);

/** POST /files: the body is the file's bytes (any Content-Type; the server sniffs the content). */
export const UploadFileQuery = Type.Object(
  {
    as: Type.Union([Type.Literal('member'), Type.Literal('consumer')], { description: 'The session that uploads' }),
    kind: FileKind,
    name: NonBlankText({ maxLength: FILE_LIMITS.fileName, description: 'The file name shown to the recipient' }),
    durationMs: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24 * 3600 * 1000,
        description: 'Voice notes: the recorded length when the container does not declare one (MediaRecorder WebM)',
      }),
    ),
  },
  strict,
);

/** GET /files/:id and /files/:id/thumbnail. */
export const FileDownloadQuery = Type.Object(
  {
    as: Type.Optional(Type.Union([Type.Literal('member'), Type.Literal('consumer')], { description: 'Default: either session' })),
    download: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: save instead of showing' })),
  },
  strict,
);

export const StoredFile = Type.Object({
  id: Id,
  kind: FileKind,
  name: NonBlankText({ maxLength: FILE_LIMITS.fileName }),
  /** The sniffed type, never the one the uploader claimed. */
  mime: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  durationMs: Nullable(Type.Integer()),
  url: Type.String(),
  thumbnailUrl: Nullable(Type.String()),
  createdAt: Timestamp,
  /** Exactly the body of an image / file / voice message that sends this file. */
  attachment: AttachmentBody,
});

export type UploadFileQueryT = Static<typeof UploadFileQuery>;
export type FileDownloadQueryT = Static<typeof FileDownloadQuery>;
export type StoredFileDto = Static<typeof StoredFile>;
export type AttachmentBodyT = Static<typeof AttachmentBody>;
