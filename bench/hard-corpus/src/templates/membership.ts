// membership: family insurance, certificates, registrations, enrolment, termination, changes.
import type { Template } from './common.js';
import { adult, worker, insurerHeader, privateSender, insurerAddress } from './common.js';

import * as I from '../issuers.js';
import { infoBlock, signLine } from '../widgets.js';
import { dmy, addDays, rvnr, euro } from '../fmt.js';
import type { Member } from '../members.js';
import { ageAt } from '../members.js';
import { OTHER_INSURERS } from '../data.js';

const hasFamily = (m: Member, all: Member[]) => m.role === 'main' && all.some((x) => x.familyOf === m.kvnr);

/** Fragebogen zur Familienversicherung. Family mode prints each relative's KVNR; "unclear":
 *  signed/filled by the spouse, member section partly empty. Owner = main member. */
const familyQ: Template = {
  id: 'mem_family_questionnaire',
  type: 'membership',
  desc: 'Fragebogen zur Familienversicherung (member + relatives table)',
  eligible: hasFamily,
  family: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y =
      insurerHeader(c, pg, 'Fragebogen zur Familienversicherung', 'nach § 10 SGB V – bitte vollständig ausfüllen und unterschreiben', {
        barcode: r.chance(0.4),
      }) + 3;
    const sec = (t: string) => {
      pg.rect(20, y - 4.5, 170, 6, { fill: '#e4ecf2' });
      pg.t(22, y, t, { size: 9.5, f: 'sansB' });
      y += 8;
    };
    const line = (label: string, val: string, x = 20, w = 170) => {
      pg.t(x, y, label, { size: 6.8, color: '#444' });
      pg.hl(y + 6, x, x + w, { sw: 0.2 });
      if (val) pg.hand(x + 2, y + 5, val, { size: 11.5 });
    };
    sec('1. Angaben zum Mitglied');
    line('Name, Vorname', c.rev(), 20, 110);
    line('Geburtsdatum', c.unclear && c.family ? '' : c.birth(c.owner, 0), 135, 55);
    y += 11;
    line('Versichertennummer des Mitglieds', c.unclear && c.family ? '' : c.family ? c.kvOf(c.owner) : c.okv(), 20, 80);
    line('Telefon', `0${r.int(150, 179)} ${r.digits(7)}`, 105, 85);
    y += 11;
    line('Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`);
    y += 12;
    pg.t(20, y, 'Familienstand:', { size: 9 });
    pg.check(45, y, !!c.spouse(), 'verheiratet', { hand: true, size: 9 });
    pg.check(75, y, !c.spouse(), 'ledig', { hand: true, size: 9 });
    pg.check(95, y, false, 'geschieden', { size: 9 });
    pg.check(122, y, false, 'eingetr. Lebenspartnerschaft', { size: 9 });
    y += 10;
    sec('2. Angaben zu den Familienangehörigen');
    const rel = c.all.filter((m) => m.familyOf === c.owner.kvnr);
    const rows = rel.map((m) => [
      m.role === 'spouse' ? 'Ehegatte' : 'Kind',
      c.last(m),
      m.firstName,
      dmy(m.birthDate),
      m.sex === 'f' ? 'w' : 'm',
      c.family ? c.kvOf(m, 'plain') : '',
      r.pick(['ja', 'ja', 'nein']),
    ]);
    const cols = [
      { w: 20, h: 'Verhältnis' },
      { w: 30, h: 'Name' },
      { w: 25, h: 'Vorname' },
      { w: 22, h: 'geb. am' },
      { w: 10, h: 'Geschl.' },
      { w: 36, h: 'Vers.-Nr. (falls vorh.)' },
      { w: 27, h: 'bisher bei uns' },
    ];
    const ty = y;
    pg.table(
      20,
      y,
      cols,
      rows.map((row) => row.map(() => '')),
      { size: 7.5, grid: true, rowH: 8 },
    );
    // fill the table by hand
    rows.forEach((row, i) => {
      let x = 20;
      row.forEach((v, j) => {
        if (v) pg.hand(x + 1, ty + 8 * (i + 2) - 2, v, { size: j === 5 ? 9.5 : 10 });
        x += cols[j].w;
      });
    });
    y = ty + 8 * (rows.length + 1) + 8;
    sec('3. Einkommen und Versicherungsverhältnisse der Angehörigen');
    pg.t(20, y, 'Haben Angehörige ein eigenes Gesamteinkommen über der Grenze (2024: 505 €/Monat)?', { size: 8.5 });
    pg.check(150, y, false, 'ja', { size: 9 });
    pg.check(165, y, true, 'nein', { hand: true, size: 9 });
    y += 7;
    pg.t(20, y, 'Bestand bisher eine eigene Versicherung?', { size: 8.5 });
    pg.check(150, y, r.chance(0.3), 'ja, bei:', { hand: true, size: 9 });
    y += 6;
    pg.t(20, y, `Vorversicherung (falls ja): ${r.pick(OTHER_INSURERS)}`, { size: 8, color: '#555' });
    y += 12;
    if (c.unclear && c.family) {
      const sp = c.spouse();
      if (sp) {
        signLine(pg, 20, y, `Datum, Unterschrift (${sp.firstName} ${c.last(sp)}, Ehegatte)`, { datePlace: c.today(), w: 110 });
        c.notes.push('filled and signed by the spouse; member birth date and KVNR left blank');
      } else {
        signLine(pg, 20, y, 'Datum, Unterschrift', { datePlace: c.today(), w: 110 });
        c.notes.push('member birth date and KVNR left blank');
      }
    } else signLine(pg, 20, y, 'Datum, Unterschrift des Mitglieds', { datePlace: c.today(), w: 110 });
    return [pg.page()];
  },
};

