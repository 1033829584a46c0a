import type { DocumentType } from '../document-types.js';

export interface Rule {
  /** What the clerk sees as the reason. */
  label: string;
  pattern: RegExp;
  weight: number;
}

/**
 * Explainable signals per document type, matched against folded OCR text (umlauts as ae/oe/ue,
 * lower case). "other" has signals of its own: post that looks like a claim and is none (a gym's
 * advert promising bonus stamps, an electricity bill), which must not be routed to a department.
 */
export const TYPE_RULES: Record<DocumentType, Rule[]> = {
  sick_note: [
    { label: 'Arbeitsunfähigkeitsbescheinigung', pattern: /arbeits\s?unfaehigkeits\s?-?\s?bescheinigung|au-bescheinigung/, weight: 5 },
    { label: 'arbeitsunfähig seit', pattern: /arbeitsunfaehig (seit|ab)/, weight: 3 },
    { label: 'Erst-/Folgebescheinigung', pattern: /erstbescheinigung|folgebescheinigung/, weight: 3 },
    { label: 'voraussichtlich arbeitsunfähig bis', pattern: /voraussichtlich arbeitsunfaehig bis/, weight: 3 },
    { label: 'Diagnose', pattern: /\bdiagnose|icd-?10/, weight: 1 },
  ],
  invoice: [
    { label: 'Rechnung', pattern: /\brechnung\b|rechnungsnummer|rechnungsdatum|\brechnungs-?nr/, weight: 4 },
    { label: 'Rechnungsbetrag / Summe', pattern: /rechnungsbetrag|gesamtbetrag|endbetrag|zu zahlen|summe/, weight: 2 },
    { label: 'Gebührenordnung (GOZ/GOÄ)', pattern: /\bgoz\b|\bgoae?\b|gebuehrenordnung/, weight: 3 },
    { label: 'Zahlungsziel / Bankverbindung', pattern: /zahlbar (bis|innerhalb)|bitte ueberweisen|iban/, weight: 1 },
    { label: 'Leistung (Zahnreinigung, Osteopathie, Impfung)', pattern: /zahnreinigung|osteopath|reiseimpfung|schutzimpfung/, weight: 2 },
    { label: 'Betrag in Euro', pattern: /\d+,\d{2}\s?(eur|€)/, weight: 1 },
  ],
  sick_pay: [
    // Not the title of the child's form ("Krankengeld bei Erkrankung des Kindes").
    { label: 'Krankengeld', pattern: /(?<!kinder)krankengeld(?! bei erkrankung (des|eines) kindes)/, weight: 4 },
    { label: 'Auszahlschein', pattern: /auszahlschein/, weight: 4 },
    { label: 'Entgeltbescheinigung', pattern: /entgeltbescheinigung|arbeitsentgelt/, weight: 2 },
  ],
  child_sick_pay: [
    { label: 'Kinderkrankengeld', pattern: /kinderkrankengeld/, weight: 6 },
    {
      // Not "Name des Kindes": maternity and bonus forms name the child too.
      label: 'Krankengeld bei Erkrankung des Kindes (Muster 21)',
      pattern: /krankengeld bei erkrankung (des|eines) kindes|\bmuster 21\b/,
      weight: 7,
    },
    {
      label: 'Erkrankung des Kindes / Betreuung',
      // Words apart by anything OCR puts between them ("eines:Kindes").
      pattern: /erkrankung\W+(des|eines)\W+kindes|betreuung\W+(des|eines)\W+(erkrankten\W+)?kindes|beaufsichtigung/,
      weight: 3,
    },
    // The law that grants it, also when OCR drops the paragraph sign; § 44 is the member's own sick pay.
    { label: '§ 45 SGB V', pattern: /\b45\s*(?:abs\.?\s*\d\s*)?sgb\s*v(?![a-z]{2})/, weight: 6 },
    { label: 'erkranktes Kind, unbezahlte Freistellung', pattern: /erkrankte[sn]? kind|unbezahlte freistellung/, weight: 3 },
    {
      label: 'Betreuung durch einen Elternteil',
      // Words apart by anything OCR puts between them ("Pflege.durch den Vater").
      pattern:
        /(?:betreuung|beaufsichtigung|pflege)\W+(?:\S+\W+){0,4}?durch\W+(?:die\W+mutter|den\W+vater|einen?\W+elternteil|die\W+eltern)/,
      weight: 4,
    },
    {
      // The words of § 45 SGB V and of the doctor's certificate for it.
      label: 'Beaufsichtigung, Betreuung oder Pflege des Kindes',
      pattern: /beaufsichtigung\W+betreuung\W+(?:und|oder)\W+pflege/,
      weight: 4,
    },
  ],
  maternity: [
    { label: 'Mutterschaftsgeld', pattern: /mutterschaftsgeld/, weight: 5 },
    // The registry office's free birth certificate "für Mutterschaftshilfe" (§ 26 PStV) is for the mother's claim.
    { label: 'Geburtsbescheinigung für Mutterschaftshilfe', pattern: /mutterschaftshilfe|mutterschaftsleistung/, weight: 5 },
    { label: 'Entbindung', pattern: /entbindung|entbindungstermin|mutmasslichen tag/, weight: 3 },
    { label: 'Schwangerschaft', pattern: /schwangerschaft|mutterpass/, weight: 1 },
  ],
  bonus_program: [
    { label: 'Bonusprogramm / Bonusheft', pattern: /bonusprogramm|bonusheft|bonuspunkte/, weight: 5 },
    {
      label: 'Teilnahme an Vorsorge / Kurs',
      pattern: /teilnahmebestaetigung|vorsorgeuntersuchung|gesundheitskurs|mitgliedschaft im sportverein/,
      weight: 2,
    },
  ],
  membership: [
    { label: 'Familienversicherung', pattern: /familienversicherung|familienversichert/, weight: 5 },
    { label: 'Mitgliedschaft', pattern: /mitgliedschaft|mitgliedsbescheinigung|beitrittserklaerung|kuendigung/, weight: 3 },
    { label: 'Arbeitgeber / Beschäftigung', pattern: /arbeitgeber|beschaeftigungsverhaeltnis|meldung zur sozialversicherung/, weight: 1 },
  ],
  prescription_or_plan: [
    { label: 'Heil- und Kostenplan', pattern: /heil- ?und kostenplan/, weight: 5 },
    { label: 'Behandlungsplan', pattern: /behandlungsplan|kieferorthopaedisch/, weight: 4 },
    { label: 'Verordnung', pattern: /verordnung|heilmittel|hilfsmittel|rezept/, weight: 3 },
    { label: 'Arzneiverordnung (Muster 16, aut idem)', pattern: /\bmuster 16\b|aut[ -]?idem|arzneiverordnungsblatt/, weight: 4 },
    { label: 'Kostenvoranschlag', pattern: /kostenvoranschlag/, weight: 4 },
  ],
  other: [
    // An advert: an offer valid until a date, a minimum term, a trial session. No claim form says so.
    { label: 'Werbung: Aktion oder Angebot mit Frist', pattern: /(?:aktion|angebot)\W+(?:gueltig|gilt)\W+bis/, weight: 3 },
    { label: 'Werbung: Mindestlaufzeit, Probetraining', pattern: /mindestlaufzeit|probetraining|schnuppertraining/, weight: 3 },
    { label: 'Werbung: jetzt anmelden', pattern: /jetzt\W+(?:anmelden|mitglied werden|vorbeikommen|starten|sichern)/, weight: 2 },
    // A utility's bill: energy measured by a meter, which no treatment is.
    { label: 'Versorgerrechnung: Zähler, kWh', pattern: /\bkwh\b|zaehler\s?(?:nr|nummer|stand)|\bzaehler\W+\d/, weight: 6 },
    {
      label: 'Versorgerrechnung: Strom, Gas, Wasser',
      pattern: /jahresabrechnung\W+(?:strom|gas|erdgas|wasser|waerme)|vertragskonto/,
      weight: 3,
    },
  ],
};
