import type { SubmissionStatus } from '../platform/db/schema.js';

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
    `Erledigt: Wir schicken Ihnen die Versicherungsbescheinigung in den nächsten Tagen per Post an Ihre bei uns hinterlegte Adresse. Vorgangsnummer: **${reference}**. ` +
    'Aus Datenschutzgründen zeigen wir Bescheinigungen nicht im Chat an.',
  recordedOther: (reference: string) =>
    `Erledigt: Die Versicherungsbescheinigung geht in den nächsten Tagen per Post an die bei uns hinterlegte Adresse dieser Person. Vorgangsnummer: **${reference}**. ` +
    'Aus Datenschutzgründen zeigen wir Bescheinigungen nicht im Chat an.',
} as const;

export const STATUS = {
  trackingId: 'Gern sehe ich nach. Wie lautet die Tracking-ID? Sie beginnt mit „MK-“ und wurde Ihnen nach dem Hochladen angezeigt.',
  trackingIdInvalid:
    'Diese Tracking-ID kann nicht stimmen (z. B. ein vertauschtes Zeichen). Bitte prüfen Sie sie: MK- und drei Vierergruppen aus Buchstaben und Ziffern.',
  kvnr: 'Und unter welcher Krankenversichertennummer wurde es eingereicht?',
  notFound: 'Zu dieser Tracking-ID und Versichertennummer finde ich keine Sendung. Bitte prüfen Sie beide Angaben.',
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
    'Diese Angaben passen nicht zusammen. Bitte prüfen Sie Versichertennummer, Kartennummer und PIN und versuchen Sie es noch einmal. Nach mehreren falschen Eingaben wird die PIN gesperrt.',
  locked:
    'Ihre Einmal-PIN ist nach zu vielen falschen Eingaben gesperrt. Wir schicken Ihnen gern eine neue: Rufen Sie uns an unter 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr) oder bitten Sie um einen Rückruf.',
  expired:
    'Diese Einmal-PIN ist abgelaufen: Sie gilt 31 Tage ab dem Datum des Briefs. Gern schicken wir Ihnen eine neue – rufen Sie uns an oder bitten Sie um einen Rückruf.',
  spent:
    'Mit dieser Einmal-PIN wurden bereits Unterlagen gesendet; sie gilt nur für eine Sendung. Weitere Dokumente können Sie hier im Chat auch ohne PIN einreichen.',
  tooManyAttempts:
    'Ich kann hier keine weiteren Anmeldungen annehmen. Bitte wenden Sie sich an uns: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
  throttled:
    'Mit dieser Versichertennummer gab es gerade zu viele Anmeldeversuche. Bitte versuchen Sie es in einer Stunde noch einmal oder rufen Sie uns an: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
  welcome: (purpose: string, validUntil: string) => `Sie sind angemeldet. Ihr Brief betrifft: ${purpose}. Die PIN gilt bis ${validUntil}.`,
  resume: 'Sie hatten schon angefangen – ich mache dort weiter, wo Sie aufgehört haben.',
} as const;

export const HANDOFF = {
  closed: (hours: string) =>
    `Im Chat sind unsere Mitarbeiterinnen und Mitarbeiter ${hours} für Sie da – gerade ist leider niemand erreichbar. Gern rufen wir Sie zurück.`,
  busy: 'Gerade ist leider keine Mitarbeiterin und kein Mitarbeiter im Chat frei. Gern rufen wir Sie zurück.',
  offerCallback: 'Rückruf anfordern',
  decline: 'Nein, danke',
  retry: 'Bitte wählen Sie „Rückruf anfordern“ oder „Nein, danke“.',
  declined: 'In Ordnung. Sie können mir jederzeit weiter Fragen stellen.',
  queued: (position: number, minutes: number) =>
    `Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter. Sie sind an ${position}. Stelle der Warteschlange; die Wartezeit beträgt etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}. ` +
    'Schreiben Sie gern schon, worum es geht – Ihre Nachrichten werden weitergegeben. Mit „abbrechen“ verlassen Sie die Warteschlange.',
  leftQueue: 'Sie haben die Warteschlange verlassen. Ich bin wieder für Ihre Fragen da.',
  movedUp: (position: number, minutes: number) =>
    position === 1
      ? `Sie sind jetzt als Nächste oder Nächster an der Reihe (etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}).`
      : `Sie sind jetzt an ${position}. Stelle der Warteschlange (etwa ${minutes} Minuten).`,
  topicFallback: 'Persönliche Beratung gewünscht',
} as const;
