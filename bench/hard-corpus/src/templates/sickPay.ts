// sick_pay: Krankengeld for the member himself.
import type { Template } from './common.js';
import type { Ctx } from '../ctx.js';
import type { Pg } from '../page.js';
import { worker, insurerHeader, privateSender, insurerAddress } from './common.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, practiceStamp, signLine } from '../widgets.js';
import { dmy, addDays, euro, iban, rvnr } from '../fmt.js';
import { ICD_ADULT } from '../data.js';

/** Insurer's pre-printed "Auszahlschein", lower part filled in by the doctor. */
const auszahlschein: Template = {
  id: 'kg_auszahlschein',
  type: 'sick_pay',
  desc: 'insurer Auszahlschein für Krankengeld with barcode, doctor part handwritten',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      doc = I.practice(r);
    let y = insurerHeader(
      c,
      pg,
      'Auszahlschein für Krankengeld',
      'Bitte vom Arzt ausfüllen lassen und umgehend an die Krankenkasse senden',
      { barcode: true },
    );
    const kv = c.okv();
    if (kv) pg.t(165, 43, kv, { size: 8, f: 'mono', a: 'middle' });
    y += 4;
    pg.rect(20, y, 170, 30, { stroke: '#0b5e8a' });
    pg.t(22, y + 4, 'Mitglied', { size: 7, color: '#0b5e8a' });
    pg.t(22, y + 10, c.rev(), { size: 11, f: 'sansB' });
    pg.t(22, y + 15.5, `geb. ${c.birth(c.owner, 0)}`, { size: 9.5 });
    pg.t(22, y + 21, `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 9.5 });
    if (kv) pg.t(120, y + 10, `Versichertennummer: ${kv}`, { size: 9.5 });
    pg.t(120, y + 15.5, `Krankengeld seit: ${dmy(addDays(c.date, -r.int(30, 120)))}`, { size: 9.5 });
    pg.t(120, y + 21, `Az.: KG-${r.digits(7)}`, { size: 9.5 });
    y += 38;
    pg.t(20, y, 'Ärztliche Bescheinigung für die Krankengeldzahlung', { size: 11, f: 'sansB' });
    y += 8;
    const last = addDays(c.date, -r.int(0, 3));
    const cont = r.chance(0.7);
    pg.check(20, y, cont, 'Der/Die Versicherte ist weiterhin arbeitsunfähig', { hand: true, size: 9.5 });
    y += 7;
    pg.check(20, y, !cont, 'Die Arbeitsunfähigkeit endet am', { hand: true, size: 9.5 });
    if (!cont) pg.hand(90, y, dmy(addDays(c.date, r.int(1, 7))), { size: 12 });
    y += 9;
    pg.t(20, y, 'voraussichtlich bis', { size: 9.5 });
    pg.hl(y + 1, 60, 110);
    if (cont) pg.hand(63, y - 0.5, dmy(addDays(c.date, r.int(7, 28))), { size: 12 });
    pg.t(115, y, 'letzte Vorstellung am', { size: 9.5 });
    pg.hl(y + 1, 152, 190);
    pg.hand(154, y - 0.5, dmy(last), { size: 12 });
    y += 10;
    pg.t(20, y, 'Diagnose (ICD-10)', { size: 9.5 });
    pg.hl(y + 1, 60, 190);
    pg.hand(63, y - 0.5, r.pick(ICD_ADULT)[0] + ' G', { size: 12 });
    y += 14;
    practiceStamp(pg, r, 110, y, doc, { withNumbers: true });
    pg.sig(30, y + 15, 40);
    pg.hl(y + 18, 20, 90);
    pg.t(20, y + 21, 'Datum, Unterschrift des Arztes', { size: 7 });
    y += 40;
    pg.t(20, y, 'Angaben des Mitglieds', { size: 11, f: 'sansB' });
    y += 7;
    pg.check(20, y, false, 'Ich habe in der Zeit der Arbeitsunfähigkeit gearbeitet.', { size: 9 });
    y += 6;
    pg.check(20, y, false, 'Ich habe Arbeitsentgelt / Einmalzahlungen erhalten.', { size: 9 });
    y += 6;
    pg.check(20, y, r.chance(0.3), 'Meine Bankverbindung hat sich geändert (neue IBAN bitte angeben).', { size: 9, hand: true });
    y += 12;
    signLine(pg, 20, y, 'Datum, Unterschrift des Mitglieds', { datePlace: dmy(last) });
    pg.t(20, 287, `Vordruck KG 17 · ${c.insurer.name} · Fax ${c.insurer.fax}`, { size: 6.5, color: '#666' });
    return [pg.page()];
  },
};

/** Employer's Entgeltbescheinigung, dense table of pay data. */
const entgelt: Template = {
  id: 'kg_entgeltbescheinigung',
  type: 'sick_pay',
  desc: 'employer Entgeltbescheinigung for Krankengeld (pay table, Betriebsnummer, RV-Nr)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer);
    let y = letterhead(pg, emp, r.int(0, 5));
    addressWindow(pg, `${emp.name} · ${emp.street} · ${emp.plz} ${emp.city}`, [
      c.insurer.name,
      'Krankengeld',
      c.insurer.street,
      `${c.insurer.plz} ${c.insurer.city}`,
    ]);
    infoBlock(
      pg,
      125,
      50,
      [
        ['Betriebsnummer', emp.betriebsnr],
        ['Personal-Nr.', r.digits(5)],
        ['Ansprechpartner', emp.person],
        ['Telefon', emp.phone],
        ['Datum', c.today()],
      ],
      { lw: 28 },
    );
    y = 92;
    pg.t(20, y, 'Entgeltbescheinigung zur Berechnung des Krankengeldes', { size: 12, f: 'sansB' });
    y += 5;
    pg.t(20, y, '(Datenübermittlung nach § 107 SGB IV – Papierausfertigung / Korrektur)', { size: 8, color: '#555' });
    y += 7;
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Name, Vorname', c.rev()],
      ['Geburtsdatum', c.birth(c.owner, 0)],
      ['Versicherungsnummer (RV)', rvnr(r, c.owner.birthDate, c.owner.asciiLast)],
    ];
    if (kv) rows.push(['Krankenversichertennummer', kv]);
    rows.push(
      ['Beschäftigt als', c.owner.job],
      ['Beschäftigt seit', dmy(addDays(c.date, -r.int(400, 4000)))],
      ['Letzter Arbeitstag', dmy(addDays(c.date, -r.int(43, 60)))],
      ['Entgeltfortzahlung bis', dmy(addDays(c.date, -r.int(1, 10)))],
    );
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 5.2, l, { size: 9, color: '#444' });
      pg.t(75, y + i * 5.2, v, { size: 9.5 });
    });
    y += rows.length * 5.2 + 5;
    const gross = r.int(2200, 5200);
    const months = [3, 2, 1].map((k) => addDays(c.date, -30 * (k + 1)));
    const tab = months.map((m) => [
      `${String(m.getUTCMonth() + 1).padStart(2, '0')}/${m.getUTCFullYear()}`,
      euro(gross + r.int(-80, 80), ''),
      euro(gross * 0.64 + r.int(-40, 40), ''),
      String(r.pick([38.5, 39, 40, 30])).replace('.', ','),
      '0,00',
    ]);
    y = pg.table(
      20,
      y,
      [
        { w: 28, h: 'Monat' },
        { w: 36, h: 'Brutto (€)', a: 'end' },
        { w: 36, h: 'Netto (€)', a: 'end' },
        { w: 36, h: 'Std./Woche', a: 'end' },
        { w: 34, h: 'Einmalzahlung', a: 'end' },
      ],
      tab,
      { size: 9, grid: true, rowH: 6 },
    );
    y += 6;
    pg.check(20, y, true, 'monatliches Arbeitsentgelt', { size: 9 });
    pg.check(80, y, false, 'Stundenlohn', { size: 9 });
    pg.check(125, y, false, 'Gleitzone / Übergangsbereich', { size: 9 });
    y += 7;
    pg.t(20, y, `Vermögenswirksame Leistungen: ${euro(r.pick([0, 26.59, 40]))}    Beitragsgruppe: 1111    Personengruppe: 101`, {
      size: 9,
    });
    y += 12;
    pg.para(
      20,
      y,
      170,
      'Wir versichern die Richtigkeit der Angaben. Die Entgeltfortzahlung endet mit Ablauf der sechsten Woche der Arbeitsunfähigkeit.',
      { size: 8.5 },
    );
    pg.stamp(25, y + 10, [emp.name, emp.street, `${emp.plz} ${emp.city}`], { size: 7 });
    pg.sig(130, y + 18, 40);
    pg.hl(y + 20, 125, 185);
    pg.t(125, y + 23, 'Unterschrift Arbeitgeber', { size: 7 });
    footer(pg, emp, 0);
    return [pg.page()];
  },
};

/** Member questionnaire, boxes ticked and filled by hand. */
const fragebogen: Template = {
  id: 'kg_fragebogen',
  type: 'sick_pay',
  desc: 'Krankengeld questionnaire filled in by hand (ticks, IBAN in boxes)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y = insurerHeader(c, pg, 'Fragebogen zum Krankengeld', 'Angaben zur Arbeitsunfähigkeit und zum Beschäftigungsverhältnis');
    y += 4;
    pg.t(20, y, '1. Persönliche Angaben', { size: 10, f: 'sansB' });
    y += 6;
    const line = (label: string, val: string, x = 20, w = 170) => {
      pg.t(x, y, label, { size: 7, color: '#444' });
      pg.hl(y + 6, x, x + w, { sw: 0.2 });
      if (val) pg.hand(x + 2, y + 5, val, { size: 12 });
    };
    line('Name, Vorname', c.rev(), 20, 110);
    line('Geburtsdatum', c.birth(c.owner, 0), 135, 55);
    y += 11;
    line('Straße, Hausnummer, PLZ, Ort', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`);
    y += 11;
    const raw = c.okvRaw();
    pg.cells(20, y + 1, r.chance(0.8) ? raw : raw.toLowerCase(), 10, {
      label: 'Versichertennummer (siehe Gesundheitskarte)',
      cw: 6,
      h: 7,
      f: 'hand',
      size: 13,
      color: '#1b2f8f',
      jitter: 0.4,
    });
    line('Telefon (tagsüber)', `0${r.int(150, 179)} ${r.digits(7)}`, 100, 90);
    y += 14;
    pg.t(20, y, '2. Beschäftigung', { size: 10, f: 'sansB' });
    y += 6;
    line('Arbeitgeber (Name, Anschrift)', c.owner.employer);
    y += 11;
    pg.t(20, y + 3, 'Wie viele Stunden arbeiten Sie wöchentlich?', { size: 9 });
    pg.hand(110, y + 3, String(r.pick([20, 25, 30, 38.5, 40])), { size: 12 });
    y += 8;
    pg.check(20, y, true, 'unbefristet beschäftigt', { hand: true, size: 9 });
    pg.check(80, y, false, 'befristet bis', { size: 9 });
    pg.check(130, y, false, 'gekündigt zum', { size: 9 });
    y += 10;
    pg.t(20, y, '3. Arbeitsunfähigkeit', { size: 10, f: 'sansB' });
    y += 6;
    pg.t(20, y, 'Beruht die Arbeitsunfähigkeit auf einem Unfall?', { size: 9 });
    pg.check(120, y, false, 'ja', { size: 9 });
    pg.check(140, y, true, 'nein', { hand: true, size: 9 });
    y += 7;
    pg.t(20, y, 'Beziehen Sie eine Rente oder haben Sie eine beantragt?', { size: 9 });
    pg.check(120, y, false, 'ja', { size: 9 });
    pg.check(140, y, true, 'nein', { hand: true, size: 9 });
    y += 7;
    pg.t(20, y, 'Üben Sie eine weitere Beschäftigung aus (Minijob)?', { size: 9 });
    pg.check(120, y, false, 'ja', { size: 9 });
    pg.check(140, y, true, 'nein', { hand: true, size: 9 });
    y += 11;
    pg.t(20, y, '4. Bankverbindung für die Zahlung des Krankengeldes', { size: 10, f: 'sansB' });
    y += 6;
    pg.cells(20, y + 1, iban(r, false), 22, { label: 'IBAN', cw: 6.2, h: 7, f: 'hand', size: 12, color: '#1b2f8f', jitter: 0.3 });
    y += 14;
    line('Kontoinhaber/in', c.full(), 20, 120);
    y += 16;
    pg.para(
      20,
      y,
      170,
      'Ich versichere, dass die Angaben richtig und vollständig sind. Änderungen teile ich der Krankenkasse unverzüglich mit. Hinweise zum Datenschutz habe ich erhalten.',
      { size: 8 },
    );
    y += 18;
    signQuestionnaire(pg, c, y);
    return [pg.page()];
  },
};
function signQuestionnaire(pg: Pg, c: Ctx, y: number) {
  signLine(pg, 20, y, 'Ort, Datum, Unterschrift', { datePlace: `${c.owner.city.split(' ')[0]}, ${c.today()}`, w: 110 });
}

