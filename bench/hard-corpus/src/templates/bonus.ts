// bonus_program: the insurer's bonus programme and the certificates members collect for it.
import type { Template } from './common.js';
import { anyone, adult, insurerHeader, handKvNote, privateSender } from './common.js';
import type { Ctx } from '../ctx.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer } from '../widgets.js';
import { dmy, addDays, iban } from '../fmt.js';
import { ageAt } from '../members.js';
import type { Pg } from '../page.js';
import { STAMP_COLORS } from '../page.js';

const ACTIVITIES_ADULT = [
  'Gesundheits-Check-up',
  'Zahnvorsorge',
  'Hautkrebs-Screening',
  'Krebsfrüherkennung',
  'Schutzimpfung (Grippe/Tetanus)',
  'Präventionskurs § 20',
  'Mitgliedschaft Sportverein',
  'Fitnessstudio (aktiv)',
  'Sportabzeichen',
  'Nichtraucher',
];
const ACTIVITIES_CHILD = [
  'U-Untersuchung (U1–U9, J1)',
  'Zahnvorsorge',
  'Schutzimpfungen nach STIKO',
  'Mitgliedschaft Sportverein',
  'Schwimmabzeichen',
  'Kinder-Präventionskurs',
];

function stampIn(c: Ctx, pg: Pg, x: number, y: number, w: number, h: number, date: Date) {
  const r = c.rng;
  const iss = r.chance(0.5) ? I.practice(r) : I.dentist(r);
  const lines = [iss.person || iss.name, iss.street, `${iss.plz} ${iss.city}`];
  pg.stamp(x + r.float(1, 4), y + r.float(1, 3), lines, { size: 5.8, color: r.pick(STAMP_COLORS), rot: r.float(-9, 9) });
  pg.hand(x + 3, y + h - 3, dmy(date), { size: 9.5 });
  pg.sig(x + w * 0.55, y + h - 4, w * 0.35);
}

/** Bonus booklet double page: grid of activities, some stamped. */
const booklet: Template = {
  id: 'bonus_booklet_stamps',
  type: 'bonus_program',
  desc: 'bonus booklet page: activity grid with rotated practice stamps',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const child = ageAt(c.owner, c.date) < 18;
    pg.rect(10, 10, 190, 277, { fill: '#f3f8ec' });
    pg.rect(10, 10, 190, 24, { fill: '#6a9a2f' });
    pg.t(18, 22, `HGK Bonusheft ${c.date.getUTCFullYear()}`, { size: 15, f: 'sansB', color: '#fff' });
    pg.t(18, 29, child ? '„Gesund groß werden“ – Bonusprogramm für Kinder und Jugendliche' : '„Gesund belohnt“ – Ihr Bonusprogramm', {
      size: 9,
      color: '#fff',
    });
    let y = 44;
    pg.t(16, y, 'Name, Vorname', { size: 7, color: '#555' });
    pg.hand(18, y + 6, c.rev(), { size: 13 });
    pg.hl(y + 7.5, 16, 120, { sw: 0.2 });
    pg.t(125, y, 'Geburtsdatum', { size: 7, color: '#555' });
    pg.hand(127, y + 6, c.birth(c.owner, 0), { size: 13 });
    pg.hl(y + 7.5, 125, 194, { sw: 0.2 });
    y += 13;
    pg.t(16, y, 'Versichertennummer', { size: 7, color: '#555' });
    const kv = c.okv();
    if (kv) pg.hand(18, y + 6, kv, { size: 13 });
    pg.hl(y + 7.5, 16, 90, { sw: 0.2 });
    y += 16;
    const acts = r.sample(child ? ACTIVITIES_CHILD : ACTIVITIES_ADULT, 8);
    const cw = 89,
      ch = 44;
    acts.forEach((a, i) => {
      const x = 16 + (i % 2) * (cw + 4),
        yy = y + Math.floor(i / 2) * (ch + 4);
      pg.rect(x, yy, cw, ch, { stroke: '#6a9a2f', sw: 0.35, fill: '#ffffff' });
      pg.t(x + 2, yy + 4.5, a, { size: 8, f: 'sansB', color: '#3d5c1a' });
      pg.t(x + 2, yy + ch - 1.5, 'Datum / Stempel und Unterschrift', { size: 5.5, color: '#777' });
      if (r.chance(0.7)) stampIn(c, pg, x + 2, yy + 7, cw - 4, ch - 10, addDays(c.date, -r.int(10, 300)));
    });
    return [pg.page()];
  },
};

