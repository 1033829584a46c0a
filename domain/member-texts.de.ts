import type { SubmissionStatus } from '../platform/db/schema.js';
import type { FileOutcome } from './submissions/submission.service.js';
import type { DocumentLimits } from './submissions/document-check.js';
import { kilobytes, megapixels, type FileRefusal } from './submissions/refusal-reasons.de.js';
import type { AttachmentRefusal } from './chat/attachments.js';
import { RATING_CHOICES } from './livechat/satisfaction.js';

/**
 * Everything a member reads in the chat, in one catalogue: the bot's replies and prompts, the
 * services (callback, certificate, status, Einmal-PIN, handoff), the submission and the live
 * chat's notices. Wording is reviewed and changed here without touching code; every limit
 * comes in as a parameter from the configuration.
 */

export const MENU = {
  question: 'Frage stellen',
  document: 'Dokument einreichen',
  callback: 'Rückruf anfordern',
  person: 'Mit einer Person sprechen',
} as const;

export const TEXTS = {
  welcome:
    'Guten Tag! Ich bin der digitale Assistent der Musterkasse und rund um die Uhr für Sie da.\n\n' +
    'Ich beantworte Fragen zu Ihrer Versicherung, nehme Dokumente wie Rechnungen oder Krankmeldungen entgegen, ' +
    'vereinbare einen Rückruf oder verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter.\n\n' +
    'Bitte geben Sie im Chat keine Gesundheitsdaten an, die für Ihr Anliegen nicht nötig sind. Wie kann ich helfen?',
  menuPrompt: 'Was möchten Sie tun?',
  help:
    'Sie können mir einfach schreiben, worum es geht, zum Beispiel „Wie reiche ich eine Rechnung ein?“. ' +
    'Mit „abbrechen“ beenden Sie jederzeit den aktuellen Schritt. Oder wählen Sie eine der Möglichkeiten:',
  cancelled: 'In Ordnung, ich habe den aktuellen Vorgang abgebrochen. Womit kann ich sonst helfen?',
  helpInDialog: 'Beantworten Sie einfach die letzte Frage – ich wiederhole sie gleich. Mit „abbrechen“ beenden Sie den Vorgang.',
  askQuestion: 'Gern. Stellen Sie Ihre Frage einfach in eigenen Worten.',
  howCanIHelp: 'Gern. Worum geht es? Schreiben Sie es mir in eigenen Worten – oder wählen Sie eine der Möglichkeiten:',
  declinedOffer: 'In Ordnung. Womit kann ich sonst helfen?',
  nothingToCancel: 'Gerade läuft nichts, was ich abbrechen könnte. Womit kann ich helfen?',
  notUnderstood:
    'Dazu habe ich leider keine verlässliche Antwort. Formulieren Sie Ihre Frage gern mit anderen Worten – oder wählen Sie eine der Möglichkeiten:',
  notUnderstoodAgain:
    'Darauf habe ich leider wieder keine verlässliche Antwort. Eine Mitarbeiterin oder ein Mitarbeiter hilft Ihnen gern weiter: im Chat oder mit einem Rückruf.',
  /** One of several answers to a message that asked several questions. */
  answerTo: (question: string, answer: string) => `**${question}**\n\n${answer}`,
  didYouMean: 'Meinten Sie eine dieser Fragen?',
  rateHelpful: 'Hilfreich',
  rateNotHelpful: 'Nicht hilfreich',
  thanksForRating: 'Danke für Ihre Rückmeldung!',
  sorryNotHelpful: 'Das tut mir leid. Formulieren Sie Ihre Frage gern mit anderen Worten – oder sprechen Sie mit uns:',
  noneOfThese: 'Nein, etwas anderes',
  stuckInDialog: 'Das hat jetzt mehrmals nicht geklappt. Lassen Sie uns das persönlich klären.',
  /** Stuck at the question whether to book a callback: nothing more to ask, the phone number instead. */
  stuckInOffer:
    'Ich habe Sie leider nicht verstanden. Sie erreichen uns auch telefonisch: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr). Oder stellen Sie mir gern eine neue Frage.',
  stuckTopic: 'Hilfe bei einer Eingabe im Chat',
  personTopic: 'Dieses Anliegen bespricht am besten eine Mitarbeiterin oder ein Mitarbeiter persönlich mit Ihnen.',
  turnError:
    'Entschuldigung, da ist bei mir gerade etwas schiefgelaufen. Bitte versuchen Sie es noch einmal – Ihre bisherigen Angaben bleiben erhalten.',
} as const;

