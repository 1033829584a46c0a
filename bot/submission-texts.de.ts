import type { FileOutcome } from '../domain/submissions/submission.service.js';
import type { DocumentLimits } from '../domain/submissions/document-check.js';
import { kilobytes, megapixels, type FileRefusal } from '../domain/submissions/refusal-reasons.de.js';
import type { AttachmentRefusal } from '../domain/chat/attachments.js';

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

type Refusal = FileRefusal | AttachmentRefusal;

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
    case 'scanner_unavailable':
      return 'konnte ich gerade nicht auf Viren prüfen und habe sie deshalb nicht angenommen. Bitte laden Sie die Datei in einigen Minuten noch einmal hoch.';
  }
}

export function fileOutcomeText(
  name: string,
  outcome: FileOutcome | { accepted: false; reason: AttachmentRefusal; totalPages: number },
  limits: DocumentLimits,
): string {
  if (!outcome.accepted) return `„${name}“ ${refusalText(outcome.reason, limits)}`;
  const pages = outcome.pages === 1 ? '1 Seite' : `${outcome.pages} Seiten`;
  const shrunk = outcome.downscaled ? ' Das Foto war größer als erlaubt; ich habe es verkleinert, es bleibt gut lesbar.' : '';
  return `„${name}“ erhalten (${pages}; insgesamt ${outcome.totalPages} von höchstens ${limits.maxPages}).${shrunk}`;
}
