// other: everything a member sends that is none of the above, incl. near misses that use
// the vocabulary of other types.
import type { Template } from './common.js';
import { adult, privateSender, insurerAddress, handKvNote } from './common.js';
import type { Ctx } from '../ctx.js';
import * as I from '../issuers.js';
import { letterhead, addressWindow, infoBlock, footer, signLine } from '../widgets.js';
import { dmy, addDays, euro, iban, invoiceNo, kvnrLookingNumber, longDate, phone } from '../fmt.js';
import { PRIVATE_INSURERS, DOC_FIRST, DOC_LAST, STREETS, PLACES } from '../data.js';

const letterFont = (c: Ctx) => c.rng.pick(['sans', 'serif'] as const);
function memberLetter(c: Ctx, subject: string, body: string, _o: { kvInSubject?: boolean } = {}) {
  const pg = c.pg(),
    r = c.rng,
    f = letterFont(c);
  privateSender(c, pg, c.owner, { f });
  insurerAddress(c, pg, { f });
  pg.t(190, 82, `${c.owner.city.split(' ')[0]}, ${c.today()}`, { size: 10, f, a: 'end' });
  let y = 96;
  const kv = c.okv();
  pg.t(20, y, subject, { size: 11, f: f === 'sans' ? 'sansB' : 'serifB' });
  y += 5;
  if (kv) {
    pg.t(20, y, `${r.pick(['Versichertennummer', 'Vers.-Nr.', 'Mitgliedsnummer', 'KV-Nummer'])}: ${kv}`, { size: 10, f });
    y += 5;
  }
  if (r.chance(0.6)) {
    pg.t(20, y, `geb. am ${c.birth(c.owner, 0)}`, { size: 10, f });
    y += 5;
  }
  y += 6;
  y = pg.para(20, y, 170, body + '\n\nMit freundlichen Grüßen', { size: 10.5, f, lh: 5.4 });
  pg.sig(22, y + 8, 40);
  pg.t(20, y + 14, c.full(), { size: 10, f });
  return pg;
}

const cover: Template = {
  id: 'oth_cover_letter_empty',
  type: 'other',
  desc: 'cover letter referring to enclosures that are not there / callback request',
  eligible: adult,
  build(c) {
    const r = c.rng;
    const body = r.pick([
      'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die angeforderten Unterlagen mit der Bitte um weitere Bearbeitung. Bei Rückfragen erreichen Sie mich vormittags telefonisch.',
      'Sehr geehrte Damen und Herren,\n\nbitte rufen Sie mich zurück, ich habe eine Frage zu meinem Schreiben von letzter Woche. Ich bin unter der Nummer ' +
        phone(r) +
        ' erreichbar.',
      'Hallo,\n\nwie telefonisch besprochen sende ich Ihnen hiermit die Unterlagen. Die restlichen Nachweise reiche ich nach, sobald ich sie habe.',
    ]);
    return [
      memberLetter(
        c,
        r.pick(['Unterlagen', 'Ihr Schreiben vom ' + dmy(addDays(c.date, -r.int(5, 20))), 'Rückruf erbeten', 'Nachreichung']),
        body,
      ).page(),
    ];
  },
};

