// invoice: bills the member paid and wants reimbursed.
import type { Template } from './common.js';
import { anyone, adult, handKvNote, isChildWithParent } from './common.js';
import type { Ctx } from '../ctx.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer } from '../widgets.js';
import { dmy, addDays, euro, invoiceNo, kvnrLookingNumber } from '../fmt.js';
import type { Member } from '../members.js';
import { ageAt } from '../members.js';
import type { Pg } from '../page.js';

/** Who receives the bill: the patient, or for a child the parent (main member). */
function payer(c: Ctx): Member {
  return c.owner.role === 'child' ? (c.mainMember() ?? c.owner) : c.owner;
}

/** Patient block: for child patients the parent is Rechnungsempfänger; in family mode both KVNRs. */
function patientLines(c: Ctx, withKv: boolean): string[] {
  const p = payer(c);
  const lines: string[] = [];
  const kv = withKv ? c.okv() : '';
  lines.push(`Patient/in: ${c.full()}, geb. ${c.birth(c.owner, 0)}${kv ? `, Vers.-Nr. ${kv}` : ''}`);
  if (p !== c.owner) {
    const pk = c.family ? c.kvOf(p) : '';
    lines.push(`Rechnungsempfänger: ${c.full(p)}${pk ? ` (Hauptversicherte/r, KV-Nr. ${pk})` : ''}`);
  }
  return lines;
}

/** Put the KVNR either into the patient block or as the member's handwritten note. */
function kvPlacement(c: Ctx): 'block' | 'hand' {
  return c.rng.chance(0.55) ? 'block' : 'hand';
}

function itemsTable(pg: Pg, y: number, rows: string[][], cols: { w: number; h: string; a?: 'start' | 'end' | 'middle' }[], style: number) {
  return pg.table(20, y, cols, rows, {
    size: 8.5,
    rowH: 5.4,
    grid: style === 1,
    headFill: style === 2 ? '#e6e6e6' : undefined,
    zebra: style === 3 ? '#f2f2f2' : undefined,
  });
}

const PW = 0.0582873; // GOÄ Punktwert
const GOZ = 0.0562421;

