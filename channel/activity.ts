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