const gymFlyer: Template = {
  id: 'oth_gym_flyer_bonus',
  type: 'other',
  desc: 'NEAR MISS: gym advert flyer "Bonus" / "Krankenkasse bezuschusst", addressed mailing label',
  eligible: adult,
  opaqueBackground: true,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const name = r.pick(['FitLife Studio', 'Kraftwerk Fitness', 'PowerGym 24', 'BodyBalance Club']);
    pg.rect(0, 0, 210, 297, { fill: '#1d1d1d' });
    pg.rect(0, 0, 210, 110, { fill: r.pick(['#e4002b', '#ff6a00', '#0077c8']) });
    pg.t(105, 40, 'JETZT STARTEN!', { size: 40, f: 'sansB', a: 'middle', color: '#fff' });
    pg.t(105, 58, `${name} – ${r.pick(['3 Monate für 0 €*', 'Aufnahmegebühr geschenkt', '50 % auf Kurse'])}`, {
      size: 18,
      f: 'sansB',
      a: 'middle',
      color: '#fff',
    });
    pg.t(105, 75, 'Sichere dir deinen BONUS bei deiner Krankenkasse!', { size: 16, a: 'middle', color: '#fff' });
    pg.t(105, 88, 'Viele Krankenkassen bezuschussen zertifizierte Kurse mit bis zu 80 %.', { size: 11, a: 'middle', color: '#fff' });
    let y = 128;
    for (const s of [
      '✓ Gerätetraining mit Einweisung',
      '✓ Über 60 Kurse pro Woche',
      '✓ Sauna & Wellness',
      '✓ Rückenfit – zertifizierter Präventionskurs',
      '✓ Bonusheft-Stempel für dein Bonusprogramm',
    ]) {
      pg.t(30, y, s.replace('✓', '+'), { size: 14, color: '#fff' });
      y += 10;
    }
    pg.t(30, y + 8, `* Aktion gültig bis ${dmy(addDays(c.date, 30))}. Mindestlaufzeit 12 Monate.`, { size: 8, color: '#bbb' });
    // mailing label with the member's address (this is how the flyer reached the member)
    pg.rect(110, 222, 85, 35, { fill: '#fff' });
    pg.t(113, 228, `${name} · Postfach · ${r.pick(PLACES).plz}`, { size: 6, color: '#444' });
    c.addrLines().forEach((l, i) => pg.t(113, 235 + i * 5, l, { size: 9.5, f: 'mono' }));
    handKvNote(c, pg, 20, 270);
    if (c.ownerKvRaw) pg.hand(20, 280, 'Bitte Bonus gutschreiben?', { size: 12 });
    return [pg.page()];
  },
};

const pharmacyFlyer: Template = {
  id: 'oth_pharmacy_flyer',
  type: 'other',
  desc: 'pharmacy advert flyer with offers and a KVNR-like customer card number',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      iss = I.pharmacy(r);
    pg.rect(0, 0, 210, 40, { fill: '#c8102e' });
    pg.t(20, 20, iss.name, { size: 22, f: 'sansB', color: '#fff' });
    pg.t(20, 30, `Ihre Apotheke informiert – Angebote im ${longDate(c.date).split(' ').slice(1).join(' ')}`, { size: 11, color: '#fff' });
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, c.addrLines());
    if (!c.noKv) pg.t(125, 55, `Kundenkarte Nr. ${kvnrLookingNumber(r, new Set(c.all.map((m) => m.kvnr)))}`, { size: 9 });
    const offers: [string, string, string][] = [
      ['Magnesium 400', '50 Kapseln', '8,95 €'],
      ['Nasenspray', '15 ml', '3,49 €'],
      ['Sonnenschutz LSF 50', '200 ml', '12,90 €'],
      ['Vitamin D3 + K2', '60 Tabletten', '14,50 €'],
      ['Erkältungsbad', '125 ml', '6,99 €'],
      ['Blutdruckmessung', 'kostenlos', '0,00 €'],
    ];
    let y = 95;
    r.sample(offers, 4).forEach(([a, b, p], i) => {
      const x = 20 + (i % 2) * 88,
        yy = y + Math.floor(i / 2) * 52;
      pg.rect(x, yy, 82, 46, { stroke: '#c8102e', sw: 0.6, rx: 3 });
      pg.t(x + 4, yy + 10, a, { size: 13, f: 'sansB' });
      pg.t(x + 4, yy + 17, b, { size: 9 });
      pg.ellipse(x + 62, yy + 30, 14, 10, { fill: '#ffd100' });
      pg.t(x + 62, yy + 33, p, { size: 12, f: 'sansB', a: 'middle' });
    });
    y += 112;
    pg.para(
      20,
      y,
      170,
      'Zu Risiken und Nebenwirkungen lesen Sie die Packungsbeilage und fragen Sie Ihre Ärztin, Ihren Arzt oder in Ihrer Apotheke. Sammeln Sie Punkte mit Ihrer Kundenkarte! Bonus-Coupon: 5 € Rabatt ab 30 € Einkauf.',
      { size: 8.5 },
    );
    handKvNote(c, pg, 20, 285);
    return [pg.page()];
  },
};