/** Course participation certificate (Präventionskurs). */
const course: Template = {
  id: 'bonus_course_certificate',
  type: 'bonus_program',
  desc: 'Teilnahmebescheinigung Präventionskurs (ZPP course id, dates list)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const prov = I.shop(
      r,
      r.pick([
        'Yogastudio Lotusblüte',
        'Rückenzentrum Aktiv',
        'VHS Kreisvolkshochschule',
        'Pilates & more',
        'Entspannt leben – Kursraum',
        'Familienbildungsstätte',
      ]),
      ['Präventionskurse nach § 20 SGB V'],
    );
    letterhead(pg, prov, r.int(0, 5));
    let y = 62;
    pg.t(105, y, 'Teilnahmebescheinigung', { size: 20, f: 'serifB', a: 'middle' });
    y += 14;
    const kurs = r.pick([
      'Hatha Yoga für Einsteiger',
      'Rückenfit – Wirbelsäulengymnastik',
      'Progressive Muskelentspannung nach Jacobson',
      'Pilates – Stabilität und Haltung',
      'Ernährung im Alltag',
      'Stressbewältigung und Achtsamkeit',
    ]);
    y = pg.para(
      20,
      y,
      170,
      `Hiermit bestätigen wir, dass\n\n${c.salutation()} ${c.full()}\ngeboren am ${c.birth(c.owner, 0)}, wohnhaft ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}\n\nan dem Präventionskurs „${kurs}“ regelmäßig teilgenommen hat.`,
      { size: 11, f: 'serif', lh: 6 },
    );
    y += 4;
    const n = r.pick([8, 10, 12]),
      att = n - r.int(0, 2);
    const start = addDays(c.date, -7 * (n + 1));
    infoBlock(
      pg,
      20,
      y,
      [
        ['Kurs-ID (ZPP)', `KU-${r.pick(['BE', 'ER', 'ST', 'SU'])}-${r.digits(6)}`],
        ['Kursleitung', I.person(r, '').full],
        ['Zeitraum', `${dmy(start)} – ${dmy(addDays(start, 7 * (n - 1)))}`],
        ['Kurseinheiten', `${att} von ${n} à ${r.pick([60, 75, 90])} Minuten`],
        ['Kursgebühr', `${r.int(80, 160)},00 € (bezahlt)`],
      ],
      { f: 'serif', size: 10, lw: 35 },
    );
    y += 30;
    const kv = c.okv();
    if (kv && r.chance(0.5)) {
      pg.t(20, y, `Krankenkasse: ${c.insurer.short}, Versichertennr.: ${kv}`, { size: 10, f: 'serif' });
      y += 8;
    } else if (kv) handKvNote(c, pg, 110, 40);
    pg.t(20, y + 6, `${prov.city}, ${c.today()}`, { size: 10, f: 'serif' });
    pg.sig(115, y + 8, 40);
    pg.hl(y + 10, 110, 185);
    pg.t(110, y + 13, 'Unterschrift der Kursleitung', { size: 7.5 });
    pg.stamp(35, y + 18, [prov.name, prov.street, `${prov.plz} ${prov.city}`], { size: 7 });
    footer(pg, prov, 1);
    return [pg.page()];
  },
};