/** Typed letter from the member asking about his Krankengeld. */
const memberLetter: Template = {
  id: 'kg_member_letter',
  type: 'sick_pay',
  desc: 'typed member letter about his own Krankengeld (payment missing / amount)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const f = r.pick(['sans', 'serif'] as const);
    privateSender(c, pg, c.owner, { f });
    insurerAddress(c, pg, { f });
    pg.t(190, 80, `${c.owner.city.split(' ')[0]}, ${c.today()}`, { size: 10, f, a: 'end' });
    let y = 95;
    const kv = c.okv();
    pg.t(20, y, `Krankengeld${kv ? ` – Versichertennummer ${kv}` : ''}`, { size: 11, f: f === 'sans' ? 'sansB' : 'serifB' });
    y += 5;
    pg.t(20, y, `Geburtsdatum: ${c.birth(c.owner, 0)}`, { size: 10, f });
    y += 10;
    const since = addDays(c.date, -r.int(50, 90));
    const text = r.pick([
      `Sehr geehrte Damen und Herren,\n\nich bin seit dem ${dmy(since)} arbeitsunfähig erkrankt und beziehe seit Ende der Entgeltfortzahlung Krankengeld. Für den Zeitraum vom ${dmy(addDays(c.date, -30))} bis ${dmy(addDays(c.date, -3))} ist bisher keine Zahlung auf meinem Konto eingegangen, obwohl mein Arzt den Auszahlschein rechtzeitig ausgefüllt hat.\n\nBitte prüfen Sie den Vorgang und überweisen Sie das Krankengeld auf mein bekanntes Konto. Eine Kopie der letzten Arbeitsunfähigkeitsbescheinigung lege ich bei.`,
      `Sehr geehrte Damen und Herren,\n\nmit Ihrem Schreiben vom ${dmy(addDays(c.date, -r.int(5, 20)))} haben Sie mir die Höhe meines Krankengeldes mitgeteilt (${euro(r.int(45, 110) + r.int(0, 99) / 100)} kalendertäglich). Bei der Berechnung wurde meines Erachtens die Weihnachtsgeldzahlung nicht berücksichtigt.\n\nIch bitte um Überprüfung der Berechnung und um einen rechtsmittelfähigen Bescheid. Vorsorglich lege ich hiermit Widerspruch ein.`,
      `Sehr geehrte Damen und Herren,\n\nmein Arbeitgeber hat mir mitgeteilt, dass die Lohnfortzahlung am ${dmy(addDays(c.date, -r.int(1, 8)))} endet. Ich bin weiterhin krankgeschrieben (Folgebescheinigung liegt Ihnen vor). Bitte teilen Sie mir mit, welche Unterlagen Sie für die Zahlung des Krankengeldes noch benötigen.\n\nMeine Bankverbindung: IBAN ${iban(r)}.`,
    ]);
    y = pg.para(20, y, 170, text, { size: 10.5, f, lh: 5.2 });
    y += 8;
    pg.t(20, y, 'Mit freundlichen Grüßen', { size: 10.5, f });
    pg.sig(22, y + 12, 40);
    pg.t(20, y + 18, c.full(), { size: 10, f });
    return [pg.page()];
  },
};