const complaint: Template = {
  id: 'oth_complaint_callcentre',
  type: 'other',
  desc: 'NEAR MISS: complaint about the call centre, mentions Krankengeld only in passing',
  eligible: adult,
  build(c) {
    const r = c.rng;
    const body = `Sehr geehrte Damen und Herren,\n\nich möchte mich hiermit über Ihre telefonische Servicehotline beschweren. Am ${dmy(addDays(c.date, -r.int(2, 10)))} habe ich insgesamt ${r.int(3, 6)}-mal versucht, jemanden zu erreichen, und hing jeweils über ${r.int(20, 45)} Minuten in der Warteschleife. Ich wollte eigentlich nur eine kurze Frage zu einem Schreiben stellen – mein Krankengeld ist übrigens längst geklärt, darum geht es nicht.\n\nAls ich endlich durchkam, wurde ich zweimal falsch weiterverbunden und das Gespräch schließlich ohne Ergebnis beendet. Die Mitarbeiterin war zudem ausgesprochen unfreundlich. So geht man mit langjährigen Mitgliedern nicht um.\n\nIch erwarte eine schriftliche Stellungnahme und bitte darum, die Erreichbarkeit Ihrer Hotline zu verbessern.`;
    return [memberLetter(c, 'Beschwerde über Ihre Servicehotline', body).page()];
  },
};

const bankChange: Template = {
  id: 'oth_bank_details_change',
  type: 'other',
  desc: 'change of bank details (short typed letter with old/new IBAN)',
  eligible: adult,
  build(c) {
    const r = c.rng;
    const body = `Sehr geehrte Damen und Herren,\n\nbitte ändern Sie ab sofort meine Bankverbindung für alle Zahlungen und Erstattungen:\n\nneue IBAN: ${iban(r)}\nBank: ${r.pick(['Sparkasse', 'Volksbank', 'ING', 'DKB'])}\nKontoinhaber: ${c.full()}\n\nDie bisherige Verbindung (IBAN ${iban(r)}) wird zum Monatsende aufgelöst.`;
    return [memberLetter(c, 'Änderung meiner Bankverbindung', body).page()];
  },
};

const poa: Template = {
  id: 'oth_power_of_attorney',
  type: 'other',
  desc: 'Vollmacht (power of attorney) for a relative, form with signatures',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    pg.t(105, 30, 'VOLLMACHT', { size: 22, f: 'serifB', a: 'middle' });
    let y = 50;
    const proxy = { first: r.pick(DOC_FIRST), last: r.pick(DOC_LAST), street: `${r.pick(STREETS)} ${r.int(1, 80)}`, place: r.pick(PLACES) };
    const kv = c.okv();
    y = pg.para(
      20,
      y,
      170,
      `Hiermit bevollmächtige ich,\n\n${c.full()}, geboren am ${c.birth(c.owner, 0)}, wohnhaft ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}${kv ? `,\nVersichertennummer ${kv}` : ''},\n\n${r.pick(['meine Tochter', 'meinen Sohn', 'meine Nachbarin', 'meinen Bruder', 'meine Lebensgefährtin'])} ${proxy.first} ${proxy.last}, wohnhaft ${proxy.street}, ${proxy.place.plz} ${proxy.place.city},\n\nmich gegenüber meiner Krankenkasse in allen Angelegenheiten zu vertreten, Auskünfte einzuholen, Anträge zu stellen und Schreiben entgegenzunehmen. Die Vollmacht gilt bis auf Widerruf.`,
      { size: 11, f: 'serif', lh: 6 },
    );
    y += 20;
    signLine(pg, 20, y, 'Ort, Datum, Unterschrift Vollmachtgeber/in', { datePlace: `${c.owner.city.split(' ')[0]}, ${c.today()}`, w: 120 });
    y += 25;
    signLine(pg, 20, y, 'Unterschrift Bevollmächtigte/r', { w: 120 });
    return [pg.page()];
  },
};

