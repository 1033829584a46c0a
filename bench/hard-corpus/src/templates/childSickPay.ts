// child_sick_pay: Kinderkrankengeld. Owner is always the claiming parent (main member);
// the child is usually a family-insured member too.
import type { Template } from './common.js';
import { kassen, parentOfYoung, youngKids, insurerHeader } from './common.js';
import type { Ctx } from '../ctx.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, kassenBlock, practiceStamp, signLine } from '../widgets.js';
import { dmy, addDays, euro, iban } from '../fmt.js';
import { ICD_CHILD } from '../data.js';
import type { Member } from '../members.js';

function kid(c: Ctx): Member {
  return c.rng.pick(youngKids(c));
}
function sickSpan(c: Ctx) {
  const s = addDays(c.date, -c.rng.int(1, 6));
  return { s, e: addDays(s, c.rng.int(1, 5)) };
}
const _childWord = (k: Member) => (k.sex === 'f' ? 'Tochter' : 'Sohn');

/** Muster 21. Family mode: header carries the child's card data (child KVNR) and a parent line
 *  with the parent's KVNR — or, when "unclear", no parent at all. Otherwise header = parent. */
const muster21: Template = {
  id: 'ckg_muster21',
  type: 'child_sick_pay',
  desc: 'Muster 21 ärztliche Bescheinigung Krankengeld bei Erkrankung eines Kindes',
  eligible: parentOfYoung,
  family: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.paediatrician(r),
      k = kid(c),
      sp = sickSpan(c);
    const fc = r.pick(['#b03a2e', '#8e44ad', '#a04000']);
    pg.t(15, 10, 'Muster 21 (7.2023)', { size: 6, color: fc });
    if (c.family) {
      kassenBlock(pg, 15, 14, kassen(c, iss, k, c.kvOfRaw(k)), { formColor: fc, shift: [r.float(-1, 2), r.float(-1, 1)] });
      if (c.unclear) c.notes.push('form names only the child; claimant parent not on the form (filed under main member)');
    } else kassenBlock(pg, 15, 14, kassen(c, iss), { formColor: fc, shift: [r.float(-1, 2), r.float(-1, 1)] });
    pg.t(112, 18, 'Ärztliche Bescheinigung für den', { size: 11, f: 'sansB', color: fc });
    pg.t(112, 23, 'Bezug von Krankengeld bei', { size: 11, f: 'sansB', color: fc });
    pg.t(112, 28, 'Erkrankung eines Kindes', { size: 11, f: 'sansB', color: fc });
    pg.t(112, 35, 'Vorlage bei der Krankenkasse', { size: 7.5, color: fc });
    let y = 68;
    if (!c.family) {
      pg.t(15, y, 'Name, Vorname des Kindes', { size: 7, color: fc });
      pg.t(120, y, 'geb. am', { size: 7, color: fc });
      pg.t(15, y + 5.5, `${c.last(k)}, ${k.firstName}`, { size: 10, f: 'mono' });
      pg.t(120, y + 5.5, dmy(k.birthDate), { size: 10, f: 'mono' });
      y += 14;
    } else if (!c.unclear) {
      pg.t(15, y, 'Name, Vorname und Versicherten-Nr. des betreuenden Elternteils', { size: 7, color: fc });
      pg.t(15, y + 5.5, `${c.rev()}   ${c.kvOf(c.owner, 'plain')}`, { size: 10, f: 'mono' });
      y += 14;
    }
    pg.check(15, y, true, 'Das Kind ist erkrankt und bedarf nach ärztlichem Zeugnis der Beaufsichtigung, Betreuung oder Pflege.', {
      size: 8.5,
    });
    y += 8;
    pg.check(15, y, false, 'Es handelt sich um einen Unfall / Unfallfolgen.', { size: 8.5 });
    y += 10;
    pg.t(15, y, 'Die Betreuung ist erforderlich', { size: 8.5, color: fc });
    y += 6;
    pg.t(15, y, 'vom', { size: 8.5 });
    pg.cells(27, y - 4.5, dmy(sp.s).replace(/\./g, ''), 8, { cw: 4.6, h: 6 });
    pg.t(70, y, 'bis einschließlich', { size: 8.5 });
    pg.cells(98, y - 4.5, dmy(sp.e).replace(/\./g, ''), 8, { cw: 4.6, h: 6 });
    y += 12;
    pg.t(15, y, 'Diagnose(n) (ICD-10)', { size: 8.5, color: fc });
    pg.t(60, y, `${r.pick(ICD_CHILD)[0]} G`, { size: 10.5, f: 'mono' });
    y += 10;
    pg.check(15, y, false, 'Das Kind ist schwerstkrank (§ 45 Abs. 4 SGB V).', { size: 8.5 });
    y += 8;
    pg.check(15, y, r.chance(0.3), 'Stationäre Mitaufnahme eines Elternteils', { size: 8.5 });
    y += 14;
    pg.rect(112, y, 83, 32, { stroke: fc });
    pg.t(113, y + 35, 'Vertragsarztstempel / Unterschrift des Arztes', { size: 6, color: fc });
    practiceStamp(pg, r, 115, y + 3, iss, { withNumbers: true });
    pg.sig(150, y + 27, 30);
    pg.t(15, y + 8, `Datum ${dmy(sp.s)}`, { size: 9, f: 'mono' });
    return [pg.page()];
  },
};