/** Member's letter asking for a membership certificate. */
const certRequest: Template = {
  id: 'mem_certificate_request',
  type: 'membership',
  desc: 'member letter requesting a Mitgliedsbescheinigung (new employer / university)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const f = r.pick(['sans', 'serif', 'mono'] as const);
    privateSender(c, pg, c.owner, { f });
    insurerAddress(c, pg, { f });
    pg.t(190, 82, `${c.owner.city.split(' ')[0]}, ${c.today()}`, { size: 10, f, a: 'end' });
    let y = 96;
    const kv = c.okv();
    pg.t(
      20,
      y,
      r.pick([
        'Bitte um Mitgliedsbescheinigung',
        'Anforderung Versicherungsbescheinigung',
        'Mitgliedsbescheinigung für meinen Arbeitgeber',
      ]),
      { size: 11, f: f === 'mono' ? 'monoB' : f === 'serif' ? 'serifB' : 'sansB' },
    );
    y += 5;
    if (kv) {
      pg.t(20, y, `Versichertennummer: ${kv}`, { size: 10, f });
      y += 5;
    }
    pg.t(20, y, `Geburtsdatum: ${c.birth(c.owner, 0)}`, { size: 10, f });
    y += 10;
    y = pg.para(
      20,
      y,
      170,
      r.pick([
        `Sehr geehrte Damen und Herren,\n\nzum ${dmy(addDays(c.date, r.int(10, 40)))} beginne ich eine neue Beschäftigung bei der ${r.pick(['Weser Logistik GmbH', 'Stadtverwaltung', 'Kranich Elektrotechnik GmbH', 'Kita-Verbund e.V.'])}. Mein neuer Arbeitgeber benötigt eine Mitgliedsbescheinigung Ihrer Krankenkasse. Bitte senden Sie mir diese zu oder übermitteln Sie sie direkt elektronisch.`,
        `Sehr geehrte Damen und Herren,\n\nfür die Einschreibung an der Hochschule benötige ich einen Versicherungsnachweis (elektronische Meldung an die Hochschule, Absendernummer ${r.pick(['H', 'U'])}${r.digits(7)}). Bitte veranlassen Sie die Meldung und schicken Sie mir eine Bestätigung.`,
        `Sehr geehrte Damen und Herren,\n\nich bitte um Zusendung einer aktuellen Mitgliedsbescheinigung für die Vorlage bei der Familienkasse. Außerdem bitte ich um Bestätigung, seit wann ich bei Ihnen versichert bin.`,
      ]) + '\n\nVielen Dank im Voraus.\n\nMit freundlichen Grüßen',
      { size: 10.5, f, lh: 5.4 },
    );
    pg.sig(22, y + 8, 40);
    pg.t(20, y + 14, c.full(), { size: 10, f });
    return [pg.page()];
  },
};

