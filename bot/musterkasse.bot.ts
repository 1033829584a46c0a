import {
  ActivityHandler,
  ConversationState,
  MessageFactory,
  type Activity,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { MAIN_DIALOG, MainDialog } from './dialogs/main.dialog.js';
import { createMemberDialogs, type MemberServices } from './dialogs/member-dialogs.js';
import type { FaqFeedback, FaqLookup } from './faq.js';
import { isCancelWord } from './dialogs/cancel-and-help.dialog.js';
import { menuActions } from './menu.js';
import type { LiveChatState } from './dialogs/handoff.dialog.js';
import { HANDOFF, TEXTS, LIVECHAT_TEXTS } from '../domain/member-texts.de.js';
import { isReadReceipt } from '../domain/chat/activity.js';
import { parseRating } from '../domain/livechat/satisfaction.js';
import type { PersonTopics } from '../domain/livechat/person-topics.js';

/** The bot: greets members who join and runs every message through the dialogs. */
export class MusterkasseBot extends ActivityHandler {
  readonly conversationState: ConversationState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(
    storage: Storage,
    faq: FaqLookup,
    feedback: FaqFeedback,
    private readonly services: MemberServices,
    personTopics?: PersonTopics,
  ) {
    super();
    this.conversationState = new ConversationState(storage);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(
      new MainDialog(faq, feedback, this.conversationState, createMemberDialogs(services, this.conversationState), personTopics, () => ({
        today: services.submitDocument.today(),
        limits: services.submitDocument.desk.limits,
      })),
    );

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
      if (joined.length > 0) await context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.welcome));
      await next();
    });

    this.onMessage(async (context, next) => {
      const liveChat = await this.services.liveChat.chatState(context.activity.conversation.id);
      if ((await this.ratingGiven(context, liveChat.ratingPending)) || (await this.handedOff(context, liveChat.open))) return next();
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
      await next();
    });
  }

  /** Read receipts from the member's chat window, for the agent's console. */
  override async onEventActivity(context: TurnContext): Promise<void> {
    if (isReadReceipt(context.activity)) await this.services.liveChat.markRead(context.activity.conversation.id);
    await super.onEventActivity(context);
  }

  /**
   * The answer to the satisfaction question after a live chat is stored and thanked for. Any
   * other message closes the question (the member is not asked twice) and is handled as usual.
   */
  private async ratingGiven(context: TurnContext, pending: LiveChatState['ratingPending']): Promise<boolean> {
    if (!pending) return false;
    const rating = parseRating(context.activity.text ?? '');
    await this.services.liveChat.rate(pending.sessionId, rating);
    if (rating === undefined) return false;
    await context.sendActivity(MessageFactory.suggestedActions(menuActions(), LIVECHAT_TEXTS.ratingThanks));
    return true;
  }

  /**
   * While the member waits for a person or talks to one, the bot keeps quiet: the message is in
   * the transcript, which the agent reads. "abbrechen" leaves the queue, and the bot is back.
   */
  private async handedOff(context: TurnContext, chat: LiveChatState['open']): Promise<boolean> {
    const conversationId = context.activity.conversation.id;
    if (!chat) return false;
    if (
      chat.status === 'waiting' &&
      isCancelWord(context.activity.text ?? '') &&
      (await this.services.liveChat.leaveQueue(conversationId))
    ) {
      await context.sendActivity(MessageFactory.suggestedActions(menuActions(), HANDOFF.leftQueue));
    }
    return true;
  }

  /**
   * State is saved after every turn, and the turn's replies go out only after that: a member
   * is never told something ("Datei erhalten", the next question) that a crash could undo.
   * If the turn fails, its replies are dropped with it and the error handler apologises.
   */
  override async run(context: TurnContext): Promise<void> {
    const held: Array<Partial<Activity>> = [];
    let holding = true;
    context.onSendActivities(async (_context, activities, next) => {
      if (!holding) return next();
      held.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
    try {
      await super.run(context);
      await this.conversationState.saveChanges(context, false);
    } finally {
      // On failure the held replies are dropped; the error handler's apology goes out directly.
      holding = false;
    }
    if (held.length > 0) await context.sendActivities(held);
  }

  /**
   * After a failed turn. Nothing of it was saved, so the stored dialog stands where it stood
   * before the message: the member's answers so far are kept and the current question is asked
   * again. Only if even that fails is the half-done dialog forgotten, so the next message starts
   * cleanly.
   */
  async recoverAfterFailedTurn(context: TurnContext): Promise<void> {
    try {
      await this.conversationState.load(context, true);
      const dc = await this.dialogs.createContext(context);
      if (dc.activeDialog) await dc.repromptDialog();
    } catch {
      await this.dialogState.delete(context);
      await this.conversationState.saveChanges(context, true);
    }
  }
}