/** Insurer's application form, filled in by the parent. */
const antrag: Template = {
  id: 'ckg_antrag',
  type: 'child_sick_pay',
  desc: 'insurer application form Kinderkrankengeld, parent and child sections, handwriting',
  eligible: parentOfYoung,
  family: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      k = kid(c),
      sp = sickSpan(c);
    let y = insurerHeader(c, pg, 'Antrag auf Kinderkrankengeld', 'nach § 45 SGB V – bitte mit der ärztlichen Bescheinigung einreichen') + 4;
    const sec = (t: string) => {
      pg.rect(20, y - 4.5, 170, 6, { fill: '#dde8f0' });
      pg.t(22, y, t, { size: 9.5, f: 'sansB' });
      y += 8;
    };
    const line = (label: string, val: string, x = 20, w = 170) => {
      pg.t(x, y, label, { size: 6.8, color: '#444' });
      pg.hl(y + 6, x, x + w, { sw: 0.2 });
      if (val) pg.hand(x + 2, y + 5, val, { size: 12 });
    };
    sec('A  Angaben zum Mitglied (antragstellender Elternteil)');
    if (c.unclear && c.family) {
      line('Name, Vorname', '', 20, 110);
      line('Geburtsdatum', '', 135, 55);
      c.notes.push('parent section left empty, only child data filled');
    } else {
      line('Name, Vorname', c.rev(), 20, 110);
      line('Geburtsdatum', c.birth(c.owner, 0), 135, 55);
    }
    y += 11;
    const kvP = c.unclear && c.family ? '' : c.family ? c.kvOf(c.owner) : c.okv();
    line('Versichertennummer', kvP, 20, 80);
    line('Telefon', `0${r.int(150, 179)} ${r.digits(7)}`, 105, 85);
    y += 11;
    line('Anschrift', c.unclear && c.family ? '' : `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`);
    y += 13;
    sec('B  Angaben zum erkrankten Kind');
    line('Name, Vorname des Kindes', `${c.last(k)}, ${k.firstName}`, 20, 110);
    line('Geburtsdatum', dmy(k.birthDate), 135, 55);
    y += 11;
    pg.t(20, y + 3, 'Das Kind ist bei der HGK familienversichert:', { size: 9 });
    pg.check(100, y + 3, true, 'ja', { hand: true, size: 9 });
    pg.check(115, y + 3, false, 'nein, bei:', { size: 9 });
    if (c.family) line('Versichertennummer des Kindes', c.kvOf(k), 135, 55);
    y += 13;
    pg.t(20, y, 'Lebt im Haushalt ein anderes Elternteil, das die Betreuung übernehmen kann?', { size: 9 });
    pg.check(150, y, false, 'ja', { size: 9 });
    pg.check(165, y, true, 'nein', { hand: true, size: 9 });
    y += 11;
    sec('C  Freistellung von der Arbeit');
    line('Arbeitgeber', c.owner.employer, 20, 170);
    y += 11;
    line('unbezahlt freigestellt vom', dmy(sp.s), 20, 80);
    line('bis', dmy(sp.e), 105, 85);
    y += 13;
    sec('D  Bankverbindung');
    line('IBAN', iban(r), 20, 120);
    line('BIC', '', 145, 45);
    y += 14;
    pg.para(
      20,
      y,
      170,
      'Ich versichere die Richtigkeit meiner Angaben. Mir ist bekannt, dass Kinderkrankengeld je Kind und Elternteil nur für eine begrenzte Anzahl von Arbeitstagen im Kalenderjahr gezahlt wird.',
      { size: 7.8 },
    );
    y += 16;
    signLine(pg, 20, y, 'Datum, Unterschrift Antragsteller/in', { datePlace: c.today(), w: 100 });
    pg.t(
      20,
      288,
      `Formular KKG-01 · Rücksendung an: ${c.insurer.name}, ${c.insurer.street}, ${c.insurer.plz} ${c.insurer.city} · Fax ${c.insurer.fax}`,
      { size: 6.2, color: '#666' },
    );
    return [pg.page()];
  },
};

