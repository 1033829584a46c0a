import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { findCallbackDay, findPhoneNumber, findTimeWindow, readPhoneNumber } from '../../domain/service-requests/callback-details.js';
import { callbackDays, dayLabel, TIME_WINDOWS, windowLabel, windowSpan, windowsOn } from '../../domain/service-requests/service-hours.js';
import { CALLBACK } from '../../domain/member-texts.de.js';
import { ButtonPrompt, CheckedTextPrompt, onUnusable, same, withButtons } from './prompts.js';

export const CALLBACK_DIALOG = 'callback';
const FLOW = 'callback.flow';
const BUTTONS = 'callback.buttons';
const TOPIC = 'callback.topic';
const NAME = 'callback.name';
const PHONE = 'callback.phone';
const WHEN = 'callback.when';
const DAY = 'callback.day';

/** What the member already said: asked for no more. */
export interface CallbackOptions {
  /** A free-text message that asked for the callback ("morgen zwischen 10 und 12 unter 0171 …"). */
  message?: string;
}

export interface CallbackDesk {
  addCallback(request: {
    topic: string;
    name: string;
    phone: string;
    preferredDate: string;
    timeWindow: string;
    consentAt: Date;
    conversationId: string | null;
  }): Promise<{ reference: string }>;
}

export interface CallbackDeps {
  desk: CallbackDesk;
  /** Date and hour now in the insurer's time zone. */
  now(): { date: string; hour: number };
  clock(): Date;
}

interface CallbackValues {
  topic: string;
  name: string;
  phone: string;
  day: string;
  window: string;
}

function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A callback request: topic, name, phone, a working day and a two-hour window in service hours, consent. */
export class CallbackDialog extends ComponentDialog {
  constructor(private readonly deps: CallbackDeps) {
    super(CALLBACK_DIALOG);
    this.addDialog(new ButtonPrompt(BUTTONS))
      .addDialog(
        new CheckedTextPrompt(
          TOPIC,
          (a) => (a.trim().length >= 2 && a.trim().length <= 100 ? undefined : CALLBACK.topicTooLong),
          () => CALLBACK.topics,
        ),
      )
      .addDialog(new CheckedTextPrompt(NAME, (a) => (a.trim().length >= 2 && a.trim().length <= 100 ? undefined : CALLBACK.nameInvalid)))
      .addDialog(new CheckedTextPrompt(PHONE, (a) => (readPhoneNumber(a) ? undefined : CALLBACK.phoneInvalid)))
      .addDialog(
        new WaterfallDialog(FLOW, [
          this.askTopic.bind(this),
          this.askName.bind(this),
          this.askPhone.bind(this),
          this.askWhen.bind(this),
          this.askConsent.bind(this),
          this.book.bind(this),
        ]),
      )
      .addDialog(new TextPrompt(DAY, this.checkDay.bind(this)))
      .addDialog(new WaterfallDialog(WHEN, [this.askDay.bind(this), this.askWindow.bind(this), this.whenChosen.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private values(step: WaterfallStepContext): Partial<CallbackValues> {
    return step.values as Partial<CallbackValues>;
  }

  /** Phone, day and window the member's first message named ("morgen zwischen 10 und 12 unter 0171 …"). */
  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const message = (step.options as CallbackOptions | undefined)?.message ?? '';
    const said = step.values as Partial<CallbackValues> & { saidDay?: string; saidWindow?: string };
    const phone = findPhoneNumber(message);
    if (phone) said.phone = phone;
    said.saidDay = findCallbackDay(message, this.deps.now());
    said.saidWindow = findTimeWindow(message);
    return step.prompt(TOPIC, { prompt: withButtons(CALLBACK.topic, CALLBACK.topics) });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.values(step).topic = String(step.result).trim();
    return step.prompt(NAME, { prompt: CALLBACK.name });
  }

  private async askPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.values(step).name = String(step.result).trim();
    const known = this.values(step).phone;
    return known ? step.next(known) : step.prompt(PHONE, { prompt: CALLBACK.phone });
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.values(step).phone = readPhoneNumber(String(step.result))!;
    const { saidDay, saidWindow } = step.values as { saidDay?: string; saidWindow?: string };
    return step.beginDialog(WHEN, { day: saidDay, window: saidWindow });
  }

  /** Day and window, offered as they are free now; if the chosen day has filled up meanwhile, the day is asked again. */
  private async askDay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const days = callbackDays(this.deps.now());
    (step.values as { days: string[] }).days = days;
    const said = step.options as { day?: string; window?: string } | undefined;
    if (said?.day && days.includes(said.day)) {
      (step.values as { window?: string }).window = said.window;
      return step.next(dayLabel(said.day));
    }
    const prompt = withButtons(CALLBACK.day, days.map(dayLabel));
    return step.prompt(DAY, { prompt, retryPrompt: withButtons(CALLBACK.dayRetry, days.map(dayLabel)), validations: { days } });
  }

  /** A day button, or a day in the member's words ("morgen", "Freitag", "am 11.12.") that we offer. */
  private async checkDay(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { days } = prompt.options.validations as { days: string[] };
    const answer = prompt.recognized.value ?? '';
    const day = days.find((d) => same(dayLabel(d), answer)) ?? findCallbackDay(answer, this.deps.now());
    if (!day || !days.includes(day)) return onUnusable(prompt);
    prompt.recognized.value = dayLabel(day);
    return true;
  }

  private async askWindow(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const day = (step.values as { days: string[] }).days.find((d) => same(dayLabel(d), String(step.result)))!;
    const windows = windowsOn(day, this.deps.now());
    if (windows.length === 0) return step.replaceDialog(WHEN);
    (step.values as { day: string }).day = day;
    const said = (step.values as { window?: string }).window;
    if (said && windows.some((w) => w === said)) return step.next(windowLabel(said));
    return ButtonPrompt.ask(step, BUTTONS, CALLBACK.window(dayLabel(day)), windows.map(windowLabel), CALLBACK.windowRetry);
  }

  private async whenChosen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { day } = step.values as { day: string };
    // The button prompt accepted only offered windows; a window that began meanwhile is still honoured.
    const window = TIME_WINDOWS.find((w) => same(windowLabel(w), String(step.result)))!;
    return step.endDialog({ day, window });
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    Object.assign(values, step.result as { day: string; window: string });
    const text = CALLBACK.consent(displayPhone(values.phone!), dayLabel(values.day!), windowSpan(values.window!));
    return ButtonPrompt.ask(step, BUTTONS, text, [CALLBACK.consentYes, CALLBACK.consentNo], CALLBACK.consentRetry);
  }

  private async book(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!same(String(step.result), CALLBACK.consentYes)) {
      await step.context.sendActivity(CALLBACK.declined);
      return step.endDialog();
    }
    const { topic, name, phone, day, window } = this.values(step) as CallbackValues;
    const { reference } = await this.deps.desk.addCallback({
      topic,
      name,
      phone,
      preferredDate: day,
      timeWindow: window,
      consentAt: this.deps.clock(),
      conversationId: step.context.activity.conversation.id,
    });
    await step.context.sendActivity(CALLBACK.booked(reference, dayLabel(day), windowSpan(window)));
    return step.endDialog({ reference });
  }
}
