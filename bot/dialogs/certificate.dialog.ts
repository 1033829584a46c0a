import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CertificateRequester } from '../../domain/members/family.js';
import { normaliseKvnr } from '../../domain/members/kvnr.js';
import { isoDate } from '../../domain/submissions/detail-parsers.js';
import { clientKeyOf, type AttemptGuard } from '../client-key.js';
import { CERTIFICATE } from '../../domain/member-texts.de.js';
import { kvnrMistake } from './kvnr-prompt.js';
import { ButtonPrompt, CheckedTextPrompt, same } from './prompts.js';

export const CERTIFICATE_DIALOG = 'certificate';
const FLOW = 'certificate.flow';
const BUTTONS = 'certificate.buttons';
const KVNR = 'certificate.kvnr';
const BIRTH_DATE = 'certificate.birthDate';

export interface CertificateDesk {
  addCertificate(request: { kvnr: string; forOther: boolean; conversationId: string | null }): Promise<{ reference: string }>;
  /** The requester checked against the member data; for someone else, that they are family. */
  mayRequest(request: CertificateRequester): Promise<boolean>;
  /** Requests refused per client across conversations (guessing protection). */
  attempts: AttemptGuard;
}

/** A birth date written in full, DD.MM.YYYY, as an ISO date. */
export function parseBirthDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*$/.exec(text);
  return match ? isoDate(Number(match[3]), Number(match[2]), Number(match[1])) : undefined;
}

interface Answers {
  forOther: boolean;
  kvnr: string;
  birthDate: string;
}

/**
 * A Versicherungsbescheinigung for oneself or a family member: recorded for dispatch by post to
 * the address on file, never shown in the chat. Only a member who gives their KVNR and birth
 * date may ask, for themselves or for someone in their family insurance; every mismatch gets
 * the same answer, and refusals are counted per visitor.
 */
export class CertificateDialog extends ComponentDialog {
  constructor(private readonly desk: CertificateDesk) {
    super(CERTIFICATE_DIALOG);
    this.addDialog(new ButtonPrompt(BUTTONS))
      .addDialog(new CheckedTextPrompt(KVNR, kvnrMistake))
      .addDialog(new CheckedTextPrompt(BIRTH_DATE, (answer) => (parseBirthDate(answer) ? undefined : CERTIFICATE.birthDateInvalid)))
      .addDialog(
        new WaterfallDialog(FLOW, [
          this.askWhose.bind(this),
          this.askOwnKvnr.bind(this),
          this.askBirthDate.bind(this),
          this.askOtherKvnr.bind(this),
          this.record.bind(this),
        ]),
      );
    this.initialDialogId = FLOW;
  }

  private async askWhose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (await this.desk.attempts.blocked(clientKeyOf(step.context))) {
      await step.context.sendActivity(CERTIFICATE.tooManyAttempts);
      return step.endDialog();
    }
    return ButtonPrompt.ask(step, BUTTONS, CERTIFICATE.whose, [CERTIFICATE.forSelf, CERTIFICATE.forOther], CERTIFICATE.whoseRetry);
  }

  private askOwnKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Answers).forOther = same(String(step.result), CERTIFICATE.forOther);
    return step.prompt(KVNR, { prompt: CERTIFICATE.kvnrSelf });
  }

  private askBirthDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Answers).kvnr = normaliseKvnr(String(step.result));
    return step.prompt(BIRTH_DATE, { prompt: CERTIFICATE.birthDate });
  }

  private askOtherKvnr(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answers = step.values as Answers;
    answers.birthDate = parseBirthDate(String(step.result))!;
    return answers.forOther ? step.prompt(KVNR, { prompt: CERTIFICATE.kvnrOther }) : step.next();
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { forOther, kvnr, birthDate } = step.values as Answers;
    const forKvnr = forOther ? normaliseKvnr(String(step.result)) : undefined;
    if (!(await this.desk.mayRequest({ kvnr, birthDate, forKvnr }))) {
      await this.desk.attempts.fail(clientKeyOf(step.context));
      await step.context.sendActivity(CERTIFICATE.notEligible);
      return step.endDialog();
    }
    const { reference } = await this.desk.addCertificate({
      kvnr: forKvnr ?? kvnr,
      forOther,
      conversationId: step.context.activity.conversation.id,
    });
    await step.context.sendActivity(forOther ? CERTIFICATE.recordedOther(reference) : CERTIFICATE.recordedSelf(reference));
    return step.endDialog({ reference });
  }
}