/** Sports club confirmation of active membership. */
const club: Template = {
  id: 'bonus_sports_club',
  type: 'bonus_program',
  desc: 'sports club confirmation of active membership for the bonus programme',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const name = `${r.pick(['TSV', 'SV', 'TuS', 'SC', 'VfL', 'TV'])} ${r.pick(['Blau-Weiß', 'Eintracht', 'Germania', 'Rot-Gelb', 'Frisch Auf', 'Concordia'])} ${r.int(1860, 1990)} ${c.owner.city.split(' ')[0]} e.V.`;
    const club = I.shop(r, name, [
      'Geschäftsstelle',
      r.pick([
        'Abteilungen: Turnen, Fußball, Handball, Leichtathletik',
        'Schwimmen · Tennis · Gesundheitssport',
        'Breitensport und Rehasport',
      ]),
    ]);
    let y = letterhead(pg, club, r.int(0, 5));
    const toMember = r.chance(0.5);
    addressWindow(
      pg,
      `${name} · ${club.street} · ${club.plz} ${club.city}`,
      toMember ? c.addrLines() : ['An die Krankenkasse', c.insurer.name, c.insurer.street, `${c.insurer.plz} ${c.insurer.city}`],
    );
    pg.t(190, 62, c.today(), { size: 10, a: 'end' });
    y = 96;
    pg.t(20, y, 'Bestätigung über die aktive Vereinsmitgliedschaft', { size: 12, f: 'sansB' });
    y += 5;
    pg.t(20, y, 'zur Vorlage im Bonusprogramm der Krankenkasse', { size: 9 });
    y += 10;
    const kv = c.okv();
    y = pg.para(
      20,
      y,
      170,
      `Wir bestätigen, dass ${c.salutation()} ${c.full()}, geb. ${c.birth(c.owner, 0)}${kv ? ` (Versichertennummer ${kv})` : ''}, seit dem ${dmy(addDays(c.date, -r.int(200, 3000)))} Mitglied in unserem Verein ist (Mitgliedsnummer ${r.digits(5)}) und in der Abteilung ${r.pick(['Fußball', 'Turnen', 'Schwimmen', 'Leichtathletik', 'Tischtennis', 'Gesundheitssport'])} regelmäßig, mindestens einmal wöchentlich, am Trainingsbetrieb teilnimmt.\n\nDer Mitgliedsbeitrag für das laufende Jahr ist entrichtet.`,
      { size: 10.5, lh: 5.5 },
    );
    pg.stamp(25, y + 8, [name, 'Geschäftsstelle'], { size: 7.5 });
    pg.sig(125, y + 16, 40);
    pg.hl(y + 18, 120, 185);
    pg.t(120, y + 21, `${club.person}, Kassenwart/in`, { size: 7.5 });
    footer(pg, club, 1);
    return [pg.page()];
  },
};