const dentistPzr: Template = {
  id: 'inv_dentist_pzr',
  type: 'invoice',
  desc: 'dentist invoice, professional tooth cleaning (GOZ), table with tooth/GOZ no.',
  eligible: (m, a, d) => ageAt(m, d) >= 6,
  family: true,
  famEligible: isChildWithParent,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.dentist(r),
      p = payer(c);
    letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, [
      c.salutationDat(p),
      c.full(p),
      p.street,
      `${p.postalCode} ${p.city}`,
    ]);
    const no = invoiceNo(r, c.date.getUTCFullYear());
    infoBlock(pg, 125, 50, [
      ['Rechnungs-Nr.', no],
      ['Rechnungsdatum', c.today()],
      ['Patienten-Nr.', r.digits(5)],
      ['Steuer-Nr.', iss.steuernr],
    ]);
    let y = 98;
    pg.t(20, y, 'Liquidation', { size: 13, f: 'sansB' });
    y += 6;
    const place = kvPlacement(c);
    for (const l of patientLines(c, place === 'block')) {
      pg.t(20, y, l, { size: 9 });
      y += 4.6;
    }
    y += 2;
    pg.t(20, y, `Behandlungszeitraum: ${dmy(addDays(c.date, -r.int(3, 20)))}`, { size: 9 });
    y += 6;
    const teeth = r.int(22, 28);
    const f = r.pick([1.0, 1.8, 2.3, 3.5]);
    const d = dmy(addDays(c.date, -r.int(3, 20)));
    const rows = [
      [
        d,
        '',
        '1040',
        'Professionelle Zahnreinigung, je Zahn',
        f.toFixed(1).replace('.', ','),
        String(teeth),
        euro(28 * GOZ * f * teeth, ''),
      ],
      [d, '', '4005', 'Erhebung Gingival-/Parodontalindex', '2,3', '1', euro(80 * GOZ * 2.3, '')],
      [d, 'OK/UK', '1020', 'Lokale Fluoridierung zur Verbesserung der Zahnhartsubstanz', '2,3', '1', euro(50 * GOZ * 2.3, '')],
      [d, '', '', 'Material: Polierpaste, Fluoridlack', '', '1', euro(r.float(2, 6), '')],
    ];
    const total = rows.reduce((s, row) => s + Number(row[6].replace('.', '').replace(',', '.')), 0);
    y = itemsTable(
      pg,
      y,
      rows,
      [
        { w: 20, h: 'Datum' },
        { w: 12, h: 'Zahn' },
        { w: 13, h: 'GOZ' },
        { w: 78, h: 'Leistung' },
        { w: 14, h: 'Faktor', a: 'end' },
        { w: 12, h: 'Anz.', a: 'end' },
        { w: 21, h: 'Betrag €', a: 'end' },
      ],
      r.int(0, 3),
    );
    y += 6;
    pg.t(150, y, 'Rechnungsbetrag', { size: 10, f: 'sansB', a: 'end' });
    pg.t(190, y, euro(total), { size: 10, f: 'sansB', a: 'end' });
    y += 10;
    y = pg.para(
      20,
      y,
      170,
      `Bitte überweisen Sie den Betrag innerhalb von 30 Tagen unter Angabe der Rechnungsnummer ${no} auf das unten genannte Konto. Die professionelle Zahnreinigung ist keine Leistung der gesetzlichen Krankenversicherung; eine Erstattung richtet sich nach den Satzungsleistungen Ihrer Krankenkasse.`,
      { size: 8.5 },
    );
    footer(pg, iss, 0);
    if (place === 'hand') handKvNote(c, pg, 120, 40);
    return [pg.page()];
  },
};

