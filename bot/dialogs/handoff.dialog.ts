import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { HANDOFF } from '../service-texts.de.js';
import { CALLBACK_DIALOG } from './callback.dialog.js';
import { ButtonPrompt, same } from './prompts.js';

export const HANDOFF_DIALOG = 'handoff';
const FLOW = 'handoff.flow';
const BUTTONS = 'handoff.buttons';

/** Whether people answer the live chat now. */
export interface LiveChatDesk {
  /** 'closed' outside the service hours and on holidays; 'busy' when no agent can take the chat. */
  availability(at: Date): 'closed' | 'busy';
  /** The service hours as members read them ("Mo–Fr 8–18 Uhr"). */
  hours(): string;
}

/**
 * A member asks for a person. When nobody can take the chat (outside the service hours, on a
 * holiday, no agent free) the bot says so plainly and offers a callback instead.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(
    private readonly desk: LiveChatDesk,
    private readonly clock: () => Date,
  ) {
    super(HANDOFF_DIALOG);
    this.addDialog(new ButtonPrompt(BUTTONS)).addDialog(new WaterfallDialog(FLOW, [this.offerCallback.bind(this), this.afterOffer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private offerCallback(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = this.desk.availability(this.clock()) === 'closed' ? HANDOFF.closed(this.desk.hours()) : HANDOFF.busy;
    return ButtonPrompt.ask(step, BUTTONS, text, [HANDOFF.offerCallback, HANDOFF.decline], HANDOFF.retry);
  }

  private async afterOffer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (same(String(step.result), HANDOFF.offerCallback)) return step.replaceDialog(CALLBACK_DIALOG);
    await step.context.sendActivity(HANDOFF.declined);
    return step.endDialog();
  }
}
