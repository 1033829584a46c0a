import { ActivityTypes, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { menuActions } from '../menu.js';
import { TEXTS } from '../../domain/member-texts.de.js';

const CANCEL = /^\s*(abbrechen|abbruch|stopp?|beenden|cancel)\s*[.!]?\s*$/i;

/** "abbrechen" and its synonyms, as a member types them. */
export function isCancelWord(text: string): boolean {
  return CANCEL.test(text);
}
const HELP = /^\s*(hilfe|help|\?)\s*[.!?]?\s*$/i;

/**
 * Base for every dialog: "abbrechen" ends whatever is running, "hilfe" explains and then
 * continues where the member was.
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected override async onBeginDialog(dc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(dc, true)) ?? super.onBeginDialog(dc, options);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(dc, false)) ?? super.onContinueDialog(dc);
  }

  /** `starting`: nothing is running yet, so after help there is nothing to return to. */
  private async interrupt(dc: DialogContext, starting: boolean): Promise<DialogTurnResult | undefined> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message || typeof activity.text !== 'string') return undefined;
    if (CANCEL.test(activity.text)) {
      await dc.context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.cancelled));
      return dc.cancelAllDialogs();
    }
    if (HELP.test(activity.text)) {
      if (starting) {
        await dc.context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.help));
        return { status: DialogTurnStatus.complete };
      }
      // In the middle of a dialog: say how to go on, then ask the open question again.
      await dc.context.sendActivity(TEXTS.helpInDialog);
      await dc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }
}