const goaBill: Template = {
  id: 'inv_goae_pvs',
  type: 'invoice',
  desc: 'private doctor bill (GOÄ) via billing office, diagnosis line, many numbers',
  eligible: anyone,
  family: true,
  famEligible: isChildWithParent,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      doc = I.practice(r),
      p = payer(c);
    const pvs = I.base(r, `PVS ${r.pick(['Rhein-Ruhr', 'Süd', 'Nord', 'Mitte'])} Privatärztliche Verrechnungsstelle GmbH`, [
      'im Auftrag von ' + (doc.person || doc.name),
    ]);
    pg.t(20, 16, pvs.name, { size: 11, f: 'sansB', color: pvs.color });
    pg.t(20, 21, `im Auftrag von ${doc.person || doc.name}, ${doc.sub[doc.sub.length - 1]}`, { size: 8.5 });
    pg.t(20, 25, `${doc.street}, ${doc.plz} ${doc.city}`, { size: 8.5 });
    addressWindow(pg, `${pvs.name.slice(0, 40)} · Postfach ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} · ${pvs.plz} ${pvs.city}`, [
      c.salutationDat(p),
      c.full(p),
      p.street,
      `${p.postalCode} ${p.city}`,
    ]);
    const no = invoiceNo(r, c.date.getUTCFullYear());
    pg.rect(122, 44, 70, 34, { stroke: '#888', sw: 0.2 });
    infoBlock(
      pg,
      125,
      50,
      [
        ['Rechnungsnummer', no],
        ['Rechnungsdatum', c.today()],
        ['Kunden-Nr.', r.digits(8)],
        ['Zahlbar bis', dmy(addDays(c.date, 30))],
        ['Service-Tel.', pvs.phone],
        ['Betrag', ''],
      ],
      { lw: 28, size: 8 },
    );
    let y = 92;
    pg.t(20, y, 'Privatärztliche Rechnung nach der Gebührenordnung für Ärzte (GOÄ)', { size: 11, f: 'sansB' });
    y += 6;
    const place = kvPlacement(c);
    for (const l of patientLines(c, place === 'block')) {
      pg.t(20, y, l, { size: 9 });
      y += 4.6;
    }
    const dx = r.pick([
      'J06.9 Akuter Infekt der oberen Atemwege',
      'M54.5 Lumbalgie',
      'R10.4 Bauchschmerzen',
      'I10.90 Arterielle Hypertonie',
      'L30.9 Dermatitis',
    ]);
    pg.t(20, y, `Diagnose: ${dx}`, { size: 9 });
    y += 7;
    const goa: [string, string, number, number][] = [
      ['1', 'Beratung, auch telefonisch', 80, 2.3],
      ['5', 'Symptombezogene Untersuchung', 80, 2.3],
      ['7', 'Vollständige Untersuchung eines Organsystems', 160, 2.3],
      ['250', 'Blutentnahme mittels Spritze', 40, 1.8],
      ['3511', 'Untersuchung eines Körpermaterials', 50, 1.15],
      ['410', 'Ultraschalluntersuchung eines Organs', 200, 1.8],
      ['651', 'Elektrokardiographische Untersuchung in Ruhe', 152, 1.8],
      ['75', 'Ausführlicher schriftlicher Krankheits- und Befundbericht', 130, 2.3],
    ];
    const chosen = r.sample(goa, r.int(3, 6));
    const d0 = addDays(c.date, -r.int(10, 40));
    let total = 0;
    const rows = chosen.map(([z, txt, pts, f], i) => {
      const v = Math.round(pts * PW * f * 100) / 100;
      total += v;
      return [dmy(addDays(d0, i > 2 ? 7 : 0)), z, txt, String(pts), f.toFixed(2).replace('.', ','), euro(v, '')];
    });
    y = itemsTable(
      pg,
      y,
      rows,
      [
        { w: 20, h: 'Datum' },
        { w: 12, h: 'GOÄ' },
        { w: 85, h: 'Leistung' },
        { w: 14, h: 'Punkte', a: 'end' },
        { w: 16, h: 'Faktor', a: 'end' },
        { w: 23, h: 'Betrag EUR', a: 'end' },
      ],
      r.int(0, 3),
    );
    y += 6;
    pg.t(150, y, 'Summe', { size: 10, f: 'sansB', a: 'end' });
    pg.t(190, y, euro(total), { size: 10, f: 'sansB', a: 'end' });
    pg.t(180, 75, euro(total), { size: 8, f: 'sansB', a: 'end' });
    y += 10;
    pg.para(
      20,
      y,
      170,
      `Begründung für Überschreitung des 2,3-fachen Satzes: entfällt. Bitte überweisen Sie den Rechnungsbetrag bis zum ${dmy(addDays(c.date, 30))} auf das Konto IBAN ${pvs.iban} (${pvs.bank}). Verwendungszweck: ${no}.`,
      { size: 8.5 },
    );
    footer(pg, pvs, 1);
    if (place === 'hand') handKvNote(c, pg, 22, 88);
    return [pg.page()];
  },
};