/** Employer registration (DEÜV Anmeldung) print-out. */
const registration: Template = {
  id: 'mem_employer_registration',
  type: 'membership',
  desc: 'employer DEÜV Anmeldung printout (RV-Nr, Betriebsnummer, Tätigkeitsschlüssel 9 digits)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer);
    pg.t(20, 16, 'Meldung zur Sozialversicherung', { size: 14, f: 'sansB' });
    pg.t(20, 22, 'Ausdruck der übermittelten Meldung (DEÜV) – Kopie für die Krankenkasse', { size: 8.5 });
    pg.t(190, 16, `Erstellt: ${c.today()}`, { size: 8, a: 'end' });
    let y = 32;
    const box = (label: string, val: string, x: number, w: number) => {
      pg.field(x, y, w, 10, label, val, { f: 'mono', size: 9.5 });
    };
    box('Versicherungsnummer (RV)', rvnr(r, c.owner.birthDate, c.owner.asciiLast), 20, 60);
    box('Betriebsnummer des Arbeitgebers', emp.betriebsnr, 82, 50);
    box('Abgabegrund', '10 (Anmeldung)', 134, 56);
    y += 12;
    box('Familienname', c.last(), 20, 80);
    box('Vorname', c.first(), 102, 50);
    box('Geburtsdatum', c.birth(c.owner, 0), 154, 36);
    y += 12;
    box('Straße, Hausnummer', c.owner.street, 20, 80);
    box('PLZ', c.owner.postalCode, 102, 20);
    box('Ort', c.owner.city, 124, 66);
    y += 12;
    const kv = c.okv('plain');
    box('Krankenkasse', c.insurer.name, 20, 80);
    box('Krankenversichertennummer', kv, 102, 50);
    box('Staatsangehörigkeit', '000', 154, 36);
    y += 12;
    box('Beschäftigungsbeginn', dmy(addDays(c.date, -r.int(1, 20))), 20, 40);
    box('Personengruppe', '101', 62, 25);
    box('Beitragsgruppe', '1111', 89, 25);
    box(
      'Tätigkeitsschlüssel',
      `${r.digits(5)}${r.pick(['1', '2'])}${r.pick(['1', '2'])}${r.pick(['1', '3'])}${r.pick(['1', '2'])}`,
      116,
      40,
    );
    box('Mehrfachbesch.', 'N', 158, 32);
    y += 16;
    pg.t(20, y, 'Arbeitgeber', { size: 9, f: 'sansB' });
    y += 5;
    [emp.name, emp.street, `${emp.plz} ${emp.city}`, `Ansprechpartner: ${emp.person}, Tel. ${emp.phone}`].forEach((l, i) =>
      pg.t(20, y + i * 4.5, l, { size: 9 }),
    );
    y += 24;
    pg.para(
      20,
      y,
      170,
      `Die Meldung wurde am ${c.today()} über das zertifizierte Entgeltabrechnungsprogramm übermittelt. Datensatz-ID ${r.digits(12)}. Bitte prüfen Sie die Mitgliedschaft und senden Sie dem Arbeitgeber ggf. eine Mitgliedsbescheinigung.`,
      { size: 8.5, color: '#333' },
    );
    return [pg.page()];
  },
};