/** For members who write English: the bot answers in German, and says so in English (decision 0014). */
export const FOR_ENGLISH_SPEAKERS = {
  note: 'I can only answer in German so far. Here is my answer in German – your browser can translate it for you.',
  notUnderstood:
    'Sorry, I have no reliable answer to that, and I can only read and answer German so far. A colleague can help you in the chat or call you back:',
  /** English titles of the buttons; what they send stays the German menu text the bot acts on. */
  person: 'Talk to a person',
  callback: 'Request a callback',
} as const;

/** What the bot says for callbacks, certificates and status questions (wording in one place). */
export const CALLBACK = {
  topic: 'Gern ruft Sie eine Kollegin oder ein Kollege zurück. Worum geht es?',
  topics: ['Erstattung und Leistungen', 'Krankengeld', 'Mitgliedschaft und Beiträge', 'Eingereichte Unterlagen', 'Sonstiges'],
  topicTooLong: 'Bitte nennen Sie das Thema kurz (höchstens 100 Zeichen).',
  name: 'Wie dürfen wir Sie ansprechen? Bitte nennen Sie Vor- und Nachnamen.',
  nameInvalid: 'Bitte nennen Sie Ihren Namen (2 bis 100 Zeichen).',
  phone: 'Unter welcher Telefonnummer erreichen wir Sie? (mit Vorwahl, z. B. 030 1234567 oder 0171 1234567)',
  phoneInvalid: 'Diese Telefonnummer kann ich nicht verwenden. Bitte geben Sie sie mit Vorwahl an, z. B. 030 1234567 oder +49 171 1234567.',
  day: 'An welchem Tag passt es Ihnen?',
  dayRetry: 'Bitte wählen Sie einen der angebotenen Tage.',
  window: (day: string) => `Zu welcher Zeit am ${day}? Wir rufen montags bis freitags zwischen 8 und 18 Uhr an.`,
  windowRetry: 'Bitte wählen Sie eines der angebotenen Zeitfenster.',
  consent: (phone: string, day: string, window: string) =>
    `Dürfen wir Sie unter ${phone} am ${day} zwischen ${window} anrufen? Ihre Nummer verwenden wir nur für diesen Rückruf.`,
  consentYes: 'Ja, bitte anrufen',
  consentNo: 'Nein',
  consentRetry: 'Bitte antworten Sie mit „Ja, bitte anrufen“ oder „Nein“.',
  declined: 'In Ordnung, ich habe keinen Rückruf eingetragen. Womit kann ich sonst helfen?',
  booked: (reference: string, day: string, window: string) =>
    `Ihr Rückruf ist eingetragen: Wir rufen Sie am ${day} zwischen ${window} an. Ihre Vorgangsnummer: **${reference}**.`,
} as const;

