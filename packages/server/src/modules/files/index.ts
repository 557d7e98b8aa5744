/**
 * The files module: attachments of image / file / voice messages. Upload (size and type limits by kind, sniffed
 * content, image dimensions and thumbnails, voice length), download for the uploader and the participants of the
 * conversations a file was sent into, the chat hook that records those grants, and the cleanup of unsent files.
 */

export type { GrantRow } from './files.repository.js';
export { filesRoutes } from './files.routes.js';
export {
  type AttachOptions,
  attachFileToConversation,
  checkAttachment,
  deleteUnsentFiles,
  FILES_CLEANUP_JOB,
  type FileReader,
  grantFiles,
  keepAttachments,
  registerFileJobs,
  type UploadInput,
  uploadFile,
} from './files.service.js';
