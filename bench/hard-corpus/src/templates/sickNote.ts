// sick_note: Arbeitsunfähigkeitsbescheinigungen in several issuer styles.
import type { Template } from './common.js';
import type { Ctx } from '../ctx.js';
import { worker, kassen, span, statusOf } from './common.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, kassenBlock, practiceStamp } from '../widgets.js';
import { ICD_ADULT } from '../data.js';
import { dmy, addDays, dmyCompact } from '../fmt.js';

const icds = (c: Ctx, n?: number) => c.rng.sample(ICD_ADULT, n ?? c.rng.int(1, 2)) as [string, string][];

/** Muster-1-like form, printed by the practice software into a preprinted form. */
const muster1: Template = {
  id: 'au_muster1',
  type: 'sick_note',
  desc: 'Muster 1 style AU form (printed into preprinted form)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.practice(r);
    const fc = r.pick(['#b03a2e', '#a04000', '#8e6c00', '#c0392b']);
    const first = r.chance(0.6);
    const sp = span(c, 2, 12, first ? 0 : 10);
    const feststellung = first ? sp.start : c.date;
    pg.t(15, 10, 'Muster 1a (1.2024)', { size: 6, color: fc });
    kassenBlock(pg, 15, 14, kassen(c, iss, c.owner, undefined, feststellung), {
      formColor: fc,
      shift: [r.float(-1.5, 2), r.float(-1, 1.5)],
    });
    pg.t(112, 20, 'Arbeitsunfähigkeits-', { size: 15, f: 'sansB', color: fc });
    pg.t(112, 27, 'bescheinigung', { size: 15, f: 'sansB', color: fc });
    pg.t(112, 34, 'Ausfertigung zur Vorlage bei der Krankenkasse', { size: 7.5, color: fc });
    pg.check(112, 44, first, 'Erstbescheinigung', { size: 9 });
    pg.check(150, 44, !first, 'Folgebescheinigung', { size: 9 });
    let y = 66;
    pg.check(15, y, false, 'Arbeitsunfall, Arbeitsunfallfolgen, Berufskrankheit', { size: 8 });
    pg.check(112, y, false, 'dem Durchgangsarzt zugewiesen', { size: 8 });
    y += 10;
    const fields: [string, string][] = [
      ['arbeitsunfähig seit', dmy(sp.start)],
      ['voraussichtlich arbeitsunfähig bis einschließlich\noder letzter Tag der Arbeitsunfähigkeit', dmy(sp.end)],
      ['festgestellt am', dmy(feststellung)],
    ];
    for (const [l, v] of fields) {
      l.split('\n').forEach((part, i) => pg.t(15, y + i * 3.6, part, { size: 8, color: fc }));
      pg.cells(120, y - 4.5, v.replace(/\./g, ''), 8, { cw: 5, h: 6, size: 10.5 });
      y += 10;
    }
    pg.t(15, y + 2, 'AU-begründende Diagnose(n) (ICD-10)', { size: 8, color: fc });
    y += 5;
    const dx = icds(c);
    dx.forEach(([code], i) => {
      pg.rect(15 + i * 40, y, 36, 7, { stroke: fc, sw: 0.25 });
      pg.t(17 + i * 40, y + 5.3, `${code} ${r.pick(['G', 'G', 'V'])}`, { size: 10.5, f: 'mono' });
    });
    y += 14;
    pg.check(15, y, false, 'sonstiger Unfall, Unfallfolgen', { size: 8 });
    pg.check(80, y, false, 'Versorgungsleiden (BVG)', { size: 8 });
    y += 10;
    pg.t(15, y, 'Es wird die Einleitung folgender besonderer Maßnahmen durch die Krankenkasse für erforderlich gehalten', {
      size: 7.5,
      color: fc,
    });
    pg.check(15, y + 6, false, 'Leistungen zur medizinischen Rehabilitation', { size: 8 });
    pg.check(100, y + 6, false, 'stufenweise Wiedereingliederung', { size: 8 });
    y += 20;
    pg.rect(112, y, 83, 32, { stroke: fc, sw: 0.25 });
    pg.t(113, y + 35, 'Vertragsarztstempel / Unterschrift des Arztes', { size: 6, color: fc });
    practiceStamp(pg, r, 115, y + 3, iss, { withNumbers: true });
    pg.sig(150, y + 27, 32);
    pg.para(15, y + 10, 90, dx.map(([a, b]) => `${a}: ${b}`).join('\n'), { size: 7, color: '#555' });
    return [pg.page()];
  },
};

