import { ActivityTypes, ConversationState, type Activity, type Attachment } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../bot/dialogs/main.dialog.js';
import { createMemberDialogs, type MemberServices } from '../../bot/dialogs/member-dialogs.js';
import { PostgresStorage } from '../../bot/postgres-storage.js';
import { PersonTopics } from '../../domain/livechat/person-topics.js';
import type { Core } from '../../server/container.js';
import { uniqueName } from './system.js';
import { suiteLogScan } from './log-scan.js';

/**
 * A member talking to the main dialog through botbuilder-testing's DialogTestClient, with
 * conversation state in PostgreSQL. `restart()` builds new dialog objects on the same
 * conversation, as a process restart would.
 */
export class DialogMember {
  readonly channelId = uniqueName('dialog-test-');
  private client: DialogTestClient;

  constructor(
    private readonly core: Core,
    private readonly services: Partial<MemberServices> = {},
  ) {
    this.client = this.connect();
  }

  private connect(): DialogTestClient {
    const state = new ConversationState(new PostgresStorage(this.core.database.db));
    const dialogs = createMemberDialogs({ ...this.core.bot.memberServices, ...this.services }, state);
    const main = new MainDialog(
      this.core.knowledge,
      this.core.faqFeedback,
      state,
      dialogs,
      new PersonTopics(this.core.config.livechat.personTopics),
    );
    return new DialogTestClient(this.channelId, main, undefined, undefined, state);
  }

  restart(): void {
    this.client = this.connect();
  }

  get conversationId(): string {
    return 'Convo1';
  }

  get draftKey(): string {
    return `chat:${this.channelId}:${this.conversationId}`;
  }

  /** Every reply to one message. */
  async replies(message: string | Partial<Activity>): Promise<Array<Partial<Activity>>> {
    const activity =
      typeof message === 'string' ? { type: ActivityTypes.Message, text: message } : { type: ActivityTypes.Message, ...message };
    suiteLogScan.rememberSent(activity.text);
    const replies: Array<Partial<Activity>> = [await this.client.sendActivity(activity)];
    for (let next = this.client.getNextReply(); next; next = this.client.getNextReply()) replies.push(next);
    return replies.filter(Boolean);
  }

  /** Every reply to one message, as text. */
  async say(message: string | Partial<Activity>): Promise<string[]> {
    return (await this.replies(message)).map((r) => r.text ?? '');
  }

  async upload(...attachments: Attachment[]): Promise<string[]> {
    return this.say({ attachments });
  }
}

export const last = (replies: string[]): string => replies.at(-1) ?? '';