/** University enrolment certificate for the health insurer. */
const enrolment: Template = {
  id: 'mem_enrolment_certificate',
  type: 'membership',
  desc: 'university Immatrikulationsbescheinigung (Matrikelnr., semester) for insurance',
  eligible: (m, a, d) => ageAt(m, d) >= 18 && ageAt(m, d) <= 32,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const city = r.pick(['Münster', 'Göttingen', 'Leipzig', 'Tübingen', 'Kiel', 'Bochum', 'Regensburg', 'Jena']);
    const uni = I.shop(r, r.pick([`Universität ${city}`, `Hochschule ${city}`, `Technische Hochschule ${city}`]), [
      'Studierendensekretariat',
    ]);
    pg.t(20, 20, uni.name, { size: 16, f: 'serifB', color: '#1f3a63' });
    pg.t(20, 26, uni.sub[0], { size: 9, f: 'serif' });
    pg.rect(170, 10, 22, 22, { stroke: '#1f3a63', sw: 0.8 });
    pg.t(181, 24, city[0], { size: 18, f: 'serifB', a: 'middle', color: '#1f3a63' });
    let y = 48;
    pg.t(20, y, 'Immatrikulationsbescheinigung', { size: 15, f: 'serifB' });
    y += 6;
    pg.t(20, y, 'Studienbescheinigung zur Vorlage bei der Krankenkasse (§ 5 Abs. 1 Nr. 9 SGB V)', { size: 9, f: 'serif' });
    y += 12;
    const sem =
      c.date.getUTCMonth() >= 3 && c.date.getUTCMonth() <= 8
        ? `Sommersemester ${c.date.getUTCFullYear()}`
        : `Wintersemester ${c.date.getUTCFullYear()}/${String(c.date.getUTCFullYear() + 1).slice(2)}`;
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Name, Vorname', c.rev()],
      ['geboren am', c.birth(c.owner, 0)],
      ['Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
      ['Matrikelnummer', r.digits(r.pick([6, 7, 8]))],
      ['Semester', sem],
      ['Fachsemester', String(r.int(1, 9))],
      [
        'Studiengang',
        r.pick([
          'Rechtswissenschaft (Staatsexamen)',
          'Informatik (B.Sc.)',
          'Soziale Arbeit (B.A.)',
          'Maschinenbau (M.Sc.)',
          'Lehramt Gymnasium (M.Ed.)',
        ]),
      ],
      ['Status', 'immatrikuliert, Vollzeitstudium'],
    ];
    if (kv) rows.push(['Krankenversicherung', `${c.insurer.short}, Vers.-Nr. ${kv}`]);
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 7, l, { size: 10, f: 'serif', color: '#444' });
      pg.t(70, y + i * 7, v, { size: 10.5, f: 'serif' });
    });
    y += rows.length * 7 + 10;
    pg.para(
      20,
      y,
      170,
      `Diese Bescheinigung wurde maschinell erstellt und ist ohne Unterschrift gültig. Prüfcode: ${r.digits(4)}-${r.digits(4)}-${r.digits(4)}`,
      { size: 8.5, f: 'serif', color: '#444' },
    );
    pg.t(20, 285, `${uni.name} · ${uni.street} · ${uni.plz} ${city} · ${uni.web}`, { size: 7, color: '#666' });
    return [pg.page()];
  },
};

/** Termination / switch letter. */
const termination: Template = {
  id: 'mem_termination_letter',
  type: 'membership',
  desc: 'member letter terminating membership (switch to another insurer)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const f = r.pick(['sans', 'serif'] as const);
    privateSender(c, pg, c.owner, { f });
    insurerAddress(c, pg, { f });
    pg.t(190, 82, c.today(), { size: 10, f, a: 'end' });
    let y = 96;
    const kv = c.okv();
    pg.t(20, y, 'Kündigung meiner Mitgliedschaft', { size: 12, f: f === 'sans' ? 'sansB' : 'serifB' });
    y += 6;
    pg.t(20, y, `${c.full()}, geb. ${c.birth(c.owner, 0)}${kv ? `, Versichertennummer ${kv}` : ''}`, { size: 10, f });
    y += 10;
    const to = r.pick(OTHER_INSURERS);
    y = pg.para(
      20,
      y,
      170,
      `Sehr geehrte Damen und Herren,\n\nhiermit kündige ich meine Mitgliedschaft bei der ${c.insurer.name} fristgerecht zum nächstmöglichen Zeitpunkt. Ich werde Mitglied der ${to}; die neue Krankenkasse wird Sie elektronisch über den Wechsel informieren.\n\n${r.pick(['Meine familienversicherten Angehörigen wechseln mit.', 'Bitte bestätigen Sie mir den Beendigungszeitpunkt schriftlich.', 'Bitte senden Sie mir eine Kündigungsbestätigung und teilen Sie mir mit, ob mein Bonusguthaben noch ausgezahlt wird.'])}\n\nMit freundlichen Grüßen`,
      { size: 10.5, f, lh: 5.4 },
    );
    pg.sig(22, y + 8, 40);
    pg.t(20, y + 14, c.full(), { size: 10, f });
    return [pg.page()];
  },
};