/** Employer's confirmation of unpaid leave. */
const employerConfirm: Template = {
  id: 'ckg_employer_unpaid_leave',
  type: 'child_sick_pay',
  desc: 'employer confirmation of unpaid leave to care for sick child (§ 45 SGB V), pay loss table',
  eligible: parentOfYoung,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer),
      k = kid(c),
      sp = sickSpan(c);
    letterhead(pg, emp, r.int(0, 5));
    addressWindow(pg, `${emp.name} · ${emp.street} · ${emp.plz} ${emp.city}`, [
      c.insurer.name,
      c.insurer.street,
      `${c.insurer.plz} ${c.insurer.city}`,
    ]);
    infoBlock(pg, 125, 52, [
      ['Betriebsnummer', emp.betriebsnr],
      ['Personal-Nr.', r.digits(6)],
      ['Datum', c.today()],
    ]);
    let y = 90;
    pg.t(20, y, 'Bescheinigung des Arbeitgebers über die unbezahlte Freistellung', { size: 11.5, f: 'sansB' });
    y += 5;
    pg.t(20, y, 'wegen Erkrankung eines Kindes (§ 45 SGB V)', { size: 10 });
    y += 9;
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Beschäftigte/r', c.rev()],
      ['Geburtsdatum', c.birth(c.owner, 0)],
    ];
    if (kv) rows.push(['Versicherten-Nr.', kv]);
    rows.push(
      ['erkranktes Kind', `${k.firstName} ${c.last(k)}, geb. ${dmy(k.birthDate)}`],
      ['Freistellung', `${dmy(sp.s)} bis ${dmy(sp.e)}`],
      ['Arbeitstage', String(r.int(1, 5))],
    );
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 6, l, { size: 9, color: '#444' });
      pg.t(70, y + i * 6, v, { size: 10 });
    });
    y += rows.length * 6 + 6;
    const brutto = r.int(70, 200);
    y = pg.table(
      20,
      y,
      [
        { w: 50, h: 'ausgefallenes Entgelt' },
        { w: 40, h: 'brutto', a: 'end' },
        { w: 40, h: 'netto', a: 'end' },
        { w: 40, h: 'Einmalzahl. 12 Mon.', a: 'end' },
      ],
      [['je Arbeitstag', euro(brutto), euro(brutto * 0.63), euro(r.pick([0, 1200, 2500]))]],
      { size: 9, grid: true, rowH: 6.5 },
    );
    y += 8;
    y = pg.para(
      20,
      y,
      170,
      'Wir bestätigen, dass für die genannten Tage kein Arbeitsentgelt gezahlt wurde. Die Angaben wurden auch im elektronischen Verfahren übermittelt.',
      { size: 9 },
    );
    pg.stamp(25, y + 8, [emp.name, `${emp.plz} ${emp.city}`], { size: 7.5 });
    pg.sig(130, y + 16, 40);
    pg.hl(y + 18, 125, 185);
    pg.t(125, y + 21, 'Unterschrift Arbeitgeber', { size: 7 });
    footer(pg, emp, 0);
    return [pg.page()];
  },
};

