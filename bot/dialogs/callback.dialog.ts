import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { callbackDays, dayLabel, TIME_WINDOWS, windowLabel, windowsOn } from '../../domain/service-requests/service-hours.js';
import { CALLBACK } from '../../domain/member-texts.de.js';
import { ButtonPrompt, CheckedTextPrompt, same, withButtons } from './prompts.js';

export const CALLBACK_DIALOG = 'callback';
const FLOW = 'callback.flow';
const BUTTONS = 'callback.buttons';
const TOPIC = 'callback.topic';
const NAME = 'callback.name';
const PHONE = 'callback.phone';
const WHEN = 'callback.when';

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

/** German numbers as members write them (0171 …, 030/…, +49 …), stored as E.164. */
export function readPhoneNumber(text: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text.trim(), 'DE');
  return parsed?.isValid() ? parsed.number : undefined;
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
          (step) => step.prompt(TOPIC, { prompt: withButtons(CALLBACK.topic, CALLBACK.topics) }),
          (step) => this.remember(step, 'topic', step.prompt(NAME, { prompt: CALLBACK.name })),
          (step) => this.remember(step, 'name', step.prompt(PHONE, { prompt: CALLBACK.phone })),
          this.askWhen.bind(this),
          this.askConsent.bind(this),
          this.book.bind(this),
        ]),
      )
      .addDialog(new WaterfallDialog(WHEN, [this.askDay.bind(this), this.askWindow.bind(this), this.whenChosen.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private values(step: WaterfallStepContext): Partial<CallbackValues> {
    return step.values as Partial<CallbackValues>;
  }

  private remember(step: WaterfallStepContext, key: 'topic' | 'name', next: Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    this.values(step)[key] = String(step.result).trim();
    return next;
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.values(step).phone = readPhoneNumber(String(step.result))!;
    return step.beginDialog(WHEN);
  }

  /** Day and window, offered as they are free now; if the chosen day has filled up meanwhile, the day is asked again. */
  private async askDay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const days = callbackDays(this.deps.now());
    (step.values as { days: string[] }).days = days;
    return ButtonPrompt.ask(step, BUTTONS, CALLBACK.day, days.map(dayLabel), CALLBACK.dayRetry);
  }

  private async askWindow(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const day = (step.values as { days: string[] }).days.find((d) => same(dayLabel(d), String(step.result)))!;
    const windows = windowsOn(day, this.deps.now());
    if (windows.length === 0) return step.replaceDialog(WHEN);
    (step.values as { day: string }).day = day;
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
    const text = CALLBACK.consent(displayPhone(values.phone!), dayLabel(values.day!), windowLabel(values.window!));
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
    await step.context.sendActivity(CALLBACK.booked(reference, dayLabel(day), windowLabel(window)));
    return step.endDialog({ reference });
  }
}