const osteo: Template = {
  id: 'inv_osteopath',
  type: 'invoice',
  desc: 'osteopath invoice, minimal modern layout, analog GOÄ',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.therapist(r, 'osteo'),
      p = payer(c);
    pg.t(190, 22, iss.name, { size: 14, f: 'sansB', a: 'end', color: iss.color });
    pg.t(190, 27, iss.sub[0], { size: 8.5, a: 'end' });
    pg.t(190, 31, `${iss.street} | ${iss.plz} ${iss.city} | ${iss.phone}`, { size: 7.5, a: 'end', color: '#555' });
    addressWindow(pg, '', [c.full(p), p.street, `${p.postalCode} ${p.city}`], { y: 55 });
    pg.t(20, 95, 'RECHNUNG', { size: 22, f: 'sansB', color: iss.color });
    const no = invoiceNo(r, c.date.getUTCFullYear());
    infoBlock(pg, 125, 88, [
      ['Nr.', no],
      ['Datum', c.today()],
    ]);
    let y = 106;
    const place = kvPlacement(c);
    for (const l of patientLines(c, place === 'block')) {
      pg.t(20, y, l, { size: 9.5 });
      y += 5;
    }
    y += 4;
    const n = r.int(1, 3);
    const price = r.pick([85, 95, 110, 120]);
    const rows = Array.from({ length: n }, (_, i) => [
      dmy(addDays(c.date, -7 * (n - i))),
      `Osteopathische Behandlung (${r.pick([45, 50, 60])} Min.), analog GOÄ ${r.pick(['3306', '3305', '3306 + 3305'])}`,
      euro(price),
    ]);
    y = pg.table(
      20,
      y,
      [
        { w: 28, h: 'Datum' },
        { w: 115, h: 'Leistung' },
        { w: 27, h: 'Betrag', a: 'end' },
      ],
      rows,
      { size: 9.5, rowH: 7 },
    );
    y += 8;
    pg.t(190, y, `Gesamt: ${euro(price * n)}`, { size: 12, f: 'sansB', a: 'end' });
    y += 12;
    y = pg.para(
      20,
      y,
      170,
      `Gemäß § 4 Nr. 14 UStG umsatzsteuerfrei. Betrag ${r.pick(['dankend in bar erhalten.', 'per EC-Karte bezahlt.', `bitte innerhalb von 14 Tagen überweisen: IBAN ${iss.iban}.`])}\nDiese Rechnung kann bei Ihrer Krankenkasse zur anteiligen Erstattung eingereicht werden (ärztliche Empfehlung liegt vor).`,
      { size: 9 },
    );
    pg.sig(130, y + 14, 40);
    if (place === 'hand') handKvNote(c, pg, 20, 80);
    return [pg.page()];
  },
};

const heilpraktiker: Template = {
  id: 'inv_heilpraktiker',
  type: 'invoice',
  desc: 'Heilpraktiker bill (GebüH), serif letter, cash stamp',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.therapist(r, 'hp');
    letterhead(pg, iss, r.pick([0, 4]));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, c.addrLines(), { f: 'serif' });
    pg.t(190, 60, `${iss.city}, den ${c.today()}`, { size: 10, f: 'serif', a: 'end' });
    let y = 96;
    pg.t(20, y, `Rechnung Nr. ${invoiceNo(r, c.date.getUTCFullYear())}`, { size: 12, f: 'serifB' });
    y += 7;
    const place = kvPlacement(c);
    const kv = place === 'block' ? c.okv() : '';
    pg.t(20, y, `für ${c.salutation()} ${c.full()}, geb. ${c.birth(c.owner, 0)}${kv ? ` — Versichertennummer ${kv}` : ''}`, {
      size: 10,
      f: 'serif',
    });
    y += 6;
    pg.t(
      20,
      y,
      `Diagnose: ${r.pick(['chronische Rückenbeschwerden', 'Erschöpfungssyndrom', 'Migräne', 'Heuschnupfen', 'Schlafstörungen'])}`,
      { size: 10, f: 'serif' },
    );
    y += 8;
    const items: [string, string, number][] = [
      ['1', 'Für die eingehende, das gewöhnliche Maß übersteigende Untersuchung', 22.5],
      ['4', 'Erhebung der Anamnese', 14.5],
      ['5', 'Beratung, auch fernmündlich', 9.5],
      ['27.2', 'Akupunktur einschließlich Pulsdiagnose', 33.0],
      ['20.5', 'Neuraltherapie, je Sitzung', 25.0],
      ['16', 'Spezielle Labordiagnostik', 18.0],
    ];
    const chosen = r.sample(items, r.int(3, 5));
    const d0 = addDays(c.date, -r.int(8, 30));
    let total = 0;
    const rows = chosen.map(([z, t, v], i) => {
      total += v;
      return [dmy(addDays(d0, i * 7)), z, t, euro(v, '')];
    });
    y = pg.table(
      20,
      y,
      [
        { w: 24, h: 'Datum' },
        { w: 14, h: 'Ziff.' },
        { w: 110, h: 'Leistung (GebüH)' },
        { w: 22, h: 'EUR', a: 'end' },
      ],
      rows,
      { size: 9, f: 'serif', rowH: 6, headRole: 'serifB' },
    );
    y += 7;
    pg.t(190, y, `Summe: ${euro(total)}`, { size: 11, f: 'serifB', a: 'end' });
    y += 10;
    pg.para(
      20,
      y,
      170,
      'Die Leistungen sind gemäß § 4 Nr. 14 UStG von der Umsatzsteuer befreit. Eine Erstattung durch die gesetzliche Krankenversicherung ist nur im Rahmen von Satzungs- bzw. Zusatzleistungen möglich.',
      { size: 9, f: 'serif' },
    );
    pg.stamp(130, y + 16, ['BETRAG ERHALTEN', c.today()], { color: '#b03030', size: 10 });
    pg.sig(40, y + 30, 38);
    if (place === 'hand') handKvNote(c, pg, 110, 88);
    return [pg.page()];
  },
};

