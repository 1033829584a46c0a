// prescription_or_plan: treatment plans, cost estimates, prescriptions.
import type { Template } from './common.js';
import { anyone, adult, kassen, isChildWithParent } from './common.js';

import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, kassenBlock, practiceStamp } from '../widgets.js';
import { dmy, addDays, euro } from '../fmt.js';
import { ageAt } from '../members.js';

const TEETH_UP = ['18', '17', '16', '15', '14', '13', '12', '11', '21', '22', '23', '24', '25', '26', '27', '28'];
const TEETH_LO = ['48', '47', '46', '45', '44', '43', '42', '41', '31', '32', '33', '34', '35', '36', '37', '38'];

/** Heil- und Kostenplan (dental prosthetics) with tooth scheme. */
const hkp: Template = {
  id: 'rx_heil_kostenplan',
  type: 'prescription_or_plan',
  desc: 'dental Heil- und Kostenplan with tooth scheme and Festzuschuss table',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.dentist(r);
    const fc = r.pick(['#1e6b3a', '#7b3f00', '#1a4f7a']);
    kassenBlock(pg, 12, 12, kassen(c, iss), { formColor: fc, shift: [r.float(-1, 1.5), r.float(-1, 1)] });
    pg.t(110, 18, 'Heil- und Kostenplan', { size: 15, f: 'sansB', color: fc });
    pg.t(110, 24, 'Teil 1 – Befund, Regelversorgung, Therapieplanung', { size: 8, color: fc });
    pg.t(110, 30, 'Zahnersatz · Kronen · Suprakonstruktionen', { size: 8, color: fc });
    pg.check(110, 40, r.chance(0.5), 'Bonus 30 %', { size: 8.5 });
    pg.check(140, 40, false, 'Bonus 40 %', { size: 8.5 });
    pg.check(170, 40, false, 'Härtefall', { size: 8.5 });
    let y = 64;
    const cw = 11.5;
    const rowsLbl = ['TP', 'R', 'B'];
    const befund: Record<string, string> = {};
    r.sample([...TEETH_UP, ...TEETH_LO], r.int(2, 5)).forEach((t) => {
      befund[t] = r.pick(['ww', 'x', 'k', 'f', 'kw', 'pw']);
    });
    const plan = (b: string) => (b === 'f' || b === 'x' ? 'B' : b === 'ww' || b === 'kw' ? 'K' : 'KM');
    for (const [teeth, ofs] of [
      [TEETH_UP, 0],
      [TEETH_LO, 1],
    ] as const) {
      const base = y + ofs * 36;
      rowsLbl.forEach((l, i) => {
        pg.t(12, base + i * 7 + 5, l, { size: 8, f: 'sansB', color: fc });
        teeth.forEach((t, j) => {
          pg.rect(20 + j * cw, base + i * 7, cw, 7, { stroke: fc, sw: 0.15 });
          const b = befund[t];
          if (b) {
            const v = l === 'B' ? b : l === 'R' ? plan(b) : r.pick([plan(b), plan(b), 'E']);
            pg.t(20 + j * cw + cw / 2, base + i * 7 + 5, v, { size: 8.5, f: 'mono', a: 'middle' });
          }
        });
      });
      teeth.forEach((t, j) => pg.t(20 + j * cw + cw / 2, base + (ofs === 0 ? 25 : -2), t, { size: 7.5, a: 'middle', color: fc }));
    }
    y += 80;
    pg.t(12, y, 'Befunde für Festzuschüsse', { size: 9, f: 'sansB', color: fc });
    y += 3;
    const fz = Object.keys(befund)
      .slice(0, 4)
      .map((t) => [r.pick(['1.1', '1.2', '1.3', '2.1', '2.2', '4.1']), t, '1', euro(r.int(150, 520), '')]);
    y = pg.table(
      12,
      y,
      [
        { w: 30, h: 'Befund-Nr.' },
        { w: 40, h: 'Zahn/Gebiet' },
        { w: 20, h: 'Anzahl', a: 'end' },
        { w: 40, h: 'Festzuschuss €', a: 'end' },
      ],
      fz,
      { size: 8.5, grid: true, rowH: 6, f: 'mono' },
    );
    y += 8;
    const total = r.int(1200, 6800);
    pg.t(12, y, 'Voraussichtliche Gesamtkosten (Honorar + Material/Labor):', { size: 9 });
    pg.t(190, y, euro(total), { size: 10, f: 'monoB', a: 'end' });
    y += 6;
    pg.t(12, y, 'Voraussichtlicher Eigenanteil:', { size: 9 });
    pg.t(190, y, euro(total * 0.55), { size: 10, f: 'monoB', a: 'end' });
    y += 12;
    pg.para(
      12,
      y,
      180,
      'Der Heil- und Kostenplan ist vor Behandlungsbeginn der Krankenkasse zur Genehmigung vorzulegen. Er ist 6 Monate gültig.',
      { size: 8, color: '#333' },
    );
    practiceStamp(pg, r, 112, y + 10, iss, { withNumbers: true });
    pg.sig(20, y + 25, 40);
    pg.hl(y + 27, 12, 90);
    pg.t(12, y + 30, `Datum ${c.today()}, Unterschrift Zahnarzt`, { size: 7 });
    return [pg.page()];
  },
};

