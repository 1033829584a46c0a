// maternity: Mutterschaftsgeld. Owner is the (expectant) mother.
import type { Template } from './common.js';
import { kassen, insurerHeader, handKvNote } from './common.js';
import type { Ctx } from '../ctx.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, kassenBlock, practiceStamp, signLine } from '../widgets.js';
import { dmy, addDays, euro, iban, longDate, parseISO } from '../fmt.js';
import type { Member } from '../members.js';
import { ageAt } from '../members.js';
import * as D from '../data.js';

const mother = (m: Member, _a: Member[], d: Date) => m.sex === 'f' && m.role === 'main' && ageAt(m, d) >= 18 && ageAt(m, d) <= 44;
/** mother with a newborn (member born in the last year) */
const motherWithBaby = (m: Member, all: Member[], d: Date) =>
  mother(m, all, d) && all.some((k) => k.familyOf === m.kvnr && k.role === 'child' && ageAt(k, d) === 0);
function baby(c: Ctx): Member | undefined {
  return c.children().find((k) => ageAt(k, c.date) === 0);
}
function dueDate(c: Ctx) {
  const b = baby(c);
  return b && c.family ? parseISO(b.birthDate) : addDays(c.date, c.rng.int(20, 60));
}
function newbornName(c: Ctx) {
  const b = baby(c);
  if (b) return { first: b.firstName, birth: b.birthDate };
  const f = c.rng.chance(0.5);
  return { first: c.rng.pick(f ? D.FEMALE_KID : D.MALE_KID), birth: '' };
}

/** Zeugnis über den mutmaßlichen Tag der Entbindung (Muster 3 style). */
const zeugnis: Template = {
  id: 'mat_zeugnis_entbindung',
  type: 'maternity',
  desc: 'Muster 3 style Zeugnis über den mutmaßlichen Tag der Entbindung',
  eligible: mother,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.gyn(r);
    const fc = r.pick(['#b03a2e', '#1a5276', '#7d3c98']);
    const due = addDays(c.date, r.int(25, 50));
    pg.t(15, 10, 'Muster 3 (1.2018)', { size: 6, color: fc });
    kassenBlock(pg, 15, 14, kassen(c, iss), { formColor: fc, shift: [r.float(-1, 2), r.float(-1, 1.5)], f: r.pick(['mono', 'cond']) });
    pg.t(112, 20, 'Zeugnis über den mutmaßlichen', { size: 12, f: 'sansB', color: fc });
    pg.t(112, 26, 'Tag der Entbindung', { size: 12, f: 'sansB', color: fc });
    pg.t(112, 33, 'zur Vorlage bei der Krankenkasse / beim Arbeitgeber', { size: 7.5, color: fc });
    let y = 72;
    pg.t(15, y, 'Nach meiner Untersuchung am', { size: 9.5 });
    pg.cells(70, y - 4.5, dmy(c.date).replace(/\./g, ''), 8, { cw: 5, h: 6 });
    y += 11;
    pg.t(15, y, 'ist die Entbindung zu erwarten am', { size: 9.5 });
    pg.cells(78, y - 4.5, dmy(due).replace(/\./g, ''), 8, { cw: 5, h: 6 });
    y += 12;
    pg.check(15, y, r.chance(0.15), 'Mehrlingsschwangerschaft', { size: 9 });
    pg.check(80, y, false, 'Behinderung des Kindes ärztlich festgestellt', { size: 9 });
    y += 10;
    pg.para(
      15,
      y,
      180,
      'Dieses Zeugnis dient zur Berechnung der Schutzfrist vor der Entbindung (§ 3 MuSchG) und zur Beantragung von Mutterschaftsgeld (§ 24i SGB V). Es darf frühestens sieben Wochen vor dem mutmaßlichen Tag der Entbindung ausgestellt werden.',
      { size: 8, color: '#333' },
    );
    y += 22;
    pg.rect(112, y, 83, 32, { stroke: fc });
    pg.t(113, y + 35, 'Vertragsarztstempel / Unterschrift des Arztes', { size: 6, color: fc });
    practiceStamp(pg, r, 114, y + 3, iss, { withNumbers: true });
    pg.sig(150, y + 27, 30);
    return [pg.page()];
  },
};