/** Employer notice of end of continued pay, short form. */
const employerNotice: Template = {
  id: 'kg_employer_notice',
  type: 'sick_pay',
  desc: 'employer notice: end of Entgeltfortzahlung, request Krankengeld (short letter)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer);
    letterhead(pg, emp, r.int(0, 5));
    addressWindow(pg, `${emp.name} · ${emp.plz} ${emp.city}`, [
      c.insurer.name,
      'Leistungsabteilung Krankengeld',
      c.insurer.street,
      `${c.insurer.plz} ${c.insurer.city}`,
    ]);
    infoBlock(pg, 125, 52, [
      ['Unser Zeichen', `${r.pick(['PA', 'HR', 'LB'])}/${r.digits(3)}`],
      ['Betriebs-Nr.', emp.betriebsnr],
      ['Datum', c.today()],
    ]);
    let y = 92;
    const kv = c.okv();
    pg.t(20, y, `Ende der Entgeltfortzahlung – ${c.salutation()} ${c.full()}, geb. ${c.birth(c.owner, 1)}`, { size: 10.5, f: 'sansB' });
    y += 5;
    if (kv) {
      pg.t(20, y, `KV-Nr. ${kv}`, { size: 10, f: 'sansB' });
      y += 5;
    }
    y += 5;
    const au = addDays(c.date, -r.int(42, 50));
    y = pg.para(
      20,
      y,
      170,
      `Sehr geehrte Damen und Herren,\n\nunser/e Mitarbeiter/in ${c.full()} (Personal-Nr. ${r.digits(5)}) ist seit dem ${dmy(au)} arbeitsunfähig erkrankt. Der Anspruch auf Entgeltfortzahlung nach § 3 EFZG endet am ${dmy(addDays(au, 41))}. Ab dem ${dmy(addDays(au, 42))} besteht daher Anspruch auf Krankengeld.\n\nDie Entgeltbescheinigung haben wir Ihnen am ${dmy(addDays(c.date, -1))} elektronisch übermittelt (Datensatz EEL). Für Rückfragen steht Ihnen ${emp.person} unter ${emp.phone} zur Verfügung.\n\nMit freundlichen Grüßen`,
      { size: 10 },
    );
    pg.sig(22, y + 10, 40);
    pg.t(20, y + 16, `${emp.person}, ${emp.sub[0]}`, { size: 9 });
    footer(pg, emp, 1);
    return [pg.page()];
  },
};