/** Orthodontic treatment plan for a child; family mode prints the parent as main insured. */
const kfo: Template = {
  id: 'rx_kfo_plan',
  type: 'prescription_or_plan',
  desc: 'kieferorthopädischer Behandlungsplan (KIG grade, quarterly costs) for a child',
  eligible: (m, a, d) => ageAt(m, d) >= 8 && ageAt(m, d) <= 17,
  family: true,
  famEligible: (m, a, d) => isChildWithParent(m, a) && ageAt(m, d) >= 8 && ageAt(m, d) <= 17,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.orthodontist(r);
    let y = letterhead(pg, iss, r.int(0, 5)) + 6;
    pg.t(20, y, 'Kieferorthopädischer Behandlungsplan', { size: 14, f: 'sansB' });
    y += 5;
    pg.t(20, y, 'zur Vorlage bei der Krankenkasse – Antrag auf Kostenübernahme', { size: 9 });
    y += 10;
    const parent = c.mainMember();
    const rows: [string, string][] = [['Patient/in', `${c.rev()}, geb. ${c.birth(c.owner, 0)}`]];
    const kv = c.okv();
    if (kv) rows.push(['Versichertennummer', kv]);
    if (parent) {
      rows.push(['Hauptversicherte/r', `${c.rev(parent)}, geb. ${dmy(parent.birthDate)}`]);
      if (c.family) rows.push(['Vers.-Nr. Hauptversicherte/r', c.kvOf(parent)]);
    }
    rows.push(
      ['Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
      ['Krankenkasse', `${c.insurer.name} (IK ${c.insurer.ik})`],
    );
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 6, l, { size: 9, color: '#444' });
      pg.t(75, y + i * 6, v, { size: 10 });
    });
    y += rows.length * 6 + 6;
    const kig = r.pick(['D 4', 'D 5', 'E 3', 'M 4', 'P 3', 'K 4', 'T 4']);
    pg.rect(20, y, 170, 28, { stroke: '#999' });
    pg.t(23, y + 6, `Kieferorthopädische Indikationsgruppe (KIG): ${kig}`, { size: 10, f: 'sansB' });
    pg.t(
      23,
      y + 12,
      `Diagnose: ${r.pick(['Distalbiss mit vergrößerter Frontzahnstufe', 'Engstand im Ober- und Unterkiefer', 'Kreuzbiss lateral rechts', 'tiefer Biss'])}`,
      { size: 9.5 },
    );
    pg.t(
      23,
      y + 18,
      `Therapie: ${r.pick(['Multibracket-Apparatur OK/UK', 'herausnehmbare Plattenapparatur, anschl. Multiband', 'funktionskieferorthopädisches Gerät (Aktivator)'])}`,
      { size: 9.5 },
    );
    pg.t(23, y + 24, `Behandlungsbeginn: ${dmy(addDays(c.date, r.int(20, 60)))}    voraussichtliche Dauer: ${r.int(8, 16)} Quartale`, {
      size: 9.5,
    });
    y += 34;
    const q = r.int(8, 16);
    const rowsT = [
      ['Diagnostik (Modelle, Röntgen, Fotos)', euro(r.int(250, 450), '')],
      ['Behandlung je Quartal', euro(r.int(180, 320), '')],
      [`Behandlung gesamt (${q} Quartale)`, euro(r.int(180, 320) * q, '')],
      ['Material- und Laborkosten', euro(r.int(600, 1400), '')],
    ];
    y = pg.table(
      20,
      y,
      [
        { w: 130, h: 'Leistung' },
        { w: 40, h: 'Betrag €', a: 'end' },
      ],
      rowsT,
      { size: 9, rowH: 6, zebra: '#f2f2f2' },
    );
    y += 8;
    y = pg.para(
      20,
      y,
      170,
      'Der Eigenanteil von 20 % (bei gleichzeitiger Behandlung weiterer Kinder 10 %) wird nach erfolgreichem Abschluss der Behandlung von der Krankenkasse erstattet.',
      { size: 8.5 },
    );
    pg.sig(30, y + 14, 40);
    pg.hl(y + 16, 20, 90);
    pg.t(20, y + 19, `${iss.person}, ${c.today()}`, { size: 7.5 });
    pg.sig(120, y + 14, 40);
    pg.hl(y + 16, 110, 185);
    pg.t(110, y + 19, 'Unterschrift Versicherte/r bzw. Erziehungsberechtigte/r', { size: 7 });
    return [pg.page()];
  },
};

