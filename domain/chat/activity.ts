/** The parts of a Bot Framework activity the channel reads or writes. Everything else passes through. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

export interface Activity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string };
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  text?: string;
  replyToId?: string;
  attachments?: Array<{ contentType: string; contentUrl?: string; name?: string; content?: unknown }>;
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ActivitySet {
  activities: Activity[];
  watermark?: string;
}

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT: ChannelAccount = { id: 'musterkasse-bot', name: 'Musterkasse-Assistent', role: 'bot' };

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The event the widget sends when the member's chat window has shown new messages (read state for the live chat). */
export const READ_RECEIPT_EVENT = 'webchat/read';

export function isReadReceipt(activity: { type?: string; name?: unknown }): boolean {
  return activity.type === 'event' && activity.name === READ_RECEIPT_EVENT;
}

/**
 * An uploaded file the channel did not keep (malware found, or the scanner was away): the bot
 * receives an attachment of this type instead of a link, with the reason, and tells the member.
 */
export const REFUSED_ATTACHMENT_TYPE = 'application/vnd.musterkasse.refused-file';
export type RefusedAttachmentReason = 'infected' | 'scanner_unavailable';
export interface RefusedAttachment {
  contentType: typeof REFUSED_ATTACHMENT_TYPE;
  name: string;
  content: { reason: RefusedAttachmentReason };
}

/**
 * Set to true in a bot message's channelData when it asks for a secret (an Einmal-PIN, card
 * digits): the member's answer reaches the bot, but the transcript (which agents read and which
 * is kept for weeks) and the echo hold MASKED_TEXT instead.
 */
export const SECRET_INPUT_FLAG = 'musterkasseSecretInput';
export const MASKED_TEXT = '••••••';

/**
 * Set by the channel on every member activity it hands to the bot (never stored, never taken
 * from the client): a keyed hash of the member's network address, so the bot can count failed
 * logins and lookups per visitor across conversations without knowing the address.
 */
export const CLIENT_KEY_FIELD = 'musterkasseClient';