const travelVax: Template = {
  id: 'inv_travel_vaccination',
  type: 'invoice',
  desc: 'travel vaccination invoice with vaccine PZN and batch numbers',
  eligible: anyone,
  family: true,
  famEligible: isChildWithParent,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.practice(r, 'Reise- und Tropenmedizin, Gelbfieberimpfstelle'),
      p = payer(c);
    letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, [
      c.salutationDat(p),
      c.full(p),
      p.street,
      `${p.postalCode} ${p.city}`,
    ]);
    const no = invoiceNo(r, c.date.getUTCFullYear());
    infoBlock(pg, 125, 50, [
      ['Rechnung', no],
      ['Datum', c.today()],
      ['Reiseziel', r.pick(['Kenia', 'Thailand', 'Peru', 'Indien', 'Tansania', 'Vietnam'])],
    ]);
    let y = 94;
    pg.t(20, y, 'Rechnung reisemedizinische Leistungen', { size: 12, f: 'sansB' });
    y += 6;
    const place = kvPlacement(c);
    for (const l of patientLines(c, place === 'block')) {
      pg.t(20, y, l, { size: 9 });
      y += 4.6;
    }
    y += 3;
    const vac: [string, number][] = [
      ['Gelbfieber (Stamaril)', 62.4],
      ['Typhus (Typhim Vi)', 36.9],
      ['Hepatitis A (Havrix 1440)', 58.3],
      ['Tollwut (Rabipur), 1. Dosis', 74.5],
      ['Japanische Enzephalitis (Ixiaro)', 109.8],
      ['Cholera (Dukoral), oral', 68.2],
    ];
    const chosen = r.sample(vac, r.int(1, 3));
    const rows: string[][] = [[c.today(), 'GOÄ 1', 'Reisemedizinische Beratung', '', euro(80 * PW * 2.3, '')]];
    let total = 80 * PW * 2.3;
    for (const [name, price] of chosen) {
      rows.push([c.today(), 'GOÄ 375', `Schutzimpfung (i.m.) ${name.split(' (')[0]}`, '', euro(80 * PW * 2.3, '')]);
      total += 80 * PW * 2.3;
      rows.push([
        c.today(),
        'Impfstoff',
        name,
        `PZN ${r.digits(8)} Ch.-B. ${String.fromCharCode(65 + r.int(0, 25))}${r.digits(5)}`,
        euro(price, ''),
      ]);
      total += price;
    }
    y = itemsTable(
      pg,
      y,
      rows,
      [
        { w: 20, h: 'Datum' },
        { w: 18, h: 'Ziffer' },
        { w: 62, h: 'Leistung' },
        { w: 48, h: 'PZN / Charge' },
        { w: 22, h: 'EUR', a: 'end' },
      ],
      r.int(0, 3),
    );
    y += 7;
    pg.t(190, y, `Gesamtbetrag ${euro(total)}`, { size: 11, f: 'sansB', a: 'end' });
    y += 10;
    pg.para(
      20,
      y,
      170,
      'Reiseschutzimpfungen sind private Leistungen. Viele Krankenkassen erstatten die Kosten als Satzungsleistung. Bitte reichen Sie diese Rechnung zusammen mit einer Kopie des Impfausweises bei Ihrer Kasse ein.',
      { size: 8.5 },
    );
    footer(pg, iss, 0);
    if (place === 'hand') handKvNote(c, pg, 22, 88);
    return [pg.page()];
  },
};