/** Gym's attendance record for the bonus programme. */
const gym: Template = {
  id: 'bonus_gym_attendance',
  type: 'bonus_program',
  desc: 'fitness studio attendance record table (check-ins per month) for bonus',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const g = I.shop(r, r.pick(['FitLife Studio', 'Kraftwerk Fitness', 'PowerGym 24', 'Injoy Vitalclub', 'SportPark Nord']), [
      'Fitness · Kurse · Gesundheitstraining',
    ]);
    pg.rect(0, 0, 210, 30, { fill: '#111' });
    pg.t(20, 18, g.name.toUpperCase(), { size: 18, f: 'sansB', color: '#f5c400' });
    pg.t(20, 25, `${g.street} · ${g.plz} ${g.city} · ${g.phone}`, { size: 8, color: '#ddd' });
    let y = 48;
    pg.t(20, y, 'Trainingsnachweis für das Bonusprogramm Ihrer Krankenkasse', { size: 12.5, f: 'sansB' });
    y += 10;
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Mitglied', c.full()],
      ['Geburtsdatum', c.birth(c.owner, 0)],
      ['Mitglieds-Nr.', `${r.pick(['M', 'FL', 'K'])}${r.digits(7)}`],
      ['Vertrag seit', dmy(addDays(c.date, -r.int(200, 1500)))],
    ];
    if (kv) rows.push(['Krankenkasse / Vers.-Nr.', `${c.insurer.short} / ${kv}`]);
    y = infoBlock(pg, 20, y, rows, { size: 10, lw: 45 }) + 6;
    const months = Array.from({ length: 12 }, (_, i) => addDays(c.date, -30 * (12 - i)));
    let total = 0;
    const tab = months.map((m) => {
      const v = r.int(3, 14);
      total += v;
      return [`${String(m.getUTCMonth() + 1).padStart(2, '0')}/${m.getUTCFullYear()}`, String(v), v >= 4 ? 'ja' : 'nein'];
    });
    y = pg.table(
      20,
      y,
      [
        { w: 40, h: 'Monat' },
        { w: 45, h: 'Check-ins', a: 'end' },
        { w: 50, h: 'mind. 4x/Monat', a: 'middle' },
      ],
      tab,
      { size: 9, zebra: '#f0f0f0', rowH: 5.5 },
    );
    y += 6;
    pg.t(20, y, `Summe Trainingseinheiten: ${total}`, { size: 10, f: 'sansB' });
    y += 12;
    pg.para(20, y, 170, 'Die Angaben wurden aus unserem elektronischen Check-in-System erstellt und sind ohne Unterschrift gültig.', {
      size: 8.5,
      color: '#444',
    });
    return [pg.page()];
  },
};

