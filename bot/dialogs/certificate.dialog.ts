import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { normaliseKvnr } from '../../core/members/kvnr.js';
import { CERTIFICATE } from '../service-texts.de.js';
import { kvnrMistake } from './kvnr-prompt.js';
import { ButtonPrompt, CheckedTextPrompt, same } from './prompts.js';

export const CERTIFICATE_DIALOG = 'certificate';
const FLOW = 'certificate.flow';
const BUTTONS = 'certificate.buttons';
const KVNR = 'certificate.kvnr';

export interface CertificateDesk {
  addCertificate(request: { kvnr: string; forOther: boolean; conversationId: string | null }): Promise<{ reference: string }>;
}

/**
 * A Versicherungsbescheinigung for oneself or another insured person: recorded for dispatch by
 * post to the address on file, never shown in the chat (whoever types a KVNR here learns nothing).
 */
export class CertificateDialog extends ComponentDialog {
  constructor(private readonly desk: CertificateDesk) {
    super(CERTIFICATE_DIALOG);
    this.addDialog(new ButtonPrompt(BUTTONS))
      .addDialog(new CheckedTextPrompt(KVNR, kvnrMistake))
      .addDialog(new WaterfallDialog(FLOW, [this.askWhose.bind(this), this.askKvnr.bind(this), this.record.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private askWhose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return ButtonPrompt.ask(step, BUTTONS, CERTIFICATE.whose, [CERTIFICATE.forSelf, CERTIFICATE.forOther], CERTIFICATE.whoseRetry);
  }

  private askKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const forOther = same(String(step.result), CERTIFICATE.forOther);
    (step.values as { forOther: boolean }).forOther = forOther;
    return step.prompt(KVNR, { prompt: forOther ? CERTIFICATE.kvnrOther : CERTIFICATE.kvnrSelf });
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { forOther } = step.values as { forOther: boolean };
    const { reference } = await this.desk.addCertificate({ kvnr: normaliseKvnr(String(step.result)), forOther, conversationId: step.context.activity.conversation.id });
    await step.context.sendActivity(forOther ? CERTIFICATE.recordedOther(reference) : CERTIFICATE.recordedSelf(reference));
    return step.endDialog({ reference });
  }
}
