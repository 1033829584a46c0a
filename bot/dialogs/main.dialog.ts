import { MessageFactory, type Attachment } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { menuActions, menuChoiceOf, type MenuChoice } from '../menu.js';
import { TEXTS } from '../texts.de.js';
import { CancelAndHelpDialog } from './cancel-and-help.dialog.js';

export const MAIN_DIALOG = 'main';

/** Until the later dialogs exist, each menu entry answers honestly what is possible today. */
const REPLIES: Record<MenuChoice, string> = {
  question: TEXTS.askQuestion,
  document: TEXTS.documentPlaceholder,
  callback: TEXTS.callbackPlaceholder,
  person: TEXTS.personPlaceholder,
};

/** The entry point for every member message: files, menu choices, questions. */
export class MainDialog extends CancelAndHelpDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog('main.route', [this.route.bind(this)]));
    this.initialDialogId = 'main.route';
  }

  private async route(step: WaterfallStepContext) {
    const activity = step.context.activity;
    const attachments: Attachment[] = activity.attachments ?? [];
    if (attachments.length > 0) {
      await step.context.sendActivity(TEXTS.filesReceived(attachments.map((a) => a.name ?? 'Datei')));
      return step.endDialog();
    }
    const choice = menuChoiceOf((activity.text ?? '').trim());
    if (choice) await step.context.sendActivity(REPLIES[choice]);
    else await step.context.sendActivity(MessageFactory.suggestedActions(menuActions(), TEXTS.notUnderstood));
    return step.endDialog();
  }
}