const pharmacyReceipt: Template = {
  id: 'inv_pharmacy_receipt',
  type: 'invoice',
  desc: 'pharmacy till receipt (narrow, monospaced) with PZN and a KVNR-like customer card number',
  eligible: anyone,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.pharmacy(r);
    const x0 = r.float(60, 80),
      w = 70;
    pg.rect(x0 - 4, 12, w + 8, 240, { fill: '#fbfbf7', stroke: '#ddd', sw: 0.2 });
    let y = 22;
    const L = (s: string, o: { b?: boolean; a?: 'middle' | 'start' | 'end' } = {}) => {
      pg.t(o.a === 'middle' ? x0 + w / 2 : o.a === 'end' ? x0 + w : x0, y, s, { size: 8.5, f: o.b ? 'monoB' : 'mono', a: o.a ?? 'start' });
      y += 4.1;
    };
    L(iss.name.toUpperCase(), { b: true, a: 'middle' });
    L(iss.sub[0], { a: 'middle' });
    L(iss.street, { a: 'middle' });
    L(`${iss.plz} ${iss.city}`, { a: 'middle' });
    L(`Tel ${iss.phone}`, { a: 'middle' });
    y += 3;
    L('QUITTUNG / BELEG', { b: true, a: 'middle' });
    L('zur Vorlage bei der Krankenkasse', { a: 'middle' });
    y += 2;
    L(`Datum ${c.today()}  ${String(r.int(8, 19)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`);
    L(`Bon-Nr. ${r.digits(6)}  Kasse ${r.int(1, 4)}`);
    y += 2;
    L(`Kunde: ${c.full()}`.slice(0, 36));
    L(`geb. ${c.birth(c.owner, 0)}`);
    const kv = c.okv('plain');
    if (kv) L(`KV-Nr: ${kv}`);
    if (!c.noKv && r.chance(0.6)) L(`Kundenkarte ${kvnrLookingNumber(r, new Set(c.all.map((m) => m.kvnr)))}`);
    y += 2;
    L('-'.repeat(36));
    const meds: [string, number][] = [
      ['IBUPROFEN 400 20 ST', 4.95],
      ['PARACETAMOL 500 10ST', 2.45],
      ['BEPANTHEN WUND 50G', 7.9],
      ['VIT D3 1000IE 90ST', 12.95],
      ['NASENSPRAY E 10ML', 3.65],
      ['MAGNESIUM 400 50ST', 9.95],
      ['PRIVATREZEPT AMOXI', 18.4],
      ['ZUZAHLUNG RX 1 PK', 5.0],
      ['ZUZAHLUNG RX 2 PK', 10.0],
      ['KOMPRESSIONSSTRUMPF', 49.9],
    ];
    let total = 0;
    for (const [n, p] of r.sample(meds, r.int(2, 5))) {
      L(`${n.padEnd(24)}${euro(p, '').padStart(10)}`);
      L(`  PZN ${r.digits(8)}`);
      total += p;
    }
    L('-'.repeat(36));
    L(`SUMME EUR${euro(total, '').padStart(27)}`, { b: true });
    L(`${r.pick(['BAR', 'EC-KARTE', 'KREDITKARTE'])}${euro(total, '').padStart(33 - 0)}`.slice(0, 36));
    L(`MwSt 19%  ${euro(total - total / 1.19, '').padStart(8)}`);
    y += 3;
    L('Vielen Dank für Ihren Einkauf!', { a: 'middle' });
    L('Gute Besserung', { a: 'middle' });
    L(`St.-Nr. ${iss.steuernr}`, { a: 'middle' });
    if (!kv && !c.noKv) {
      /* none */
    }
    return [pg.page()];
  },
};