export const CERTIFICATE = {
  whose: 'Gern schicken wir Ihnen eine Versicherungsbescheinigung. Für wen ist sie?',
  forSelf: 'Für mich',
  forOther: 'Für eine andere versicherte Person',
  whoseRetry: 'Bitte wählen Sie „Für mich“ oder „Für eine andere versicherte Person“.',
  kvnrSelf: 'Wie lautet Ihre Krankenversichertennummer? Sie steht auf Ihrer Gesundheitskarte.',
  birthDate: 'Zur Sicherheit: Wie lautet Ihr Geburtsdatum? Bitte so: TT.MM.JJJJ',
  birthDateInvalid: 'Bitte geben Sie das Geburtsdatum vollständig an, so: TT.MM.JJJJ (zum Beispiel 03.11.1984).',
  kvnrOther:
    'Wie lautet die Krankenversichertennummer der Person, für die die Bescheinigung ist? Das geht für Personen, die bei Ihnen familienversichert sind oder über die Sie familienversichert sind.',
  notEligible:
    'Mit diesen Angaben kann ich keine Bescheinigung anfordern: Sie passen nicht zu unseren Unterlagen, oder die Person gehört nicht zu Ihrer Familienversicherung. ' +
    'Bitte prüfen Sie die Angaben, oder rufen Sie uns an: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
  tooManyAttempts:
    'Ich kann leider keine weitere Bescheinigung anfordern. Unser Team hilft Ihnen gern weiter: telefonisch unter 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr) oder per Rückruf.',
  recordedSelf: (reference: string) =>
    `Erledigt: Die Versicherungsbescheinigung geht in den nächsten Tagen per Post an die Adresse, die wir zu dieser Krankenversichertennummer gespeichert haben. Vorgangsnummer: **${reference}**. ` +
    'Aus Datenschutzgründen zeigen wir Bescheinigungen nicht im Chat an.',
  recordedOther: (reference: string) =>
    `Erledigt: Die Versicherungsbescheinigung geht in den nächsten Tagen per Post an die bei uns hinterlegte Adresse dieser Person. Vorgangsnummer: **${reference}**. ` +
    'Aus Datenschutzgründen zeigen wir Bescheinigungen nicht im Chat an.',
} as const;

export const STATUS = {
  trackingId: 'Gern sehe ich nach. Wie lautet die Tracking-ID? Sie beginnt mit „MK-“ und wurde Ihnen nach dem Hochladen angezeigt.',
  trackingIdInvalid:
    'Diese Tracking-ID kann nicht stimmen (z. B. ein vertauschtes Zeichen). Bitte prüfen Sie sie: MK- und drei Vierergruppen aus Buchstaben und Ziffern.',
  kvnr: 'Und unter welcher Krankenversichertennummer wurde die Sendung eingereicht?',
  notFound: 'Zu dieser Tracking-ID und Krankenversichertennummer finde ich keine Sendung. Bitte prüfen Sie beide Angaben.',
  tooManyAttempts:
    'Ich kann leider keine weiteren Abfragen vornehmen. Unser Team hilft Ihnen gern weiter: telefonisch unter 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr) oder per Rückruf.',
  states: {
    received: 'ist bei uns eingegangen und wartet auf die Bearbeitung.',
    checking: 'wird gerade geprüft.',
    processed: 'ist bearbeitet.',
    needs_attention: 'braucht noch eine Klärung. Wir melden uns bei Ihnen; Sie müssen nichts weiter tun.',
  } satisfies Record<SubmissionStatus, string>,
  found: (trackingId: string, state: string) => `Ihre Sendung **${trackingId}** ${state}`,
} as const;