/** Heilmittelverordnung (physiotherapy). */
const heilmittel: Template = {
  id: 'rx_heilmittel_physio',
  type: 'prescription_or_plan',
  desc: 'Heilmittelverordnung Muster 13 (physiotherapy: KG, Diagnosegruppe WS)',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.practice(r, 'Fachärztin für Orthopädie und Unfallchirurgie');
    const fc = r.pick(['#c0392b', '#b9770e', '#943126']);
    pg.t(12, 10, 'Muster 13', { size: 6, color: fc });
    kassenBlock(pg, 12, 13, kassen(c, iss), { formColor: fc, shift: [r.float(-1.5, 2), r.float(-1, 1.5)] });
    pg.t(110, 19, 'Heilmittelverordnung 13', { size: 14, f: 'sansB', color: fc });
    pg.t(110, 25, 'Physiotherapie · Podologie · Ernährungstherapie', { size: 7.5, color: fc });
    pg.check(110, 36, r.chance(0.2), 'Zuzahlungsfrei', { size: 8.5 });
    pg.check(145, 36, true, 'Zuzahlungspflicht', { size: 8.5 });
    pg.check(110, 44, false, 'Unfallfolgen', { size: 8.5 });
    pg.check(145, 44, false, 'BVG', { size: 8.5 });
    let y = 66;
    const icd = r.pick([
      ['M54.5', 'Kreuzschmerz'],
      ['M25.56', 'Gelenkschmerz Knie'],
      ['M75.1', 'Rotatorenmanschettenläsion'],
      ['M53.1', 'Zervikobrachial-Syndrom'],
      ['S82.6', 'Z.n. Fraktur Außenknöchel'],
    ]);
    const rowsF: [string, string, number][] = [
      ['Behandlungsrelevante Diagnose(n) ICD-10-Code', `${icd[0]} G`, 60],
      ['Diagnosegruppe', r.pick(['WS', 'EX', 'CS']), 25],
      ['Leitsymptomatik', r.pick(['a', 'b', 'c']), 25],
      ['Therapiebericht', 'nein', 25],
    ];
    let x = 12;
    for (const [l, v, w] of rowsF) {
      pg.field(x, y, w, 11, l, v, { box: fc });
      x += w + 2;
    }
    y += 14;
    pg.field(
      12,
      y,
      180,
      11,
      'Leitsymptomatik (patientenindividuell)',
      r.pick([
        'Schmerzhafte Bewegungseinschränkung LWS, Funktionsstörung',
        'Kraftminderung und Bewegungseinschränkung Schulter re.',
        'Gangunsicherheit nach OP',
      ]),
      { box: fc, f: 'mono', size: 9 },
    );
    y += 14;
    pg.field(12, y, 100, 11, 'Heilmittel nach Maßgabe des Kataloges', r.pick(['KG', 'MT', 'KG-Gerät', 'MLD-45']), { box: fc });
    pg.field(114, y, 38, 11, 'Behandlungseinheiten', String(r.pick([6, 6, 8, 10])), { box: fc });
    pg.field(154, y, 38, 11, 'Therapiefrequenz', r.pick(['1-2x wöch.', '2x wöch.', '1x wöch.']), { box: fc });
    y += 14;
    pg.field(12, y, 100, 11, 'ergänzendes Heilmittel', r.pick(['', 'Wärmetherapie', 'KT']), { box: fc });
    pg.field(114, y, 38, 11, 'Hausbesuch', 'nein', { box: fc });
    pg.field(154, y, 38, 11, 'dringl. Behandlungsbedarf', '', { box: fc });
    y += 20;
    pg.rect(110, y, 82, 32, { stroke: fc });
    pg.t(111, y + 35, 'Vertragsarztstempel / Unterschrift', { size: 6, color: fc });
    practiceStamp(pg, r, 113, y + 3, iss, { withNumbers: true });
    pg.sig(150, y + 27, 30);
    pg.para(
      12,
      y + 4,
      92,
      'Die Behandlung ist innerhalb von 28 Tagen nach Ausstellung zu beginnen. Bitte vor Behandlungsbeginn die Zuzahlung beachten.',
      { size: 7.5, color: '#444' },
    );
    return [pg.page()];
  },
};