const tax: Template = {
  id: 'oth_tax_document',
  type: 'other',
  desc: 'Ausdruck der elektronischen Lohnsteuerbescheinigung (Steuer-ID, eTIN, many numbers)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng,
      emp = I.employer(r, c.owner.employer);
    const year = c.date.getUTCFullYear() - 1;
    pg.t(20, 15, `Ausdruck der elektronischen Lohnsteuerbescheinigung für ${year}`, { size: 12, f: 'sansB' });
    pg.t(20, 20, 'Nachstehende Daten wurden maschinell an die Finanzverwaltung übertragen.', { size: 8 });
    addressWindow(pg, '', [c.full(), c.owner.street, `${c.owner.postalCode} ${c.owner.city}`], { y: 35 });
    infoBlock(
      pg,
      120,
      32,
      [
        ['Geburtsdatum', c.birth(c.owner, 0)],
        ['Identifikationsnummer', `${r.digits(2)} ${r.digits(3)} ${r.digits(3)} ${r.digits(3)}`],
        ['Personalnummer', r.digits(6)],
        [
          'eTIN',
          `${c.owner.asciiLast
            .toUpperCase()
            .replace(/[^A-Z]/g, '')
            .slice(
              0,
              6,
            )}${c.owner.asciiFirst.toUpperCase().slice(0, 2)}${r.digits(2)}${r.pick(['A', 'B', 'M'])}${r.digits(2)}${r.pick(['A', 'N', 'Z'])}`,
        ],
        ['Steuerklasse', String(r.int(1, 5))],
        ['Kinderfreibeträge', String(r.int(0, 2)) + ',0'],
      ],
      { size: 8, lw: 32 },
    );
    let y = 75;
    const brutto = r.int(28000, 72000);
    const rows: [string, string, string][] = [
      ['1.', 'Dauer des Dienstverhältnisses', `01.01. – 31.12.${year}`],
      ['3.', 'Bruttoarbeitslohn einschl. Sachbezüge', euro(brutto, '')],
      ['4.', 'Einbehaltene Lohnsteuer', euro(brutto * 0.16, '')],
      ['5.', 'Einbehaltener Solidaritätszuschlag', '0,00'],
      ['6.', 'Einbehaltene Kirchensteuer', euro(brutto * 0.012, '')],
      ['15.', 'Kurzarbeitergeld, Zuschuss zum Mutterschaftsgeld, ...', '0,00'],
      ['22a.', 'Arbeitgeberanteil zur gesetzlichen Rentenversicherung', euro(brutto * 0.093, '')],
      ['23a.', 'Arbeitnehmeranteil zur gesetzlichen Rentenversicherung', euro(brutto * 0.093, '')],
      ['25.', 'Arbeitnehmerbeiträge zur gesetzlichen Krankenversicherung', euro(brutto * 0.081, '')],
      ['26.', 'Arbeitnehmerbeiträge zur sozialen Pflegeversicherung', euro(brutto * 0.017, '')],
      ['27.', 'Arbeitnehmerbeiträge zur Arbeitslosenversicherung', euro(brutto * 0.013, '')],
    ];
    y = pg.table(
      20,
      y,
      [
        { w: 12, h: 'Nr.' },
        { w: 120, h: 'Bezeichnung' },
        { w: 38, h: 'EUR', a: 'end' },
      ],
      rows,
      { size: 8.5, grid: true, rowH: 6 },
    );
    y += 8;
    infoBlock(
      pg,
      20,
      y,
      [
        ['Arbeitgeber', emp.name],
        ['Anschrift', `${emp.street}, ${emp.plz} ${emp.city}`],
        ['Steuernummer', emp.steuernr],
        ['Finanzamt', `Finanzamt ${emp.city.split(' ')[0]}`],
      ],
      { size: 8.5, lw: 30 },
    );
    handKvNote(c, pg, 120, 250);
    return [pg.page()];
  },
};