const optician: Template = {
  id: 'inv_optician',
  type: 'invoice',
  desc: 'optician invoice for glasses with prescription values box',
  eligible: anyone,
  family: true,
  famEligible: isChildWithParent,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.shop(r, `${r.pick(['Optik', 'Augenoptik', 'Brillen'])} ${r.pick(['Sehwerk', 'Klarblick', 'am Markt', 'Lindner', 'Fokus'])}`, [
        'Augenoptikermeister · Kontaktlinsen · Sehtest',
      ]),
      p = payer(c);
    letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, [
      c.salutationDat(p),
      c.full(p),
      p.street,
      `${p.postalCode} ${p.city}`,
    ]);
    const no = invoiceNo(r, c.date.getUTCFullYear());
    infoBlock(pg, 125, 50, [
      ['Rechnung', no],
      ['Kunden-Nr.', r.digits(6)],
      ['Datum', c.today()],
      ['Auftrag', `A-${r.digits(5)}`],
    ]);
    let y = 92;
    pg.t(20, y, 'Rechnung', { size: 13, f: 'sansB' });
    y += 6;
    const place = kvPlacement(c);
    for (const l of patientLines(c, place === 'block')) {
      pg.t(20, y, l, { size: 9 });
      y += 4.6;
    }
    y += 3;
    pg.rect(20, y, 120, 18, { stroke: '#777' });
    const sph = () => (r.chance(0.7) ? '-' : '+') + (r.int(1, 20) * 0.25).toFixed(2).replace('.', ',');
    pg.table(
      22,
      y + 1,
      [
        { w: 12, h: '' },
        { w: 22, h: 'sph' },
        { w: 22, h: 'cyl' },
        { w: 18, h: 'Achse' },
        { w: 18, h: 'Add' },
        { w: 20, h: 'PD' },
      ],
      [
        ['R', sph(), '-' + (r.int(0, 6) * 0.25).toFixed(2).replace('.', ','), `${r.int(0, 180)}°`, '', `${r.int(29, 34)},0`],
        ['L', sph(), '-' + (r.int(0, 6) * 0.25).toFixed(2).replace('.', ','), `${r.int(0, 180)}°`, '', `${r.int(29, 34)},0`],
      ],
      { size: 8.5, rowH: 5 },
    );
    y += 24;
    const frame = r.int(89, 249),
      lens = r.int(60, 220);
    const rows = [
      [
        '1',
        `Fassung ${r.pick(['Titan', 'Acetat', 'Metall'])} Mod. ${r.pick(['Lia', 'Nord', 'Classic', 'Urban'])} ${r.digits(3)}`,
        euro(frame, ''),
      ],
      ['2', `Einstärkenglas Kunststoff 1,6 superentspiegelt, je`, euro(lens, '')],
      ['1', 'Sehtest / Refraktion', euro(r.pick([0, 15, 20]), '')],
    ];
    y = itemsTable(
      pg,
      y,
      rows,
      [
        { w: 12, h: 'Menge' },
        { w: 130, h: 'Artikel' },
        { w: 28, h: 'Einzel €', a: 'end' },
      ],
      r.int(0, 3),
    );
    const total = frame + 2 * lens + 0;
    y += 7;
    pg.t(190, y, `Gesamt inkl. 19 % MwSt.: ${euro(total)}`, { size: 10.5, f: 'sansB', a: 'end' });
    y += 6;
    pg.t(190, y, `darin MwSt.: ${euro(total - total / 1.19)}`, { size: 8.5, a: 'end' });
    y += 10;
    pg.para(
      20,
      y,
      170,
      `Verordnung vom ${dmy(addDays(c.date, -r.int(10, 60)))} (Augenarzt). Der Betrag wurde ${r.pick(['bar', 'per Karte'])} beglichen.`,
      { size: 9 },
    );
    footer(pg, iss, r.int(0, 1));
    if (place === 'hand') handKvNote(c, pg, 22, 86);
    return [pg.page()];
  },
};