/** eAU era printout for the patient, as produced by practice software on plain paper. */
const eauPrint: Template = {
  id: 'au_eau_printout',
  type: 'sick_note',
  desc: 'eAU printout "Ausfertigung für Versicherte" on plain paper',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.practice(r);
    const first = r.chance(0.5);
    const sp = span(c, 3, 10, first ? 0 : 8);
    let y = letterhead(pg, iss, r.int(0, 5));
    y += 8;
    pg.t(20, y, 'Arbeitsunfähigkeitsbescheinigung', { size: 16, f: 'sansB' });
    pg.t(20, y + 6.5, 'Ausfertigung für Versicherte', { size: 10 });
    pg.t(190, y + 6.5, first ? 'Erstbescheinigung' : 'Folgebescheinigung', { size: 10, f: 'sansB', a: 'end' });
    y += 16;
    const rows: [string, string][] = [
      ['Versicherte/r', c.rev()],
      ['geboren am', c.birth(c.owner, 0)],
      ['Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
      ['Krankenkasse', c.insurer.name],
      ['Kostenträgerkennung', c.insurer.ik],
    ];
    const kv = c.okv();
    if (kv) rows.push([r.pick(['Versichertennummer', 'Versicherten-Nr.', 'KVNR']), kv]);
    rows.push(['Status', statusOf(c.owner, c.date)]);
    rows.forEach(([l, v], i) => {
      pg.t(20, y + i * 6, l, { size: 9, color: '#444' });
      pg.t(70, y + i * 6, v, { size: 10 });
    });
    y += rows.length * 6 + 6;
    pg.hl(y - 3);
    const rows2: [string, string][] = [
      ['arbeitsunfähig seit', dmy(sp.start)],
      ['voraussichtlich bis einschließlich', dmy(sp.end)],
      ['festgestellt am', dmy(first ? sp.start : c.date)],
    ];
    rows2.forEach(([l, v], i) => {
      pg.t(20, y + 3 + i * 6.5, l, { size: 10 });
      pg.t(110, y + 3 + i * 6.5, v, { size: 11, f: 'sansB' });
    });
    y += 26;
    pg.t(20, y, 'Diagnose(n):', { size: 9, color: '#444' });
    icds(c).forEach(([code, txt], i) => pg.t(45, y + i * 5, `${code} G   ${txt}`, { size: 9.5 }));
    y += 16;
    pg.para(
      20,
      y,
      170,
      'Die Daten dieser Arbeitsunfähigkeitsbescheinigung wurden elektronisch an Ihre Krankenkasse übermittelt (eAU). Ihr Arbeitgeber ruft die Daten elektronisch ab. Diese Ausfertigung ist für Ihre Unterlagen bestimmt.',
      { size: 8, color: '#333' },
    );
    y += 18;
    infoBlock(
      pg,
      20,
      y,
      [
        ['Betriebsstätten-Nr.', iss.bsnr],
        ['Arzt-Nr. (LANR)', iss.lanr],
        ['Datum', c.today()],
      ],
      { lw: 35 },
    );
    pg.sig(130, y + 8, 40);
    pg.hl(y + 10, 125, 185);
    pg.t(125, y + 13, iss.person || iss.name, { size: 7.5 });
    footer(pg, iss, r.int(0, 1));
    return [pg.page()];
  },
};