/** Paediatrician's letter naming the caring parent in the text. */
const paedLetter: Template = {
  id: 'ckg_paediatrician_letter',
  type: 'child_sick_pay',
  desc: 'paediatrician letter: child needs care, caring parent named in running text',
  eligible: parentOfYoung,
  family: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.paediatrician(r),
      k = kid(c),
      sp = sickSpan(c);
    let y = letterhead(pg, iss, r.int(0, 5)) + 10;
    pg.t(190, y, c.today(), { size: 10, a: 'end' });
    y += 10;
    pg.t(20, y, 'Ärztliche Bescheinigung', { size: 14, f: 'serifB' });
    y += 5;
    pg.t(20, y, 'zur Vorlage beim Arbeitgeber und bei der Krankenkasse', { size: 9 });
    y += 12;
    const kvK = c.family ? c.kvOf(k) : '';
    const kvP = c.family ? (c.unclear ? '' : c.kvOf(c.owner)) : c.okv();
    const parent =
      c.unclear && c.family
        ? 'durch einen Elternteil'
        : `durch ${c.owner.sex === 'f' ? 'die Mutter, Frau' : 'den Vater, Herrn'} ${c.full()}${kvP ? ` (Vers.-Nr. ${kvP})` : ''}, geb. ${c.birth(c.owner, 0)}`;
    if (c.unclear && c.family) c.notes.push('caring parent not named');
    y = pg.para(
      20,
      y,
      170,
      `Hiermit bescheinige ich, dass ${k.sex === 'f' ? 'die Patientin' : 'der Patient'} ${k.firstName} ${c.last(k)}, geb. ${dmy(k.birthDate)}${kvK ? `, Versichertennummer ${kvK}` : ''}, wohnhaft ${k.street}, ${k.postalCode} ${k.city}, erkrankt ist (${r.pick(ICD_CHILD)[1]}).\n\nDas Kind bedarf in der Zeit vom ${dmy(sp.s)} bis einschließlich ${dmy(sp.e)} der Beaufsichtigung, Betreuung und Pflege ${parent}. Der Besuch der Kindertagesstätte bzw. Schule ist in diesem Zeitraum nicht möglich.`,
      { size: 10.5, f: 'serif', lh: 5.6 },
    );
    y += 14;
    practiceStamp(pg, r, 110, y, iss, { withNumbers: true });
    pg.sig(30, y + 12, 40);
    pg.hl(y + 14, 20, 85);
    pg.t(20, y + 17, iss.person, { size: 8 });
    footer(pg, iss, 1);
    return [pg.page()];
  },
};