const midwife: Template = {
  id: 'inv_midwife_private',
  type: 'invoice',
  desc: 'midwife invoice for private services (on-call flat rate), typewriter style',
  eligible: (m, a, d) => m.sex === 'f' && ageAt(m, d) >= 18 && ageAt(m, d) <= 45,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.shop(r, `Hebammenpraxis ${r.pick(['Kugelrund', 'Nestwärme', 'Sternschnuppe', 'Lebensanfang'])}`, [
        'freiberufliche Hebamme ' + I.person(r, '').full,
      ]);
    letterhead(pg, iss, 5);
    addressWindow(pg, '', c.addrLines(), { f: 'mono', y: 55 });
    pg.t(190, 62, c.today(), { size: 10, f: 'mono', a: 'end' });
    let y = 90;
    pg.t(20, y, 'RECHNUNG ÜBER PRIVATLEISTUNGEN', { size: 11, f: 'monoB' });
    y += 8;
    const place = kvPlacement(c);
    const kv = place === 'block' ? c.okv() : '';
    pg.t(20, y, `Versicherte: ${c.full()}  geb. ${c.birth(c.owner, 1)}`, { size: 10, f: 'mono' });
    y += 5;
    if (kv) {
      pg.t(20, y, `Krankenkasse: ${c.insurer.short}  KV-Nr.: ${kv}`, { size: 10, f: 'mono' });
      y += 5;
    }
    pg.t(20, y, `Errechneter Termin: ${dmy(addDays(c.date, r.int(20, 80)))}`, { size: 10, f: 'mono' });
    y += 9;
    const items: [string, number][] = [
      ['Rufbereitschaftspauschale (Geburt)', r.pick([350, 400, 450])],
      ['Geburtsvorbereitungskurs Partner/in (7 Std.)', 70],
      ['Wehenakupunktur, 4 Sitzungen', 100],
      ['Stillberatung nach Ende der Kassenleistung', 45],
    ];
    let total = 0;
    for (const [t, v] of r.sample(items, r.int(1, 3))) {
      pg.t(20, y, t, { size: 10, f: 'mono' });
      pg.t(190, y, euro(v), { size: 10, f: 'mono', a: 'end' });
      total += v;
      y += 5.5;
    }
    pg.hl(y - 2, 20, 190);
    y += 3;
    pg.t(20, y, 'Gesamtbetrag', { size: 10, f: 'monoB' });
    pg.t(190, y, euro(total), { size: 10, f: 'monoB', a: 'end' });
    y += 10;
    y = pg.para(
      20,
      y,
      170,
      `Bitte überweisen Sie den Betrag bis ${dmy(addDays(c.date, 14))} auf IBAN ${iss.iban}. Umsatzsteuerfrei nach § 4 Nr. 14 UStG. Manche Krankenkassen beteiligen sich an den Kosten der Rufbereitschaft.`,
      { size: 9.5, f: 'mono' },
    );
    pg.sig(120, y + 14, 40);
    if (place === 'hand') handKvNote(c, pg, 110, 40);
    return [pg.page()];
  },
};

export const INVOICE: Template[] = [dentistPzr, goaBill, osteo, heilpraktiker, travelVax, pharmacyReceipt, optician, midwife];