/** Civil registry birth certificate "nur gültig für Mutterschaftsgeld". */
const birthCert: Template = {
  id: 'mat_birth_certificate',
  type: 'maternity',
  desc: 'Standesamt Geburtsbescheinigung "nur für Mutterschaftsgeld", no KVNR printed (handwritten)',
  eligible: mother,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const nb = newbornName(c);
    const born = nb.birth ? parseISO(nb.birth) : addDays(c.date, -r.int(5, 20));
    pg.rect(12, 12, 186, 200, { stroke: '#555', sw: 0.6 });
    pg.rect(14, 14, 182, 196, { stroke: '#999', sw: 0.2 });
    pg.t(105, 28, `Standesamt ${c.owner.city}`, { size: 12, f: 'serif', a: 'middle' });
    pg.t(105, 42, 'Geburtsbescheinigung', { size: 20, f: 'serifB', a: 'middle' });
    pg.t(105, 50, 'für Mutterschaftshilfe – nur gültig für die Krankenkasse –', { size: 10, f: 'serifI', a: 'middle' });
    pg.t(105, 56, `(§ 26 PStV, gebührenfrei)     Registernummer G ${r.int(100, 2999)}/${born.getUTCFullYear()}`, {
      size: 8.5,
      f: 'serif',
      a: 'middle',
    });
    let y = 74;
    const rows: [string, string][] = [
      ['Vorname(n) des Kindes', nb.first],
      ['Familienname', c.last()],
      ['Geschlecht', r.pick(['weiblich', 'männlich'])],
      ['Tag der Geburt', longDate(born)],
      ['Ort der Geburt', c.owner.city],
      ['Mutter', `${c.full()}, geb. ${c.birth(c.owner, 0)}`],
      ['Wohnort der Mutter', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
    ];
    for (const [l, v] of rows) {
      pg.t(25, y, l, { size: 9, f: 'serif', color: '#444' });
      pg.t(80, y, v, { size: 11, f: 'serif' });
      pg.hl(y + 1.5, 80, 188, { stroke: '#aaa', sw: 0.15, dash: '0.6 0.6' });
      y += 10;
    }
    y += 6;
    pg.t(25, y, `${c.owner.city.split(' ')[0]}, ${dmy(addDays(born, r.int(2, 9)))}`, { size: 10, f: 'serif' });
    pg.t(120, y, 'Der/Die Standesbeamte/in', { size: 9, f: 'serif' });
    pg.sig(125, y + 14, 40);
    pg.stamp(40, y + 8, [`STANDESAMT`, c.owner.city.split(' ')[0].toUpperCase()], { round: true, color: '#3a3fa8', size: 8 });
    if (!c.noKv) handKvNote(c, pg, 20, 232);
    return [pg.page()];
  },
};

/** Insurer's application form for Mutterschaftsgeld; family mode lists the newborn's KVNR. */
const antrag: Template = {
  id: 'mat_antrag',
  type: 'maternity',
  desc: 'insurer application form Mutterschaftsgeld (mother + child section)',
  eligible: mother,
  family: true,
  famEligible: motherWithBaby,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y = insurerHeader(c, pg, 'Antrag auf Mutterschaftsgeld', 'nach § 24i SGB V', { barcode: r.chance(0.5) }) + 5;
    const sec = (t: string) => {
      pg.t(20, y, t, { size: 10, f: 'sansB', color: '#0b5e8a' });
      pg.hl(y + 1.5, 20, 190, { stroke: '#0b5e8a' });
      y += 7;
    };
    const line = (label: string, val: string, x = 20, w = 170) => {
      pg.t(x, y, label, { size: 6.8, color: '#444' });
      pg.rect(x, y + 1, w, 6.5, { stroke: '#999', sw: 0.15 });
      if (val) pg.hand(x + 2, y + 6, val, { size: 11.5 });
    };
    sec('1. Angaben zur Versicherten');
    line('Name, Vorname', c.rev(), 20, 110);
    line('Geburtsdatum', c.birth(c.owner, 0), 135, 55);
    y += 11;
    line('Versichertennummer', c.family ? c.kvOf(c.owner) : c.okv(), 20, 80);
    line('Telefon / E-Mail', `${c.owner.firstName.toLowerCase()}.${c.owner.asciiLast.toLowerCase()}@mail.example`, 105, 85);
    y += 11;
    line('Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`);
    y += 13;
    sec('2. Beschäftigung');
    pg.check(20, y, true, 'Arbeitnehmerin', { hand: true, size: 9 });
    pg.check(65, y, false, 'in Elternzeit', { size: 9 });
    pg.check(105, y, false, 'arbeitslos (ALG I)', { size: 9 });
    pg.check(150, y, false, 'selbstständig', { size: 9 });
    y += 7;
    line('Arbeitgeber', c.owner.employer);
    y += 13;
    sec('3. Entbindung');
    const due = dueDate(c);
    line('mutmaßlicher Entbindungstag', dmy(due), 20, 80);
    line('tatsächlicher Entbindungstag (falls bereits erfolgt)', c.family ? dmy(due) : '', 105, 85);
    y += 12;
    const b = baby(c);
    if (c.family && b) {
      line('Name des Kindes', `${b.firstName} ${c.last(b)}`, 20, 80);
      line('Versichertennummer des Kindes (familienversichert)', c.kvOf(b), 105, 85);
      y += 12;
    }
    sec('4. Bankverbindung');
    line('IBAN', iban(r), 20, 120);
    y += 14;
    pg.para(
      20,
      y,
      170,
      'Bitte fügen Sie das Zeugnis über den mutmaßlichen Tag der Entbindung bei. Nach der Entbindung senden Sie uns bitte die Geburtsbescheinigung für Mutterschaftshilfe.',
      { size: 8 },
    );
    y += 16;
    signLine(pg, 20, y, 'Datum, Unterschrift der Versicherten', { datePlace: c.today(), w: 100 });
    return [pg.page()];
  },
};