/** Short handwritten note by the parent, on squared paper. */
const handNote: Template = {
  id: 'ckg_handwritten_request',
  type: 'child_sick_pay',
  desc: 'parent handwritten request for Kinderkrankengeld on squared paper',
  eligible: parentOfYoung,
  build(c) {
    const pg = c.pg(),
      _r = c.rng,
      k = kid(c),
      sp = sickSpan(c);
    for (let x = 10; x < 200; x += 5) pg.line(x, 10, x, 287, { stroke: '#c8d4e0', sw: 0.12 });
    for (let y = 10; y < 290; y += 5) pg.hl(y, 10, 200, { stroke: '#c8d4e0', sw: 0.12 });
    let y = 25;
    const H = (s: string, x = 20, size = 13) => {
      pg.hand(x, y, s, { size });
      y += 8;
    };
    H(c.full());
    H(`${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, 20, 12);
    const kv = c.okv();
    if (kv) H(`Versichertennummer: ${kv}`, 20, 12);
    y += 8;
    H(`${c.owner.city.split(' ')[0]}, den ${c.today()}`, 120);
    y += 6;
    H('Antrag auf Kinderkrankengeld', 20, 15);
    y += 4;
    const txt = `Hallo, mein${k.sex === 'f' ? 'e Tochter' : ' Sohn'} ${k.firstName} (geb. ${dmy(k.birthDate)}) war vom ${dmy(sp.s)} bis ${dmy(sp.e)} krank. Ich musste zu Hause bleiben und habe in der Zeit keinen Lohn bekommen. Die Bescheinigung vom Kinderarzt und vom Arbeitgeber lege ich bei. Bitte überweisen Sie das Geld auf mein Konto. Danke!`;
    let line = '';
    for (const w of txt.split(' ')) {
      if ((line + ' ' + w).length > 50) {
        H(line.trim());
        line = '';
      }
      line += ' ' + w;
    }
    if (line.trim()) H(line.trim());
    y += 4;
    H('Viele Grüße');
    pg.sig(22, y + 2, 38);
    return [pg.page()];
  },
};

/** Printout of an online application summary from the insurer's portal. */
const portalPrint: Template = {
  id: 'ckg_portal_printout',
  type: 'child_sick_pay',
  desc: 'browser printout of online Kinderkrankengeld application summary (URL, page footer)',
  eligible: parentOfYoung,
  family: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      k = kid(c),
      sp = sickSpan(c);
    pg.t(10, 7, `${c.today()}, ${r.int(8, 22)}:${String(r.int(0, 59)).padStart(2, '0')}`, { size: 7 });
    pg.t(105, 7, 'HGK Online-Geschäftsstelle – Meine HGK', { size: 7, a: 'middle' });
    pg.t(10, 292, `https://meine.hgk-gesundheit.example/antraege/kinderkrankengeld/zusammenfassung?id=${r.digits(8)}`, { size: 6.5 });
    pg.t(200, 292, '1/1', { size: 7, a: 'end' });
    pg.rect(10, 12, 190, 14, { fill: '#0b5e8a' });
    pg.t(16, 21, 'Meine HGK', { size: 13, f: 'sansB', color: '#fff' });
    pg.t(194, 21, `Angemeldet als ${c.unclear && c.family ? 'Mitglied' : c.full()}`, { size: 8, color: '#fff', a: 'end' });
    let y = 40;
    pg.t(16, y, 'Ihr Antrag auf Kinderkrankengeld wurde übermittelt', { size: 13, f: 'sansB' });
    y += 7;
    pg.t(16, y, `Vorgangsnummer: ${r.pick(['KKG', 'VG'])}-${c.date.getUTCFullYear()}-${r.digits(7)}    Eingang: ${c.today()}`, { size: 9 });
    y += 10;
    const block = (title: string, rows: [string, string][]) => {
      pg.rect(16, y - 5, 178, 7, { fill: '#eef3f7' });
      pg.t(18, y, title, { size: 10, f: 'sansB' });
      y += 7;
      for (const [l, v] of rows) {
        pg.t(20, y, l, { size: 9, color: '#555' });
        pg.t(85, y, v, { size: 9.5 });
        y += 5.5;
      }
      y += 5;
    };
    const pRows: [string, string][] =
      c.unclear && c.family
        ? [['Antragsteller/in', '(siehe Kundenkonto)']]
        : [
            ['Name', c.full()],
            ['Geburtsdatum', c.birth(c.owner, 0)],
          ];
    const kvP = c.unclear && c.family ? '' : c.family ? c.kvOf(c.owner) : c.okv();
    if (kvP) pRows.push(['Versichertennummer', kvP]);
    pRows.push(['Arbeitgeber', c.owner.employer]);
    block('Antragsteller/in', pRows);
    const kRows: [string, string][] = [
      ['Name des Kindes', `${k.firstName} ${c.last(k)}`],
      ['Geburtsdatum', dmy(k.birthDate)],
    ];
    if (c.family) kRows.push(['Versichertennummer Kind', c.kvOf(k)]);
    block('Kind', kRows);
    block('Zeitraum', [
      ['Freistellung von', dmy(sp.s)],
      ['Freistellung bis', dmy(sp.e)],
      ['Bescheinigung Kinderarzt', 'hochgeladen (PDF, 1 Seite)'],
    ]);
    block('Auszahlung', [
      ['IBAN', iban(r).replace(/\d{4} \d{4} \d{2}/, '**** **** **')],
      ['Kontoinhaber', c.unclear && c.family ? '—' : c.full()],
    ]);
    pg.para(
      16,
      y,
      178,
      'Bitte bewahren Sie diese Zusammenfassung für Ihre Unterlagen auf. Sie müssen sie nicht zusätzlich per Post einsenden.',
      { size: 8.5, color: '#444' },
    );
    return [pg.page()];
  },
};

export const CHILD_SICK_PAY: Template[] = [muster21, antrag, employerConfirm, paedLetter, handNote, portalPrint];
