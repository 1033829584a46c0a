import type { RefusedAttachmentReason } from './activity.js';

/** Why a member's attachment could not be taken: the channel refused it, or it could not be read. */
export type AttachmentRefusal = 'download_failed' | RefusedAttachmentReason;

export class AttachmentUnavailableError extends Error {
  constructor(
    message: string,
    /** What the member is told. */
    readonly refusal: AttachmentRefusal = 'download_failed',
  ) {
    super(message);
  }
}

/** A member's attachment, read: its bytes, a safe name, and the channel's stored file when it is one. */
export interface MemberAttachment {
  bytes: Buffer;
  name: string;
  /** The channel's stored file these bytes are: a submission takes it over instead of storing a copy. */
  storedFileId?: string;
}