export const PIN = {
  kvnr: 'Willkommen! Mit Ihrer Einmal-PIN aus unserem Brief senden Sie uns Unterlagen sicher. Wie lautet Ihre Krankenversichertennummer? Sie steht auf Ihrer Gesundheitskarte.',
  card: 'Wie lauten die letzten sechs Ziffern der Kartennummer Ihrer Gesundheitskarte? Sie finden die Kartennummer auf der Rückseite.',
  cardInvalid: 'Bitte geben Sie genau sechs Ziffern ein – die letzten sechs der Kartennummer auf der Rückseite Ihrer Gesundheitskarte.',
  pin: 'Und wie lautet die Einmal-PIN aus dem Brief? (acht Zeichen, z. B. 7KQ3-M9XD)',
  pinInvalid: 'Die Einmal-PIN hat acht Zeichen aus Buchstaben und Ziffern, z. B. 7KQ3-M9XD. Bitte prüfen Sie Ihre Eingabe.',
  mismatch:
    'Diese Angaben passen nicht zusammen. Bitte prüfen Sie Krankenversichertennummer, Kartennummer und PIN und versuchen Sie es noch einmal. Nach mehreren falschen Eingaben wird die PIN gesperrt.',
  locked:
    'Ihre Einmal-PIN ist nach zu vielen falschen Eingaben gesperrt. Wir schicken Ihnen gern eine neue: Rufen Sie uns an unter 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr) oder bitten Sie um einen Rückruf.',
  expired:
    'Diese Einmal-PIN ist abgelaufen: Sie gilt 31 Tage ab dem Datum des Briefs. Gern schicken wir Ihnen eine neue – rufen Sie uns an oder bitten Sie um einen Rückruf.',
  revoked:
    'Diese Einmal-PIN gilt nicht mehr: Wir haben sie zurückgezogen, zum Beispiel weil der Brief verloren ging. Gern schicken wir Ihnen eine neue – rufen Sie uns an oder bitten Sie um einen Rückruf.',
  spent:
    'Mit dieser Einmal-PIN wurden bereits Unterlagen gesendet; sie gilt nur für eine Sendung. Weitere Dokumente können Sie hier im Chat auch ohne PIN einreichen.',
  tooManyAttempts:
    'Ich kann hier keine weiteren Anmeldungen annehmen. Bitte wenden Sie sich an uns: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
  throttled:
    'Mit dieser Krankenversichertennummer gab es gerade zu viele Anmeldeversuche. Bitte versuchen Sie es in einer Stunde noch einmal oder rufen Sie uns an: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
  welcome: (purpose: string, validUntil: string) => `Sie sind angemeldet. Ihr Brief betrifft: ${purpose}. Die PIN gilt bis ${validUntil}.`,
  resume: 'Sie hatten schon angefangen – ich mache dort weiter, wo Sie aufgehört haben.',
} as const;

export const HANDOFF = {
  closed: (hours: string) =>
    `Im Chat sind unsere Mitarbeiterinnen und Mitarbeiter ${hours} für Sie da – gerade ist leider niemand erreichbar. Gern rufen wir Sie zurück.`,
  busy: 'Gerade ist leider keine Mitarbeiterin und kein Mitarbeiter im Chat frei. Gern rufen wir Sie zurück.',
  /** Nobody free, and a callback is no help (the member got stuck giving a phone number). */
  unavailableCallUs: (hours: string) =>
    `Gerade ist leider niemand im Chat erreichbar (${hours}). Sie erreichen uns telefonisch unter 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr). Sie können mir jederzeit weiter Fragen stellen.`,
  offerCallback: 'Rückruf anfordern',
  decline: 'Nein, danke',
  retry: 'Bitte wählen Sie „Rückruf anfordern“ oder „Nein, danke“.',
  declined: 'In Ordnung. Sie können mir jederzeit weiter Fragen stellen.',
  queued: (position: number, minutes: number) =>
    `Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter. ${position === 1 ? 'Sie sind als Nächste oder Nächster an der Reihe' : `Sie sind an ${position}. Stelle der Warteschlange`}; die Wartezeit beträgt etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}. ` +
    'Schreiben Sie gern schon, worum es geht – Ihre Nachrichten werden weitergegeben. Mit „abbrechen“ verlassen Sie die Warteschlange.',
  leftQueue: 'Sie haben die Warteschlange verlassen. Ich bin wieder für Ihre Fragen da.',
  movedUp: (position: number, minutes: number) =>
    position === 1
      ? `Sie sind jetzt als Nächste oder Nächster an der Reihe (etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}).`
      : `Sie sind jetzt an ${position}. Stelle der Warteschlange (etwa ${minutes} Minuten).`,
  topicFallback: 'Persönliche Beratung gewünscht',
  /** For the agent: what the member had answered in the dialog they got stuck in. */
  enteredForAgent: (entered: { topic?: string; name?: string; phone?: string }) =>
    `Bisher im Chat angegeben: ${[
      entered.topic && `Thema „${entered.topic}“`,
      entered.name && `Name „${entered.name}“`,
      entered.phone && `Telefon „${entered.phone}“`,
    ]
      .filter(Boolean)
      .join(', ')}`,
} as const;