/** Employer's salary certificate for Mutterschaftsgeld and employer's supplement. */
const employerCert: Template = {
  id: 'mat_employer_certificate',
  type: 'maternity',
  desc: 'employer Entgeltbescheinigung Mutterschaftsgeld / Zuschuss nach § 20 MuSchG',
  eligible: mother,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer);
    letterhead(pg, emp, r.int(0, 5));
    addressWindow(pg, `${emp.name} · ${emp.plz} ${emp.city}`, [
      c.insurer.name,
      'Mutterschaftsgeld',
      c.insurer.street,
      `${c.insurer.plz} ${c.insurer.city}`,
    ]);
    infoBlock(pg, 125, 52, [
      ['Betriebsnummer', emp.betriebsnr],
      ['Sachbearbeitung', emp.person],
      ['Datum', c.today()],
    ]);
    let y = 90;
    pg.t(20, y, 'Entgeltbescheinigung für die Berechnung des Mutterschaftsgeldes', { size: 11.5, f: 'sansB' });
    y += 9;
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Arbeitnehmerin', c.rev()],
      ['geboren am', c.birth(c.owner, 0)],
    ];
    if (kv) rows.push(['Versicherten-Nr.', kv]);
    const start = addDays(c.date, r.int(0, 20));
    rows.push(
      ['Beginn der Schutzfrist', dmy(start)],
      ['letzter Arbeitstag', dmy(addDays(start, -1))],
      ['Beschäftigungsumfang', `${r.pick([20, 30, 39, 40])} Std./Woche`],
    );
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 6, l, { size: 9, color: '#444' });
      pg.t(75, y + i * 6, v, { size: 10 });
    });
    y += rows.length * 6 + 6;
    const net = r.int(1500, 3200);
    const months = [3, 2, 1].map((k) => addDays(start, -30 * k));
    y = pg.table(
      20,
      y,
      [
        { w: 40, h: 'Abrechnungsmonat' },
        { w: 45, h: 'Nettoentgelt', a: 'end' },
        { w: 45, h: 'kalendertäglich', a: 'end' },
        { w: 40, h: 'Tage', a: 'end' },
      ],
      months.map((m) => [`${String(m.getUTCMonth() + 1).padStart(2, '0')}/${m.getUTCFullYear()}`, euro(net), euro(net / 30), '30']),
      { size: 9, grid: true, rowH: 6 },
    );
    y += 8;
    pg.t(20, y, `Arbeitgeberzuschuss zum Mutterschaftsgeld (§ 20 MuSchG) kalendertäglich: ${euro(net / 30 - 13)}`, { size: 9.5 });
    y += 12;
    pg.stamp(25, y, [emp.name, `${emp.plz} ${emp.city}`], { size: 7.5 });
    pg.sig(130, y + 8, 40);
    pg.hl(y + 10, 125, 185);
    pg.t(125, y + 13, 'Unterschrift / Firmenstempel', { size: 7 });
    footer(pg, emp, 0);
    return [pg.page()];
  },
};