/** Whole page handwritten by the member on lined paper. */
const handLetter: Template = {
  id: 'kg_handwritten_letter',
  type: 'sick_pay',
  desc: 'fully handwritten member letter on lined paper about sick pay',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    for (let yy = 30; yy < 280; yy += 9) pg.hl(yy, 12, 198, { stroke: '#9ec3e6', sw: 0.2 });
    pg.line(25, 10, 25, 290, { stroke: '#e8a0a0', sw: 0.3 });
    let y = 29;
    const H = (s: string, x = 28) => {
      pg.hand(x, y - 1, s, { size: 13 });
      y += 9;
    };
    H(c.full());
    H(c.owner.street);
    H(`${c.owner.postalCode} ${c.owner.city}`);
    const kv = c.okv();
    if (kv) H(`Vers.-Nr. ${kv}`);
    H(`geb. ${c.birth(c.owner, 0)}`);
    y += 9;
    H(`An die ${c.insurer.short}`, 110);
    H(`${c.owner.city.split(' ')[0]}, ${c.today()}`, 110);
    y += 9;
    H('Betreff: Krankengeld');
    y += 4;
    const body = r.pick([
      `Sehr geehrte Damen und Herren, ich bin seit ${dmy(addDays(c.date, -r.int(50, 80)))} krank geschrieben. Bitte zahlen Sie mir das Krankengeld aus. Meine Bescheinigungen vom Arzt schicke ich mit. Ich habe leider keinen Computer und bitte um Antwort per Post.`,
      `Sehr geehrte Damen und Herren, leider ist das Krankengeld für letzten Monat noch nicht da. Ich habe den Auszahlschein am ${dmy(addDays(c.date, -r.int(7, 14)))} abgegeben. Bitte überweisen Sie das Geld, ich muss meine Miete bezahlen. Vielen Dank.`,
    ]);
    const words = body.split(' ');
    let line = '';
    for (const w of words) {
      if ((line + ' ' + w).length > 52) {
        H(line.trim());
        line = '';
      }
      line += ' ' + w;
    }
    if (line.trim()) H(line.trim());
    y += 4;
    H('Mit freundlichen Grüßen');
    pg.sig(30, y + 4, 40);
    return [pg.page()];
  },
};

export const SICK_PAY: Template[] = [auszahlschein, entgelt, fragebogen, memberLetter, employerNotice, handLetter];
