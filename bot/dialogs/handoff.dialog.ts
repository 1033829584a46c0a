import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { HANDOFF } from '../../domain/member-texts.de.js';
import { CALLBACK_DIALOG } from './callback.dialog.js';
import type { LiveChatSummary } from '../../domain/livechat/livechat-queue.js';
import { findTrackingId } from '../../domain/submissions/tracking-id.js';
import { ButtonPrompt, same } from './prompts.js';

export const HANDOFF_DIALOG = 'handoff';
const FLOW = 'handoff.flow';
const BUTTONS = 'handoff.buttons';

/** A conversation's live chat as the bot needs it on every message (one lookup). */
export interface LiveChatState {
  /** The chat with a person that is waiting or running: the bot then keeps quiet. */
  open?: { status: 'waiting' | 'active' };
  /** The ended chat whose satisfaction question is still open. */
  ratingPending?: { sessionId: string };
}

/** The live chat as the bot sees it. */
export interface LiveChatDesk {
  /** 'closed' outside the service hours and on holidays; 'busy' when no agent can take the chat. */
  availability(at: Date): Promise<'closed' | 'busy' | 'open'>;
  /** The service hours as members read them ("Mo–Fr 8–18 Uhr"). */
  hours(): string;
  /** Puts the conversation in the queue (or finds it there): its place and the expected wait. */
  request(conversationId: string, topic: string, summary: LiveChatSummary): Promise<{ position: number; waitMinutes: number }>;
  chatState(conversationId: string): Promise<LiveChatState>;
  /** The member leaves the queue; false when no chat was waiting. */
  leaveQueue(conversationId: string): Promise<boolean>;
  /** The member's chat window has shown the agent's latest messages. */
  markRead(conversationId: string): Promise<void>;
  /** The member's answer to it: 1–5, or undefined when they wrote something else. */
  rate(sessionId: string, rating: number | undefined): Promise<void>;
}

/** Answers a member gave in a dialog before getting stuck (topic, name, phone). */
export type EnteredAnswers = Partial<Record<'topic' | 'name' | 'phone', string>>;

export interface HandoffOptions {
  /** The member's message that asked for a person, if it was free text. */
  message?: string;
  /** The member's recent messages, for the agent. */
  earlier?: string;
  /** What the member answered in a dialog they got stuck in, for the agent. */
  entered?: EnteredAnswers;
  /** False when a callback is no help (stuck giving a phone number): nobody free → our phone number. */
  offerCallback?: boolean;
}

/**
 * A member asks for a person. When an agent is free, the conversation joins the live-chat queue
 * and the member learns their place and the expected wait. When nobody can take the chat
 * (outside the service hours, on a holiday, no agent free) the bot says so plainly and offers a
 * callback instead.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(
    private readonly desk: LiveChatDesk,
    private readonly clock: () => Date,
  ) {
    super(HANDOFF_DIALOG);
    this.addDialog(new ButtonPrompt(BUTTONS)).addDialog(
      new WaterfallDialog(FLOW, [this.offerCallback.bind(this), this.afterOffer.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async offerCallback(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const availability = await this.desk.availability(this.clock());
    if (availability === 'open') return this.enqueue(step);
    if ((step.options as HandoffOptions | undefined)?.offerCallback === false) {
      await step.context.sendActivity(HANDOFF.unavailableCallUs(this.desk.hours()));
      return step.endDialog();
    }
    const text = availability === 'closed' ? HANDOFF.closed(this.desk.hours()) : HANDOFF.busy;
    return ButtonPrompt.ask(step, BUTTONS, text, [HANDOFF.offerCallback, HANDOFF.decline], HANDOFF.retry);
  }

  /** Into the queue, with what the bot knows for the agent; from here the bot keeps quiet. */
  private async enqueue(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { message, earlier = '', entered = {} } = (step.options ?? {}) as HandoffOptions;
    const answers = Object.keys(entered).length > 0 ? HANDOFF.enteredForAgent(entered) : '';
    const recentMessages = [...earlier.split('\n'), answers, message ?? '']
      .map((m) => m.trim())
      .filter(Boolean)
      .slice(-5);
    const trackingIds = [...new Set(recentMessages.map(findTrackingId).filter((id): id is string => !!id))];
    const { position, waitMinutes } = await this.desk.request(
      step.context.activity.conversation.id,
      message?.trim() || HANDOFF.topicFallback,
      { recentMessages, trackingIds, kvnr: null },
    );
    await step.context.sendActivity(HANDOFF.queued(position, waitMinutes));
    return step.endDialog();
  }

  private async afterOffer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (same(String(step.result), HANDOFF.offerCallback)) return step.replaceDialog(CALLBACK_DIALOG);
    await step.context.sendActivity(HANDOFF.declined);
    return step.endDialog();
  }
}