/** Hospital confirmation of an in-patient stay with subsequent incapacity for work. */
const hospitalStay: Template = {
  id: 'au_hospital_liege',
  type: 'sick_note',
  desc: 'hospital Liegebescheinigung with AU after discharge (letter)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.hospital(r);
    const adm = addDays(c.date, -r.int(4, 14)),
      dis = addDays(c.date, -r.int(0, 2)),
      auEnd = addDays(dis, r.int(7, 21));
    let y = letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, [
      c.salutationDat(),
      c.full(),
      c.owner.street,
      `${c.owner.postalCode} ${c.owner.city}`,
    ]);
    infoBlock(pg, 125, 52, [
      ['Fall-Nr.', `${r.digits(2)}${r.digits(6)}`],
      ['Aufnahme-Nr.', r.digits(9)],
      ['Station', r.pick(['3B', 'C2', 'Ost 4', '7', 'IMC'])],
      ['IK', iss.ik],
      ['Datum', c.today()],
    ]);
    y = 95;
    pg.t(
      20,
      y,
      r.pick([
        'Bescheinigung über stationären Aufenthalt',
        'Liegebescheinigung',
        'Aufenthaltsbescheinigung zur Vorlage bei der Krankenkasse / beim Arbeitgeber',
      ]),
      { size: 12, f: 'sansB' },
    );
    y += 10;
    const kv = c.okv();
    const p = `${c.salutation() === 'Frau' ? 'Frau' : 'Herr'} ${c.full()}, geboren am ${c.birth(c.owner, 0)}${kv ? ` (Versichertennummer ${kv}, ${c.insurer.name})` : ''}, wohnhaft ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}, befand sich vom ${dmy(adm)} bis ${dmy(dis)} in unserer stationären Behandlung (${iss.sub[0]}).\n\nIm Anschluss an die Entlassung besteht weiterhin Arbeitsunfähigkeit voraussichtlich bis einschließlich ${dmy(auEnd)}. Eine ggf. erforderliche weitere Bescheinigung stellt der weiterbehandelnde Haus- bzw. Facharzt aus.\n\nDiese Bescheinigung gilt gemäß § 4 der Arbeitsunfähigkeits-Richtlinie zugleich als Nachweis der Arbeitsunfähigkeit für die Dauer des stationären Aufenthaltes.`;
    y = pg.para(20, y, 170, p, { size: 10.5, f: r.pick(['sans', 'serif']) });
    y += 8;
    pg.t(20, y, 'Mit freundlichen Grüßen', { size: 10 });
    pg.sig(22, y + 14, 38);
    pg.t(20, y + 20, r.pick(['i. A. ', '']) + I.person(r, r.pick(['Dr. med.', 'Oberärztin Dr.', 'Assistenzarzt'])).full, { size: 9 });
    pg.t(20, y + 24, 'Patientenaufnahme / Stationssekretariat', { size: 8, color: '#555' });
    footer(pg, iss, 0);
    return [pg.page()];
  },
};

/** Free-text attestation from a private doctor or a doctor abroad. */
const attest: Template = {
  id: 'au_attest_letter',
  type: 'sick_note',
  desc: 'free-text ärztliche Bescheinigung (private or foreign doctor)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const abroad = r.chance(0.4);
    const iss = I.practice(r);
    if (abroad) {
      iss.name = `Ordination ${iss.person || 'Dr. ' + iss.name}`;
      iss.city = r.pick([
        '6370 Kitzbühel (Österreich)',
        '39100 Bozen (Italien)',
        '07001 Palma de Mallorca (Spanien)',
        '8280 Kreuzlingen (Schweiz)',
      ]);
      iss.plz = '';
      iss.phone = '+43 5356 ' + r.digits(5);
    }
    let y = letterhead(pg, iss, r.int(0, 5)) + 10;
    pg.t(190, y, `${iss.city.split(' (')[0].replace(/^\d+\s*/, '')}, ${c.today()}`, { size: 10, a: 'end' });
    y += 14;
    pg.t(20, y, r.pick(['Ärztliche Bescheinigung', 'Ärztliches Attest', 'Bescheinigung über Arbeitsunfähigkeit', 'ATTEST']), {
      size: 14,
      f: 'serifB',
    });
    y += 10;
    const sp = span(c, 4, 12, 2);
    const dx = icds(c, 1)[0];
    const kv = c.okv();
    y = pg.para(
      20,
      y,
      168,
      `Hiermit bescheinige ich, dass ${c.salutation() === 'Frau' ? 'Frau' : 'Herr'} ${c.full()}, geb. ${c.birth(c.owner, 0)}, wohnhaft in ${c.owner.postalCode} ${c.owner.city}, ${c.owner.street}, sich seit dem ${sp.s} in meiner ärztlichen Behandlung befindet.\n\nAufgrund der Erkrankung (${dx[1]}, ICD-10 ${dx[0]}) ist ${c.owner.sex === 'f' ? 'die Patientin' : 'der Patient'} vom ${sp.s} bis voraussichtlich ${sp.e} arbeitsunfähig.${kv ? `\n\nKrankenversicherung: ${c.insurer.name}, Vers.-Nr. ${kv}` : ''}\n\n${abroad ? 'Die Bescheinigung wurde während eines Auslandsaufenthaltes ausgestellt. Die Behandlung erfolgte privatärztlich.' : 'Die Bescheinigung wird auf Wunsch des Patienten zur Vorlage bei der Krankenkasse ausgestellt.'}`,
      { size: 11, f: 'serif', lh: 6 },
    );
    y += 12;
    practiceStamp(pg, r, 110, y, iss, { withNumbers: !abroad });
    pg.sig(30, y + 12, 40);
    pg.hl(y + 15, 20, 85);
    pg.t(20, y + 18.5, 'Unterschrift', { size: 7 });
    return [pg.page()];
  },
};

