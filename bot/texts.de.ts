/** Everything the bot says, in one place, so wording can be reviewed and changed without code. */
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
  notUnderstood:
    'Dazu habe ich leider keine verlässliche Antwort. Formulieren Sie Ihre Frage gern mit anderen Worten – oder wählen Sie eine der Möglichkeiten:',
  notUnderstoodAgain:
    'Das kann ich leider auch so nicht sicher beantworten. Eine Mitarbeiterin oder ein Mitarbeiter hilft Ihnen gern weiter: im Chat oder mit einem Rückruf.',
  didYouMean: 'Meinten Sie eine dieser Fragen?',
  rateHelpful: 'Hilfreich',
  rateNotHelpful: 'Nicht hilfreich',
  thanksForRating: 'Danke für Ihre Rückmeldung!',
  sorryNotHelpful: 'Das tut mir leid. Formulieren Sie Ihre Frage gern mit anderen Worten – oder sprechen Sie mit uns:',
  noneOfThese: 'Nein, etwas anderes',
  stuckInDialog:
    'Das hat jetzt mehrmals nicht geklappt. Lassen Sie uns das persönlich klären – ich hole Ihnen eine Mitarbeiterin oder einen Mitarbeiter dazu.',
  stuckTopic: 'Hilfe bei einer Eingabe im Chat',
  personTopic: 'Dieses Anliegen bespricht am besten eine Mitarbeiterin oder ein Mitarbeiter persönlich mit Ihnen.',
  turnError:
    'Entschuldigung, da ist bei mir gerade etwas schiefgelaufen. Bitte versuchen Sie es noch einmal – Ihre bisherigen Angaben bleiben erhalten.',
} as const;