/** What the bot says while taking a submission in (wording in one place for review). */
export const SUBMIT = {
  chooseType: 'Gern nehme ich Ihr Dokument entgegen. Was möchten Sie einreichen?',
  chooseTypeRetry: 'Bitte wählen Sie eine der Möglichkeiten aus – oder „Sonstiges“, wenn nichts passt.',
  whose: 'Für wen ist das Dokument?',
  forSelf: 'Für mich',
  forOther: 'Für eine andere versicherte Person',
  whoseRetry: 'Bitte wählen Sie „Für mich“ oder „Für eine andere versicherte Person“.',
  kvnrSelf:
    'Wie lautet Ihre Krankenversichertennummer? Sie finden sie auf Ihrer Gesundheitskarte (ein Buchstabe und neun Ziffern, z. B. A123456780).',
  kvnrOther:
    'Wie lautet die Krankenversichertennummer der Person, für die das Dokument ist? Sie steht auf deren Gesundheitskarte (ein Buchstabe und neun Ziffern).',
  filesIntro: (maxPages: number, maxKb: number) =>
    `Bitte laden Sie jetzt das Dokument hoch – mit der Büroklammer unten. Erlaubt sind PDF, JPG und PNG, insgesamt höchstens ${maxPages} Seiten, ` +
    `je Seite höchstens ${maxKb} kB (größere Fotos verkleinere ich für Sie). Wenn alle Seiten da sind, tippen Sie auf „Fertig“.`,
  /** The file came before the questions (with the first message, or before a break): no second request for it. */
  filesAlready: (pages: number) =>
    `Ihr Dokument ist schon da (${pages} ${pages === 1 ? 'Seite' : 'Seiten'}). Gehören noch Seiten dazu, laden Sie sie jetzt mit der Büroklammer hoch; sonst tippen Sie auf „Fertig“.`,
  filesDone: 'Fertig',
  filesNoneYet: 'Es fehlt noch das Dokument selbst. Bitte laden Sie mindestens eine Datei hoch.',
  filesWaiting: 'Ich warte auf Ihre Dateien. Wenn alle Seiten da sind, tippen Sie auf „Fertig“.',
  note: 'Möchten Sie uns noch etwas zu Ihrem Dokument mitteilen? Schreiben Sie es hier (höchstens 500 Zeichen) – oder tippen Sie auf „Keine Nachricht“.',
  noNote: 'Keine Nachricht',
  noteTooLong: (length: number) => `Ihre Nachricht hat ${length} Zeichen; bitte kürzen Sie sie auf höchstens 500 Zeichen.`,
  send: 'Absenden',
  correct: 'Korrigieren',
  cancel: 'Abbrechen',
  reviewRetry: 'Bitte wählen Sie „Absenden“, „Korrigieren“ oder „Abbrechen“.',
  whatToCorrect: 'Was möchten Sie korrigieren?',
  correctWhose: 'Versicherte Person',
  correctFiles: 'Dateien (neu hochladen)',
  correctNote: 'Nachricht',
  correctRetry: 'Bitte wählen Sie aus, was Sie korrigieren möchten.',
  submitted: (trackingId: string) =>
    `Vielen Dank! Ihre Unterlagen sind bei uns eingegangen. Ihre Tracking-ID lautet **${trackingId}**.\n\n` +
    'Bitte notieren Sie sich diese Nummer: Sie ist Ihr Nachweis, dass Ihre Unterlagen angekommen sind, und damit können Sie hier jederzeit den Bearbeitungsstand abfragen. ' +
    'Die Originale brauchen wir nicht; bitte bewahren Sie sie noch zwei Monate auf.',
  pinDraftKept:
    'Ihre bisherigen Angaben und Dateien bleiben gespeichert, solange Ihre Einmal-PIN gilt. Melden Sie sich einfach wieder mit der PIN an, um weiterzumachen – auch an einem anderen Gerät.',
  expired:
    'Ihr angefangenes Einreichen war zu lange unterbrochen und ist beendet; hochgeladene Dateien habe ich gelöscht. Schreiben Sie „Dokument einreichen“, um neu zu beginnen.',
  cancelledDraft: 'In Ordnung, ich habe das Einreichen abgebrochen und Ihre hochgeladenen Dateien gelöscht. Womit kann ich sonst helfen?',
} as const;