const postcard: Template = {
  id: 'oth_holiday_postcard',
  type: 'other',
  desc: 'holiday postcard: picture half + handwritten greeting, addressed to the member',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const ox = r.float(10, 40),
      oy = r.float(20, 120);
    pg.group(r.float(-2.5, 2.5), ox + 74, oy + 52, () => {
      pg.rect(ox, oy, 148, 105, { fill: '#fffdf6', stroke: '#bbb', sw: 0.3 });
      pg.line(ox + 78, oy + 10, ox + 78, oy + 95, { stroke: '#999', sw: 0.3 });
      pg.t(ox + 5, oy + 8, `Grüße aus ${r.pick(['Sylt', 'Garmisch-Partenkirchen', 'Rügen', 'dem Allgäu', 'Mallorca', 'der Toskana'])}`, {
        size: 9,
        f: 'serifI',
        color: '#555',
      });
      const greet = `Hallo ${c.first()}! Das Wetter ist herrlich, das Essen gut und wir erholen uns prima. Morgen geht es zum Wandern. Liebe Grüße, ${r.pick(DOC_FIRST)} & ${r.pick(DOC_FIRST)}`;
      let y = oy + 20,
        line = '';
      for (const w of greet.split(' ')) {
        if ((line + ' ' + w).length > 26) {
          pg.hand(ox + 5, y, line.trim(), { size: 12 });
          y += 7;
          line = '';
        }
        line += ' ' + w;
      }
      if (line.trim()) pg.hand(ox + 5, y, line.trim(), { size: 12 });
      pg.rect(ox + 122, oy + 6, 20, 24, { stroke: '#c33', sw: 0.4 });
      pg.t(ox + 132, oy + 20, '95', { size: 12, f: 'sansB', a: 'middle', color: '#c33' });
      const lines = [`${c.salutationDat()}`, c.full(), c.owner.street, `${c.owner.postalCode} ${c.owner.city}`];
      lines.forEach((l, i) => {
        pg.hand(ox + 82, oy + 50 + i * 9, l, { size: 12 });
        pg.hl(oy + 51 + i * 9, ox + 82, ox + 144, { stroke: '#aaa', sw: 0.2 });
      });
    });
    if (c.ownerKvRaw) handKvNote(c, pg, 20, 270);
    return [pg.page()];
  },
};

const otherInsurer: Template = {
  id: 'oth_letter_other_insurer',
  type: 'other',
  desc: 'NEAR MISS: letter from a supplementary private insurer (premium adjustment, policy numbers)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const iss = I.shop(r, r.pick(PRIVATE_INSURERS), ['Kundenservice Zusatzversicherungen']);
    letterhead(pg, iss, r.int(0, 5));
    addressWindow(pg, `${iss.name} · ${iss.plz} ${iss.city}`, c.addrLines());
    infoBlock(
      pg,
      125,
      50,
      [
        ['Versicherungsschein-Nr.', `${r.digits(3)}.${r.digits(6)}.${r.digits(2)}`],
        ['Kunden-Nr.', r.digits(9)],
        ['Datum', c.today()],
      ],
      { lw: 34 },
    );
    let y = 96;
    pg.t(
      20,
      y,
      r.pick([
        'Beitragsanpassung Ihrer Zahnzusatzversicherung',
        'Ihre Krankenhaustagegeld-Versicherung: Jahresmitteilung',
        'Beitragsrechnung Auslandsreise-Krankenversicherung',
      ]),
      { size: 11, f: 'sansB' },
    );
    y += 9;
    y = pg.para(
      20,
      y,
      170,
      `${c.salutation() === 'Frau' ? 'Sehr geehrte Frau' : 'Sehr geehrter Herr'} ${c.last()},\n\nwir informieren Sie über die Anpassung Ihres Beitrags ab dem ${dmy(addDays(c.date, 45))}. Ihr neuer monatlicher Beitrag beträgt ${euro(r.int(12, 60) + 0.9)}. Der Beitrag wird wie gewohnt von Ihrem Konto abgebucht.\n\nBitte beachten Sie: Diese Versicherung ergänzt die Leistungen Ihrer gesetzlichen Krankenkasse. Leistungsanträge und Rechnungen reichen Sie bitte direkt bei uns ein, nicht bei Ihrer Krankenkasse.\n\nMit freundlichen Grüßen\n${iss.name}`,
      { size: 10, lh: 5.2 },
    );
    footer(pg, iss, 0);
    handKvNote(c, pg, 20, 36);
    return [pg.page()];
  },
};