/** Muster 16 prescription sheet, for a Hilfsmittel or for medicines. */
function muster16(kind: 'hilfsmittel' | 'arznei'): Template {
  return {
    id: kind === 'hilfsmittel' ? 'rx_muster16_hilfsmittel' : 'rx_muster16_medication',
    type: 'prescription_or_plan',
    desc:
      kind === 'hilfsmittel'
        ? 'Muster 16 prescription for a Hilfsmittel (rollator, compression) with position number'
        : 'Muster 16 medication prescription (Rp., aut idem, PZN)',
    eligible: kind === 'hilfsmittel' ? (m, a, d) => ageAt(m, d) >= 40 : anyone,
    build(c) {
      const pg = c.pg(),
        r = c.rng,
        iss = I.practice(r);
      const fc = '#d0506a';
      // A Muster 16 sheet is A6 landscape; it lies on the scanner bed somewhere on the A4 page
      const ox = r.float(8, 50),
        oy = r.float(8, 120);
      pg.group(r.float(-3, 3), ox + 75, oy + 52, () => {
        pg.rect(ox, oy, 150, 105, { fill: '#fde8ee', stroke: fc, sw: 0.3 });
        const cb = (x: number, y: number, l: string, v = false) => pg.check(x, y, v, l, { size: 6.5, boxSize: 2.6 });
        cb(ox + 2, oy + 5, 'Gebühr frei', r.chance(0.3));
        cb(ox + 2, oy + 10, 'Geb.-pfl.', true);
        cb(ox + 2, oy + 15, 'noctu');
        cb(ox + 2, oy + 20, 'Sonstige');
        cb(ox + 2, oy + 25, 'Unfall');
        cb(ox + 2, oy + 30, 'Arbeitsunfall');
        kassenBlock(pg, ox + 22, oy + 2, kassen(c, iss), { formColor: fc, w: 80, shift: [r.float(-1.5, 2), r.float(-1, 1.5)] });
        pg.t(ox + 108, oy + 8, kind === 'hilfsmittel' ? 'Hilfsmittel' : 'Arzneimittel', { size: 8, f: 'sansB', color: fc });
        pg.t(ox + 108, oy + 14, 'BVG  Hilfsmittel  Impfstoff', { size: 6, color: fc });
        pg.t(ox + 108, oy + 21, 'Spr.-St. Bedarf  Begr.-Pflicht', { size: 6, color: fc });
        pg.t(ox + 4, oy + 56, 'Rp.', { size: 14, f: 'serifB', color: fc });
        pg.t(ox + 4, oy + 62, '(Leerräume', { size: 5.5, color: fc });
        pg.t(ox + 4, oy + 64.5, 'streichen)', { size: 5.5, color: fc });
        pg.t(ox + 4, oy + 69, 'aut idem', { size: 6, color: fc });
        const lines =
          kind === 'hilfsmittel'
            ? r.pick([
                [`Rollator mit Sitzfläche und Korb`, `HMV-Nr. 10.50.04.${r.digits(4)}`, `Diagnose: Gangunsicherheit R26.8 G`],
                [
                  `Kompressionsstrümpfe AD Kl. II, 2 Paar`,
                  `HMV-Nr. 17.06.01.${r.digits(4)}`,
                  `Diagnose: Chron. venöse Insuffizienz I87.2 G`,
                ],
                [`Einlagen nach Maß, 1 Paar`, `HMV-Nr. 08.03.01.${r.digits(4)}`, `Diagnose: Spreizfuß M21.67 G`],
                [`Blutdruckmessgerät Oberarm`, `HMV-Nr. 21.28.01.${r.digits(4)}`, `Diagnose: Hypertonie I10.90 G`],
              ])
            : r
                .sample(
                  [
                    `Ibuprofen 600 mg Filmtbl. 50 St. N2`,
                    `Pantoprazol 20 mg 98 St. N3`,
                    `Amoxicillin 1000 mg 20 St. N2`,
                    `Ramipril 5 mg 100 St. N3`,
                    `Salbutamol Dosieraerosol 1 St.`,
                    `Metformin 1000 mg 180 St. N3`,
                  ],
                  r.int(1, 3),
                )
                .map((s) => `${s}  PZN ${r.digits(8)}`);
        lines.forEach((l, i) => pg.t(ox + 22, oy + 56 + i * 6, l, { size: 8.5, f: 'mono' }));
        pg.t(ox + 108, oy + 82, 'Vertragsarztstempel', { size: 5.5, color: fc });
        practiceStamp(pg, r, ox + 100, oy + 62, iss, { withNumbers: true, rot: r.float(-4, 4) });
        pg.sig(ox + 110, oy + 98, 28);
        pg.t(ox + 4, oy + 101, 'Muster 16 (10.2014)', { size: 5.5, color: fc });
      });
      return [pg.page()];
    },
  };
}