/** Emergency-service form, filled out entirely by hand. */
const handForm: Template = {
  id: 'au_handwritten_form',
  type: 'sick_note',
  desc: 'AU form of the emergency practice, all fields handwritten',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.practice(r);
    iss.name = `Ärztliche Bereitschaftspraxis ${r.pick(['am Klinikum', 'Innenstadt', 'Nord'])}`;
    iss.sub = ['Kassenärztliche Vereinigung · Bereitschaftsdienst 116117'];
    const fc = r.pick(['#7b241c', '#1a5276', '#6e2c00']);
    pg.t(105, 14, 'Arbeitsunfähigkeitsbescheinigung', { size: 15, f: 'sansB', a: 'middle', color: fc });
    pg.t(105, 20, 'zur Vorlage bei der Krankenkasse', { size: 9, a: 'middle', color: fc });
    kassenBlock(pg, 15, 28, kassen(c, iss), { formColor: fc, hand: true });
    pg.t(115, 34, iss.name, { size: 8.5, f: 'sansB' });
    pg.t(115, 38.5, iss.sub[0], { size: 7 });
    pg.t(115, 43, `${iss.street}, ${iss.plz} ${iss.city}`, { size: 7 });
    let y = 86;
    const sp = span(c, 1, 5, 0);
    pg.check(15, y, true, 'Erstbescheinigung', { hand: true, size: 10 });
    pg.check(70, y, false, 'Folgebescheinigung', { size: 10 });
    y += 14;
    const put = (l: string, v: string) => {
      pg.t(15, y, l, { size: 9, color: fc });
      pg.hl(y + 1, 90, 180, { stroke: fc });
      pg.hand(95, y - 0.5, v, { size: 13 });
      y += 12;
    };
    put('arbeitsunfähig seit', sp.s);
    put('voraussichtlich bis einschließlich', sp.e);
    put('festgestellt am', sp.s);
    const dx = icds(c, 1)[0];
    put('Diagnose (ICD-10)', `${dx[0]} G`);
    pg.t(15, y + 2, 'Hinweis: Bei Fortdauer der Arbeitsunfähigkeit bitte Weiterbehandlung beim Hausarzt.', { size: 8, color: '#444' });
    y += 20;
    pg.rect(110, y, 80, 36, { stroke: fc });
    pg.t(111, y + 39, 'Stempel und Unterschrift des Arztes', { size: 6.5, color: fc });
    practiceStamp(pg, r, 113, y + 3, iss, { withNumbers: true });
    pg.sig(140, y + 30, 35);
    return [pg.page()];
  },
};