/** Insurer's "Nachweisbogen" with doctors' confirmations in table rows. */
const nachweis: Template = {
  id: 'bonus_checkup_form',
  type: 'bonus_program',
  desc: 'insurer bonus Nachweisbogen: check-up confirmations with stamps in table rows',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    let y = insurerHeader(c, pg, 'Bonusprogramm – Nachweisbogen', `Sammelzeitraum ${c.date.getUTCFullYear()}`) + 4;
    const kv = c.okv();
    pg.rect(20, y, 170, 22, { stroke: '#0b5e8a' });
    pg.t(22, y + 5, 'Versicherte Person', { size: 7, color: '#0b5e8a' });
    pg.t(22, y + 11, c.rev(), { size: 11, f: 'sansB' });
    pg.t(130, y + 11, `geb. ${c.birth(c.owner, 0)}`, { size: 10 });
    pg.t(22, y + 17.5, `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 9.5 });
    if (kv) pg.t(130, y + 17.5, `Vers.-Nr. ${kv}`, { size: 10, f: 'mono' });
    y += 28;
    const acts = r.sample(ageAt(c.owner, c.date) < 18 ? ACTIVITIES_CHILD : ACTIVITIES_ADULT, 6);
    pg.table(
      20,
      y,
      [
        { w: 60, h: 'Maßnahme' },
        { w: 30, h: 'Datum' },
        { w: 80, h: 'Bestätigung (Stempel, Unterschrift)' },
      ],
      acts.map((a) => [a, '', '']),
      { size: 8.5, grid: true, rowH: 28, headFill: '#dde8f0' },
    );
    acts.forEach((_, i) => {
      if (r.chance(0.65)) {
        const yy = y + 28 * (i + 1);
        const d = addDays(c.date, -r.int(10, 300));
        pg.hand(82, yy + 16, dmy(d), { size: 10.5 });
        const iss = r.chance(0.5) ? I.practice(r) : I.dentist(r);
        pg.stamp(113, yy + 3, [iss.person || iss.name, `${iss.street}`, `${iss.plz} ${iss.city}`], { size: 6, rot: r.float(-7, 7) });
        pg.sig(160, yy + 23, 25);
      }
    });
    return [pg.page()];
  },
};

/** Sports badge certificate (Urkunde). */
const badge: Template = {
  id: 'bonus_sportabzeichen',
  type: 'bonus_program',
  desc: 'sports badge certificate (Urkunde, ornamental border, centred serif)',
  eligible: (m, a, d) => ageAt(m, d) >= 6,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const level = r.pick(['Bronze', 'Silber', 'Gold']);
    const col = level === 'Gold' ? '#b8860b' : level === 'Silber' ? '#7f8c8d' : '#a0522d';
    pg.rect(12, 12, 186, 273, { stroke: col, sw: 2 });
    pg.rect(16, 16, 178, 265, { stroke: col, sw: 0.5 });
    pg.t(105, 50, 'URKUNDE', { size: 34, f: 'serifB', a: 'middle', color: col });
    pg.t(105, 66, 'Deutsches Sportabzeichen', { size: 16, f: 'serif', a: 'middle' });
    pg.t(105, 90, 'verliehen an', { size: 11, f: 'serifI', a: 'middle' });
    pg.t(105, 106, `${c.first()} ${c.last()}`, { size: 22, f: 'serifB', a: 'middle' });
    pg.t(105, 116, `geboren am ${c.birth(c.owner, 0)}`, { size: 11, f: 'serif', a: 'middle' });
    pg.t(105, 134, `für die Erfüllung der Bedingungen in ${level}`, { size: 12, f: 'serif', a: 'middle' });
    pg.t(105, 142, `im Jahr ${c.date.getUTCFullYear()} (${r.int(1, 25)}. Wiederholung)`, { size: 11, f: 'serif', a: 'middle' });
    pg.ellipse(105, 180, 18, 18, { stroke: col, sw: 1.2 });
    pg.t(105, 183, level.toUpperCase(), { size: 10, f: 'sansB', a: 'middle', color: col });
    pg.t(40, 230, `Prüfer-Nr. ${r.digits(6)}`, { size: 9, f: 'serif' });
    pg.t(40, 236, `Ausweis-Nr. ${r.digits(8)}`, { size: 9, f: 'serif' });
    pg.sig(125, 232, 40);
    pg.hl(234, 120, 180);
    pg.t(120, 238, 'Deutscher Olympischer Sportbund', { size: 8, f: 'serif' });
    handKvNote(c, pg, 30, 262);
    return [pg.page()];
  },
};

/** Member's request to pay out the bonus. */
const redeem: Template = {
  id: 'bonus_redemption_request',
  type: 'bonus_program',
  desc: 'member request to pay out bonus points (typed letter + list of enclosed proofs)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const f = r.pick(['sans', 'serif'] as const);
    privateSender(c, pg, c.owner, { f });
    pg.t(25, 55, c.insurer.name, { size: 10, f });
    pg.t(25, 60, 'Bonusprogramm', { size: 10, f });
    pg.t(25, 65, c.insurer.street, { size: 10, f });
    pg.t(25, 70, `${c.insurer.plz} ${c.insurer.city}`, { size: 10, f });
    pg.t(190, 85, c.today(), { size: 10, f, a: 'end' });
    let y = 98;
    const kv = c.okv();
    pg.t(20, y, `Einlösung meiner Bonuspunkte ${c.date.getUTCFullYear() - (r.chance(0.5) ? 1 : 0)}${kv ? ` – Vers.-Nr. ${kv}` : ''}`, {
      size: 11,
      f: f === 'sans' ? 'sansB' : 'serifB',
    });
    y += 10;
    const items = r.sample(ACTIVITIES_ADULT, r.int(3, 5));
    y = pg.para(
      20,
      y,
      170,
      `Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie meine Nachweise für das Bonusprogramm. Ich habe folgende Maßnahmen absolviert:\n${items.map((i) => '– ' + i).join('\n')}\n\nBitte überweisen Sie die Geldprämie auf mein Konto IBAN ${iban(r)}. Eine Sachprämie wünsche ich nicht.\n\nMit freundlichen Grüßen`,
      { size: 10.5, f, lh: 5.4 },
    );
    pg.sig(22, y + 8, 40);
    pg.t(20, y + 14, c.full(), { size: 10, f });
    return [pg.page()];
  },
};

export const BONUS: Template[] = [booklet, course, club, gym, nachweis, badge, redeem];