/** `busy`: the checks were overloaded (many PDFs at once); nothing is wrong with the file. */
type Refusal = FileRefusal | AttachmentRefusal | 'busy';

/** What the member is told about a file that was not taken, with the limits in force. */
function refusalText(reason: Refusal, limits: DocumentLimits): string {
  switch (reason) {
    case 'unsupported_type':
      return 'ist keine PDF-, JPG- oder PNG-Datei. Bitte senden Sie das Dokument in einem dieser Formate.';
    case 'damaged':
      return 'ist beschädigt und lässt sich nicht öffnen. Bitte erstellen Sie die Datei neu.';
    case 'encrypted_pdf':
      return 'ist mit einem Passwort geschützt oder verschlüsselt. Bitte senden Sie das PDF ohne Passwortschutz.';
    case 'page_too_large':
      return `ist zu groß: Jede Seite darf höchstens ${kilobytes(limits.maxPageBytes)} kB haben. Bitte scannen Sie mit geringerer Auflösung oder teilen Sie das PDF auf.`;
    case 'too_many_pixels':
      return `hat zu viele Bildpunkte (mehr als ${megapixels()} Megapixel). Bitte fotografieren oder scannen Sie die Seite mit geringerer Auflösung.`;
    case 'infected':
      return 'enthält nach unserer Virenprüfung Schadsoftware und wurde nicht angenommen. Bitte prüfen Sie Ihr Gerät.';
    case 'too_many_pages':
      return `passt nicht mehr dazu: Zusammen wären es mehr als ${limits.maxPages} Seiten. Bitte reichen Sie weitere Seiten in einer zweiten Sendung ein.`;
    case 'download_failed':
      return 'konnte ich nicht abrufen. Bitte laden Sie die Datei noch einmal hoch.';
    case 'busy':
      return 'konnte ich gerade nicht prüfen, weil sehr viele Dateien gleichzeitig ankommen. Bitte laden Sie sie in einigen Minuten noch einmal hoch.';
    case 'scanner_unavailable':
      return 'konnte ich gerade nicht auf Viren prüfen und habe sie deshalb nicht angenommen. Bitte laden Sie die Datei in einigen Minuten noch einmal hoch.';
  }
}

export function fileOutcomeText(
  name: string,
  outcome: FileOutcome | { accepted: false; reason: AttachmentRefusal | 'busy'; totalPages: number },
  limits: DocumentLimits,
): string {
  if (!outcome.accepted) return `„${name}“ ${refusalText(outcome.reason, limits)}`;
  const pages = outcome.pages === 1 ? '1 Seite' : `${outcome.pages} Seiten`;
  const shrunk = outcome.downscaled
    ? ` Das Foto war größer als ${Math.round(limits.maxPageBytes / 1024)} kB je Seite; ich habe es dafür verkleinert.`
    : '';
  return `„${name}“ erhalten (${pages}; insgesamt ${outcome.totalPages} von höchstens ${limits.maxPages}).${shrunk}`;
}

/** What the member reads in the chat window when a person joins, changes or leaves. */
export const LIVECHAT_TEXTS = {
  joined: (name: string) => `${name} ist jetzt für Sie da.`,
  transferred: (name: string) => `${name} übernimmt jetzt Ihr Anliegen.`,
  ended: 'Der Chat mit unserer Mitarbeiterin oder unserem Mitarbeiter ist beendet. Ich bin wieder für Ihre Fragen da.',
  ratingQuestion: 'Wie zufrieden waren Sie mit dem Gespräch? Ihre Antwort hilft uns, besser zu werden.',
  ratingChoices: RATING_CHOICES.map((c) => c.label),
  ratingThanks: 'Vielen Dank für Ihre Bewertung! Kann ich sonst noch etwas für Sie tun?',
  handedBack: (name: string) => `${name} hat Sie an mich, den digitalen Assistenten, zurückgegeben. Womit kann ich weiterhelfen?`,
} as const;