/** Hearing aid cost estimate from an audiologist. */
const hearing: Template = {
  id: 'rx_kv_hearing_aid',
  type: 'prescription_or_plan',
  desc: 'Kostenvoranschlag Hörgeräte (audiologist, Festbetrag vs Eigenanteil table)',
  eligible: (m, a, d) => ageAt(m, d) >= 50,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.shop(r, `Hörakustik ${r.pick(['Klangwelt', 'Gutes Hören', 'am Rathaus', 'Ohrwerk'])}`, [
        'Hörakustikermeister · Hörsysteme · Gehörschutz',
      ]);
    letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, [
      c.insurer.name,
      'Hilfsmittel',
      c.insurer.street,
      `${c.insurer.plz} ${c.insurer.city}`,
    ]);
    infoBlock(
      pg,
      125,
      50,
      [
        ['KV-Nr. (Vorgang)', `KV-${r.digits(6)}`],
        ['IK Leistungserbringer', iss.ik],
        ['Datum', c.today()],
      ],
      { lw: 35 },
    );
    let y = 92;
    pg.t(20, y, 'Kostenvoranschlag – Versorgung mit Hörsystemen', { size: 12, f: 'sansB' });
    y += 7;
    const kv = c.okv();
    pg.t(20, y, `Versicherte/r: ${c.rev()}, geb. ${c.birth(c.owner, 0)}, ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, {
      size: 9,
    });
    y += 5;
    if (kv) {
      pg.t(20, y, `Versichertennummer: ${kv}     Status: 5000000`, { size: 9 });
      y += 5;
    }
    pg.t(20, y, `Verordnung: HNO-Praxis ${I.person(r).full} vom ${dmy(addDays(c.date, -r.int(10, 40)))}, Diagnose H90.3 G beidseits`, {
      size: 9,
    });
    y += 8;
    const model = r.pick(['Audio Pro 5 HdO', 'ClearSound RIC 312', 'Vita Mini R', 'Lumina 7']);
    const price = r.int(900, 2400);
    const rows = [
      ['13.20.12.' + r.digits(4), `Hörsystem ${model} rechts`, '1', euro(price, '')],
      ['13.20.12.' + r.digits(4), `Hörsystem ${model} links`, '1', euro(price, '')],
      ['', 'Otoplastik / Ohrpassstück', '2', euro(r.int(40, 90), '')],
      ['', 'Reparaturpauschale 6 Jahre', '2', euro(125, '')],
    ];
    y = pg.table(
      20,
      y,
      [
        { w: 35, h: 'HMV-Position' },
        { w: 90, h: 'Bezeichnung' },
        { w: 15, h: 'Menge', a: 'end' },
        { w: 30, h: 'Einzelpreis', a: 'end' },
      ],
      rows,
      { size: 8.5, grid: true, rowH: 6 },
    );
    y += 6;
    pg.t(20, y, `Vertragspreis (Festbetrag) je Ohr: ${euro(r.int(700, 800))}`, { size: 9.5 });
    y += 5;
    pg.t(20, y, `Gesetzliche Zuzahlung: 10,00 € je Hörsystem`, { size: 9.5 });
    y += 5;
    pg.t(20, y, `Wirtschaftliche Aufzahlung der/des Versicherten (Mehrkosten): ${euro(2 * price - 1500)}`, { size: 9.5, f: 'sansB' });
    y += 10;
    pg.para(
      20,
      y,
      170,
      'Der Versicherten wurde ein aufzahlungsfreies Hörsystem angeboten und vergleichend angepasst (Mehrkostenerklärung liegt vor).',
      { size: 8.5 },
    );
    footer(pg, iss, 0);
    return [pg.page()];
  },
};

/** Wheelchair cost estimate from a medical supply store (dense table, VAT). */
const wheelchair: Template = {
  id: 'rx_kv_wheelchair',
  type: 'prescription_or_plan',
  desc: 'Sanitätshaus Kostenvoranschlag wheelchair (HMV positions, accessories, VAT)',
  eligible: (m, a, d) => ageAt(m, d) >= 60 || ageAt(m, d) <= 12,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.shop(r, `Sanitätshaus ${r.pick(['Mobil', 'Vital', 'Schneider', 'RehaTeam Nord'])} GmbH`, [
        'Orthopädietechnik · Rehatechnik · Homecare',
      ]);
    pg.rect(0, 0, 8, 297, { fill: iss.color });
    pg.t(20, 18, iss.name, { size: 14, f: 'sansB', color: iss.color });
    pg.t(20, 23, `${iss.sub[0]} · ${iss.street} · ${iss.plz} ${iss.city} · IK ${iss.ik}`, { size: 7.5 });
    let y = 36;
    pg.t(20, y, 'KOSTENVORANSCHLAG', { size: 16, f: 'sansB' });
    pg.t(190, y, `Nr. KV${r.digits(7)}`, { size: 10, a: 'end' });
    y += 6;
    pg.t(190, y, `Datum: ${c.today()}`, { size: 9, a: 'end' });
    y += 6;
    const kv = c.okv();
    pg.rect(20, y, 170, 22, { stroke: '#888' });
    pg.t(23, y + 5, 'Versicherte/r', { size: 7, color: '#555' });
    pg.t(23, y + 11, `${c.rev()}   geb. ${c.birth(c.owner, 0)}`, { size: 10 });
    pg.t(23, y + 17, `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 9 });
    pg.t(120, y + 11, kv ? `Vers.-Nr.: ${kv}` : 'Vers.-Nr.: ___________', { size: 9.5, f: 'mono' });
    pg.t(120, y + 17, `Kostenträger: ${c.insurer.short} (${c.insurer.ik})`, { size: 8.5 });
    y += 28;
    const items: [string, string, number][] = [
      ['18.50.02.' + r.digits(4), 'Leichtgewichtrollstuhl, Sitzbreite 44 cm', r.int(900, 1800)],
      ['18.99.99.' + r.digits(4), 'Therapietisch, abnehmbar', r.int(90, 180)],
      ['18.99.99.' + r.digits(4), 'Sitzkissen Antidekubitus', r.int(120, 260)],
      ['18.99.99.' + r.digits(4), 'Trommelbremse für Begleitperson', r.int(150, 240)],
      ['', 'Einweisung und Anpassung', r.int(45, 90)],
      ['', 'Lieferung frei Haus', 0],
    ];
    let net = 0;
    y = pg.table(
      20,
      y,
      [
        { w: 32, h: 'HMV-Nr.' },
        { w: 88, h: 'Artikel' },
        { w: 14, h: 'Menge', a: 'end' },
        { w: 36, h: 'netto €', a: 'end' },
      ],
      items.map(([a, b, v]) => {
        net += v;
        return [a, b, '1', euro(v, '')];
      }),
      { size: 8.5, zebra: '#f3f3f3', rowH: 6 },
    );
    y += 6;
    pg.t(150, y, 'Summe netto', { size: 9, a: 'end' });
    pg.t(190, y, euro(net), { size: 9, a: 'end' });
    y += 5;
    pg.t(150, y, 'MwSt. 7 %', { size: 9, a: 'end' });
    pg.t(190, y, euro(net * 0.07), { size: 9, a: 'end' });
    y += 5;
    pg.t(150, y, 'Gesamtbetrag', { size: 10, f: 'sansB', a: 'end' });
    pg.t(190, y, euro(net * 1.07), { size: 10, f: 'sansB', a: 'end' });
    y += 12;
    pg.para(
      20,
      y,
      170,
      `Ärztliche Verordnung vom ${dmy(addDays(c.date, -r.int(5, 25)))} liegt bei. Wir bitten um Kostenübernahme. Gültigkeit des Angebots: 3 Monate.`,
      { size: 9 },
    );
    pg.t(20, 285, `${iss.bank} · IBAN ${iss.iban} · Amtsgericht ${iss.city.split(' ')[0]} HRB ${r.digits(5)}`, {
      size: 6.8,
      color: '#555',
    });
    return [pg.page()];
  },
};

export const PRESCRIPTION: Template[] = [hkp, kfo, heilmittel, muster16('hilfsmittel'), muster16('arznei'), hearing, wheelchair];