const utility: Template = {
  id: 'oth_utility_bill',
  type: 'other',
  desc: 'NEAR MISS: utility annual bill (Stadtwerke, Kundennummer, Zählernummer, amounts)',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const iss = I.shop(r, `Stadtwerke ${c.owner.city.split(' ')[0]}`, ['Strom · Gas · Wasser · Wärme']);
    letterhead(pg, iss, r.pick([1, 3]));
    addressWindow(pg, `${iss.name} · ${iss.street} · ${iss.plz} ${iss.city}`, c.addrLines());
    infoBlock(
      pg,
      125,
      50,
      [
        ['Kundennummer', r.digits(10)],
        ['Vertragskonto', r.digits(12)],
        ['Rechnungsnummer', invoiceNo(r, c.date.getUTCFullYear())],
        ['Datum', c.today()],
      ],
      { lw: 30 },
    );
    let y = 96;
    pg.t(20, y, `Jahresabrechnung Strom ${c.date.getUTCFullYear() - 1}`, { size: 12, f: 'sansB' });
    y += 8;
    const kwh = r.int(1400, 4200);
    y = pg.table(
      20,
      y,
      [
        { w: 70, h: 'Position' },
        { w: 40, h: 'Menge', a: 'end' },
        { w: 30, h: 'Preis', a: 'end' },
        { w: 30, h: 'Betrag €', a: 'end' },
      ],
      [
        [`Zähler ${r.digits(2)}ESY${r.digits(8)}`, `${kwh} kWh`, '0,3420', euro(kwh * 0.342, '')],
        ['Grundpreis', '365 Tage', '0,4110', euro(150.02, '')],
        ['Abschläge bezahlt', '', '', euro(-r.int(900, 1500), '')],
      ],
      { size: 9, rowH: 6, zebra: '#f2f2f2' },
    );
    y += 8;
    pg.t(
      20,
      y,
      `${r.pick(['Nachzahlung', 'Guthaben'])}: ${euro(r.int(20, 300))} – neuer Abschlag ab ${dmy(addDays(c.date, 20))}: ${euro(r.int(60, 140))}`,
      { size: 10, f: 'sansB' },
    );
    footer(pg, iss, 0);
    handKvNote(c, pg, 120, 40);
    return [pg.page()];
  },
};

const parking: Template = {
  id: 'oth_parking_ticket',
  type: 'other',
  desc: 'parking ticket (Verwarnung mit Verwarnungsgeld), small slip with Aktenzeichen',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const ox = r.float(20, 60),
      oy = r.float(20, 90);
    pg.group(r.float(-4, 4), ox + 50, oy + 80, () => {
      pg.rect(ox, oy, 100, 165, { fill: '#fff7d6', stroke: '#aaa', sw: 0.3 });
      pg.t(ox + 50, oy + 10, `Stadt ${c.owner.city.split(' ')[0]}`, { size: 10, f: 'sansB', a: 'middle' });
      pg.t(ox + 50, oy + 15, 'Ordnungsamt – Verkehrsüberwachung', { size: 7, a: 'middle' });
      pg.t(ox + 50, oy + 25, 'VERWARNUNG', { size: 14, f: 'sansB', a: 'middle', color: '#b00' });
      pg.t(ox + 50, oy + 31, 'mit Verwarnungsgeld', { size: 8, a: 'middle' });
      const rows: [string, string][] = [
        ['Aktenzeichen', `${r.digits(3)}.${r.digits(6)}.${r.digits(1)}`],
        [
          'Kennzeichen',
          `${r.pick(['K', 'M', 'HH', 'B', 'L', 'DO'])}-${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))} ${r.int(10, 9999)}`,
        ],
        ['Tatzeit', `${dmy(addDays(c.date, -r.int(2, 10)))} ${r.int(7, 19)}:${String(r.int(0, 59)).padStart(2, '0')}`],
        ['Tatort', `${r.pick(STREETS)} ${r.int(1, 50)}`],
        ['Tatbestand', r.pick(['Parken ohne Parkschein', 'Parken im Halteverbot', 'Parkdauer überschritten'])],
        ['Verwarnungsgeld', euro(r.pick([20, 25, 35, 55]))],
        ['Bediensteten-Nr.', r.digits(4)],
      ];
      rows.forEach(([l, v], i) => {
        pg.t(ox + 5, oy + 44 + i * 9, l, { size: 7, color: '#555' });
        pg.t(ox + 5, oy + 48.5 + i * 9, v, { size: 9.5, f: 'mono' });
      });
      pg.t(ox + 5, oy + 115, `Zahlbar binnen einer Woche auf IBAN`, { size: 6.5 });
      pg.t(ox + 5, oy + 119, iban(r), { size: 7.5, f: 'mono' });
      barcode(pg, r, ox + 10, oy + 128, 80, 12);
    });
    // the member's note: this is how we know who sent it
    pg.hand(20, 260, `${c.full()}, ${c.owner.street}, ${c.owner.postalCode} ${c.owner.city}`, { size: 11 });
    handKvNote(c, pg, 20, 272);
    return [pg.page()];
  },
};
import { barcode } from './common.js';