/** Rehabilitation clinic discharge notice, "arbeitsunfähig entlassen". */
const reha: Template = {
  id: 'au_reha_discharge',
  type: 'sick_note',
  desc: 'rehab clinic discharge notice "arbeitsunfähig entlassen" (table)',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.rehaClinic(r);
    let y = letterhead(pg, iss, r.int(0, 5)) + 6;
    pg.t(20, y, 'Mitteilung über die Entlassung aus der medizinischen Rehabilitation', { size: 12, f: 'sansB' });
    pg.t(20, y + 5.5, 'Bescheinigung der Arbeitsunfähigkeit bei Entlassung', { size: 10 });
    y += 14;
    const adm = addDays(c.date, -r.int(21, 28));
    const dis = addDays(c.date, -r.int(0, 3));
    const kv = c.okv();
    const rows: [string, string][] = [
      ['Rehabilitand/in', c.rev()],
      ['Geburtsdatum', c.birth(c.owner, 0)],
      ['Anschrift', `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`],
      ['Rentenversicherungsnummer', `${r.int(10, 65)} ${dmyCompact(c.owner.birthDate)} ${c.owner.asciiLast[0]} ${r.digits(3)}`],
      ['Krankenkasse', c.insurer.name],
      ...(kv ? [['Versicherten-Nr. KK', kv] as [string, string]] : []),
      [
        'Kostenträger der Reha',
        r.pick(['Deutsche Rentenversicherung Bund', 'DRV Westfalen', 'DRV Knappschaft-Bahn-See', 'Deutsche Rentenversicherung Nord']),
      ],
      ['Aufnahme', dmy(adm)],
      ['Entlassung', dmy(dis)],
      ['Entlassungsform', 'regulär'],
      ['Arbeitsfähigkeit bei Entlassung', 'arbeitsunfähig'],
      ['AU voraussichtlich bis', dmy(addDays(dis, r.int(7, 28)))],
    ];
    rows.forEach(([l, v], i) => {
      pg.rect(20, y + i * 7, 170, 7, { stroke: '#999', sw: 0.15 });
      pg.t(22, y + i * 7 + 4.8, l, { size: 8.5, color: '#444' });
      pg.t(85, y + i * 7 + 4.8, v, { size: 10, f: i >= 10 ? 'sansB' : 'sans' });
    });
    y += rows.length * 7 + 10;
    y = pg.para(
      20,
      y,
      170,
      `Die Rehabilitandin/der Rehabilitand wurde arbeitsunfähig entlassen. Die weitere Bescheinigung der Arbeitsunfähigkeit erfolgt durch den weiterbehandelnden Arzt. Diagnose: ${icds(c, 1)[0].join(' ')}.`,
      { size: 9.5 },
    );
    pg.t(20, y + 10, `${iss.city}, ${c.today()}`, { size: 9.5 });
    pg.sig(110, y + 12, 40);
    pg.hl(y + 14, 105, 185);
    pg.t(105, y + 17.5, `${iss.person}, Ärztliche Leitung`, { size: 7.5 });
    footer(pg, iss, 1);
    return [pg.page()];
  },
};

/** Dentist's AU on a compact half-page form with a table of dates; KVNR in a boxed row. */
const dentistAu: Template = {
  id: 'au_dentist_compact',
  type: 'sick_note',
  desc: 'dentist AU, compact half-page layout, KVNR in character boxes',
  eligible: worker,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.dentist(r);
    const y = letterhead(pg, iss, r.int(0, 5)) + 4;
    pg.rect(15, y, 180, 120, { stroke: '#444', sw: 0.4 });
    pg.t(20, y + 9, 'Zahnärztliche Arbeitsunfähigkeitsbescheinigung', { size: 13, f: 'sansB' });
    pg.t(20, y + 15, 'Ausfertigung für die Krankenkasse', { size: 8 });
    let yy = y + 24;
    pg.t(20, yy, 'Name, Vorname', { size: 7, color: '#444' });
    pg.t(20, yy + 5, c.rev(), { size: 11, f: 'mono' });
    pg.t(120, yy, 'geb. am', { size: 7, color: '#444' });
    pg.t(120, yy + 5, dmy(c.owner.birthDate), { size: 11, f: 'mono' });
    yy += 12;
    pg.t(20, yy, 'Anschrift', { size: 7, color: '#444' });
    pg.t(20, yy + 5, `${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 10, f: 'mono' });
    yy += 12;
    const raw = c.okvRaw();
    pg.cells(20, yy, raw, 10, { label: 'Versicherten-Nr.', cw: 5, h: 6.5, size: 11 });
    pg.t(80, yy - 0.8, 'Krankenkasse', { size: 5.5, color: '#444' });
    pg.t(80, yy + 5, c.insurer.name, { size: 9.5 });
    yy += 16;
    const sp = span(c, 1, 4, 0);
    pg.table(
      20,
      yy,
      [
        { w: 60, h: 'arbeitsunfähig seit' },
        { w: 60, h: 'voraussichtlich bis' },
        { w: 50, h: 'festgestellt am' },
      ],
      [[sp.s, sp.e, sp.s]],
      { size: 10, rowH: 7, grid: true },
    );
    yy += 20;
    pg.t(
      20,
      yy,
      `Diagnose: ${r.pick(['K04.7 G Periapikaler Abszess', 'K08.3 G Retinierter Zahn (Weisheitszahn-OP)', 'K05.2 G Akute Parodontitis', 'K10.3 G Alveolitis'])}`,
      { size: 9.5 },
    );
    pg.sig(130, yy + 16, 35);
    pg.t(120, yy + 21, `Zahnarzt-Nr. ${r.digits(9)}`, { size: 7.5, color: '#444' });
    return [pg.page()];
  },
};

export const SICK_NOTE: Template[] = [muster1, eauPrint, hospitalStay, attest, handForm, reha, dentistAu];