/** Change notification form (address / name after marriage) — shows an old name too. */
const change: Template = {
  id: 'mem_change_notice',
  type: 'membership',
  desc: 'Änderungsmitteilung form: new address or new surname (old name also shown)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y = insurerHeader(c, pg, 'Änderungsmitteilung', 'Persönliche Daten – bitte nur geänderte Angaben eintragen') + 4;
    const line = (label: string, val: string, x = 20, w = 170) => {
      pg.t(x, y, label, { size: 6.8, color: '#444' });
      pg.rect(x, y + 1, w, 7, { stroke: '#999', sw: 0.15 });
      if (val) pg.hand(x + 2, y + 6.3, val, { size: 12 });
    };
    line('Name, Vorname (aktuell)', c.rev(), 20, 110);
    line('Geburtsdatum', c.birth(c.owner, 0), 135, 55);
    y += 12;
    line('Versichertennummer', c.okv(), 20, 80);
    y += 14;
    const nameChange = r.chance(0.45);
    pg.check(20, y, nameChange, 'Namensänderung', { hand: true, size: 10 });
    pg.check(70, y, !nameChange, 'Anschriftenänderung', { hand: true, size: 10 });
    pg.check(130, y, false, 'Bankverbindung', { size: 10 });
    y += 10;
    if (nameChange) {
      const old = r.pick(['Becker', 'Schulte', 'Lindemann', 'Krause', 'Hartmann', 'Polat', 'Nowak']);
      line('bisheriger Familienname', old, 20, 80);
      line('neuer Familienname', c.last(), 105, 85);
      y += 12;
      line('Grund', `Eheschließung am ${dmy(addDays(c.date, -r.int(10, 60)))}`, 20, 170);
      y += 12;
      c.notes.push(`form also shows previous surname ${old}`);
    } else {
      line(
        'bisherige Anschrift',
        `${r.pick(['Am Bach', 'Feldweg', 'Neue Straße', 'Lange Reihe'])} ${r.int(1, 60)}, ${r.pick(['34117 Kassel', '58095 Hagen', '49074 Osnabrück', '72070 Tübingen'])}`,
        20,
        170,
      );
      y += 12;
      line('neue Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, 20, 170);
      y += 12;
      line('gültig ab', dmy(addDays(c.date, -r.int(1, 30))), 20, 60);
      y += 12;
    }
    pg.check(20, y + 4, r.chance(0.5), 'Die Änderung gilt auch für meine familienversicherten Angehörigen.', { hand: true, size: 9 });
    y += 16;
    signLine(pg, 20, y, 'Datum, Unterschrift', { datePlace: c.today(), w: 100 });
    return [pg.page()];
  },
};

/** Income questionnaire for voluntary members (table of income kinds). */
const income: Template = {
  id: 'mem_voluntary_income',
  type: 'membership',
  desc: 'Einkommensfragebogen for voluntary members (income table, Steuer-ID)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y = insurerHeader(c, pg, 'Einkommensfragebogen', 'zur Beitragseinstufung freiwillig Versicherter (§ 240 SGB V)') + 4;
    const kv = c.okv();
    y =
      infoBlock(
        pg,
        20,
        y,
        [
          ['Name, Vorname', c.rev()],
          ['Geburtsdatum', c.birth(c.owner, 0)],
          ['Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
          ['Versichertennummer', kv || '—'],
          ['Steuer-ID', `${r.digits(2)} ${r.digits(3)} ${r.digits(3)} ${r.digits(3)}`],
        ],
        { size: 9.5, lw: 40 },
      ) + 6;
    const kinds = [
      'Arbeitsentgelt',
      'Einkünfte aus selbstständiger Tätigkeit',
      'Renten / Versorgungsbezüge',
      'Einkünfte aus Vermietung und Verpachtung',
      'Kapitalerträge',
      'sonstige Einnahmen',
    ];
    pg.table(
      20,
      y,
      [
        { w: 95, h: 'Art der Einnahme' },
        { w: 40, h: 'monatlich brutto', a: 'end' },
        { w: 35, h: 'Nachweis beigefügt', a: 'middle' },
      ],
      kinds.map(() => ['', '', '']),
      { size: 8.5, grid: true, rowH: 8 },
    );
    kinds.forEach((k, i) => {
      const yy = y + 8 * (i + 2) - 2.3;
      pg.t(21, yy, k, { size: 8.5 });
      if (i === 1 || r.chance(0.25)) {
        pg.hand(140, yy, euro(r.int(300, 4200), ''), { size: 11 });
        pg.hand(168, yy, 'x', { size: 11 });
      } else pg.hand(150, yy, '—', { size: 11 });
    });
    y += 8 * 7 + 10;
    pg.para(20, y, 170, 'Bitte fügen Sie den letzten Einkommensteuerbescheid bei. Ohne Nachweis wird der Höchstbeitrag festgesetzt.', {
      size: 8.5,
    });
    y += 14;
    signLine(pg, 20, y, 'Datum, Unterschrift', { datePlace: c.today(), w: 100 });
    return [pg.page()];
  },
};

export const MEMBERSHIP: Template[] = [familyQ, certRequest, registration, enrolment, termination, change, income];