/** Hospital confirmation of delivery; family mode with mother's and newborn's KVNR. */
const hospitalBirth: Template = {
  id: 'mat_hospital_delivery',
  type: 'maternity',
  desc: 'hospital Bescheinigung über die Entbindung (mother + newborn)',
  eligible: mother,
  family: true,
  famEligible: motherWithBaby,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.hospital(r);
    iss.sub = ['Klinik für Gynäkologie und Geburtshilfe', 'Kreißsaal / Wochenstation'];
    let y = letterhead(pg, iss, r.int(0, 5)) + 8;
    const nb = newbornName(c);
    const born = nb.birth ? parseISO(nb.birth) : addDays(c.date, -r.int(2, 10));
    pg.t(20, y + 4, 'Bescheinigung über die Entbindung', { size: 14, f: 'sansB' });
    y += 9;
    pg.t(20, y + 2, 'zur Vorlage bei der Krankenkasse (Mutterschaftsgeld)', { size: 9 });
    y += 12;
    const b = baby(c);
    const kvM = c.family ? c.kvOf(c.owner) : c.okv();
    pg.rect(20, y, 170, 26, { stroke: '#888' });
    pg.t(23, y + 5, 'Mutter', { size: 7.5, color: '#555' });
    pg.t(23, y + 11, `${c.rev()}, geb. ${c.birth(c.owner, 0)}`, { size: 10.5 });
    pg.t(23, y + 17, `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 9.5 });
    if (kvM) pg.t(23, y + 23, `Krankenkasse: ${c.insurer.short}   Versichertennummer: ${kvM}`, { size: 9.5 });
    y += 31;
    pg.rect(20, y, 170, 20, { stroke: '#888' });
    pg.t(23, y + 5, 'Kind', { size: 7.5, color: '#555' });
    pg.t(
      23,
      y + 11,
      `${nb.first} ${c.last()}   geboren am ${dmy(born)} um ${r.int(0, 23)}:${String(r.int(0, 59)).padStart(2, '0')} Uhr   ${r.int(2600, 4200)} g`,
      { size: 10.5 },
    );
    if (c.family && b) pg.t(23, y + 17, `Versichertennummer (Familienversicherung): ${c.kvOf(b)}`, { size: 9.5 });
    y += 28;
    y = pg.para(
      20,
      y,
      170,
      `Hiermit wird bestätigt, dass die oben genannte Patientin am ${dmy(born)} in unserer Klinik von einem lebenden Kind entbunden wurde. ${r.pick(['Es handelt sich um eine Frühgeburt (Geburtsgewicht unter 2500 g nicht zutreffend; Entbindung vor dem errechneten Termin).', 'Die Entbindung erfolgte spontan.', 'Die Entbindung erfolgte per Sectio caesarea.'])}`,
      { size: 10 },
    );
    pg.t(20, y + 10, `${iss.city}, ${dmy(addDays(born, r.int(1, 4)))}`, { size: 10 });
    pg.sig(110, y + 14, 40);
    pg.hl(y + 16, 105, 185);
    pg.t(105, y + 19, 'Stationsärztin / Hebamme', { size: 7.5 });
    pg.stamp(30, y + 20, [iss.name, iss.sub[0], `IK ${iss.ik}`], { size: 7 });
    footer(pg, iss, 0);
    return [pg.page()];
  },
};

/** Midwife's letter confirming the expected date of delivery. */
const midwifeLetter: Template = {
  id: 'mat_midwife_due_date',
  type: 'maternity',
  desc: 'midwife letter confirming due date (serif letter, Hebammen-IK)',
  eligible: mother,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const mw = I.shop(r, `Hebamme ${I.person(r, '').full}`, ['Schwangerenvorsorge · Wochenbettbetreuung']);
    letterhead(pg, mw, r.pick([0, 4]));
    addressWindow(
      pg,
      `${mw.name} · ${mw.street} · ${mw.plz} ${mw.city}`,
      [c.insurer.name, c.insurer.street, `${c.insurer.plz} ${c.insurer.city}`],
      { f: 'serif' },
    );
    infoBlock(
      pg,
      125,
      52,
      [
        ['IK-Nr.', mw.ik],
        ['Datum', c.today()],
      ],
      { f: 'serif' },
    );
    let y = 95;
    const kv = c.okv();
    pg.t(20, y, `Bescheinigung über den voraussichtlichen Entbindungstermin`, { size: 12, f: 'serifB' });
    y += 6;
    pg.t(20, y, `Versicherte: ${c.full()}, geb. ${c.birth(c.owner, 0)}${kv ? `, Vers.-Nr. ${kv}` : ''}`, { size: 10, f: 'serif' });
    y += 10;
    const due = addDays(c.date, r.int(20, 49));
    y = pg.para(
      20,
      y,
      170,
      `Sehr geehrte Damen und Herren,\n\nich betreue ${c.salutation()} ${c.full()}, wohnhaft ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}, im Rahmen der Schwangerenvorsorge. Nach meiner Untersuchung vom ${c.today()} ist die Entbindung voraussichtlich am ${dmy(due)} zu erwarten (${r.int(33, 36)}+${r.int(0, 6)} SSW).\n\nDie Bescheinigung wird zur Beantragung des Mutterschaftsgeldes ausgestellt.\n\nMit freundlichen Grüßen`,
      { size: 10.5, f: 'serif', lh: 5.5 },
    );
    pg.sig(22, y + 10, 40);
    pg.t(20, y + 16, mw.name, { size: 9, f: 'serif' });
    footer(pg, mw, 1);
    return [pg.page()];
  },
};

export const MATERNITY: Template[] = [zeugnis, birthCert, antrag, employerCert, hospitalBirth, midwifeLetter];