const pkvOther: Template = {
  id: 'oth_private_invoice_someone_else',
  type: 'other',
  desc: 'NEAR MISS: private health insurer premium invoice addressed to another (non-member) person, member note attached',
  eligible: adult,
  build(c) {
    const pg = c.pg(),
      r = c.rng;
    const iss = I.shop(r, r.pick(PRIVATE_INSURERS), ['Beitragsabteilung']);
    letterhead(pg, iss, r.int(0, 5));
    const other = { first: r.pick(DOC_FIRST), last: r.pick(DOC_LAST), street: `${r.pick(STREETS)} ${r.int(1, 80)}`, place: r.pick(PLACES) };
    addressWindow(pg, `${iss.name} · ${iss.plz} ${iss.city}`, [
      r.pick(['Herrn', 'Frau']),
      `${other.first} ${other.last}`,
      other.street,
      `${other.place.plz} ${other.place.city}`,
    ]);
    infoBlock(
      pg,
      125,
      50,
      [
        ['Versicherungsnummer', `${r.digits(4)} ${r.digits(6)}`],
        ['Rechnungsnummer', invoiceNo(r, c.date.getUTCFullYear())],
        ['Datum', c.today()],
      ],
      { lw: 34 },
    );
    let y = 96;
    pg.t(20, y, 'Beitragsrechnung Krankheitskostenvollversicherung', { size: 11.5, f: 'sansB' });
    y += 8;
    const rows = [
      ['Tarif KV 100 (ambulant/stationär)', euro(r.int(280, 520), '')],
      ['Tarif Z 80 (Zahn)', euro(r.int(30, 70), '')],
      ['Pflegepflichtversicherung PVN', euro(r.int(40, 80), '')],
      ['Gesetzlicher Zuschlag 10 %', euro(r.int(20, 40), '')],
    ];
    y = pg.table(
      20,
      y,
      [
        { w: 130, h: 'Tarif' },
        { w: 40, h: 'Monatsbeitrag €', a: 'end' },
      ],
      rows,
      { size: 9, rowH: 6 },
    );
    y += 8;
    pg.para(20, y, 170, `Der Beitrag wird zum 1. des Monats fällig. Bitte überweisen Sie auf IBAN ${iss.iban}.`, { size: 9.5 });
    // yellow sticky note from the member
    pg.group(r.float(-6, 6), 150, 215, () => {
      pg.rect(120, 195, 62, 45, { fill: '#fff59a' });
      const kv = c.okv();
      pg.hand(123, 205, r.pick(['Ist das richtig so?', 'Für Ihre Akte', 'Zur Info!']), { size: 12 });
      pg.hand(123, 214, c.full(), { size: 11 });
      pg.hand(123, 222, `geb. ${c.birth(c.owner, 0)}`, { size: 11 });
      if (kv) pg.hand(123, 231, kv, { size: 11 });
    });
    c.notes.push('addressee is a non-member; owner identified only by attached note');
    footer(pg, iss, 1);
    return [pg.page()];
  },
};

export const OTHER: Template[] = [
  cover,
  gymFlyer,
  pharmacyFlyer,
  complaint,
  bankChange,
  poa,
  tax,
  postcard,
  otherInsurer,
  utility,
  parking,
  pkvOther,
];
