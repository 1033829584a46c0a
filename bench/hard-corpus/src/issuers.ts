// Fictitious issuers (practices, hospitals, employers, shops ...) with the identifiers that
// appear on their letterheads and act as distractor numbers.
import type { Rng } from './prng.js';
import * as D from './data.js';
import { bsnr, lanr, ikNr, iban, bic, phone, steuernummer, betriebsnummer, ustId } from './fmt.js';

export interface Issuer {
  name: string;
  sub: string[];
  person: string;
  street: string;
  plz: string;
  city: string;
  phone: string;
  fax: string;
  email: string;
  web: string;
  lanr: string;
  bsnr: string;
  ik: string;
  betriebsnr: string;
  steuernr: string;
  ustId: string;
  iban: string;
  bic: string;
  bank: string;
  color: string;
}

const COLORS = ['#1f4e79', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#ef6c00', '#37474f', '#5d4037', '#283593', '#00695c'];

export function person(rng: Rng, title = 'Dr. med.'): { full: string; last: string; first: string } {
  const first = rng.pick(D.DOC_FIRST),
    last = rng.pick(D.DOC_LAST);
  return { full: `${title ? title + ' ' : ''}${first} ${last}`, last, first };
}

function slug(s: string) {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function base(rng: Rng, name: string, sub: string[], personName = ''): Issuer {
  const p = rng.pick(D.PLACES);
  const ph = phone(rng);
  const area = ph.split(' ')[0];
  const dom = slug(name).slice(0, 24) + rng.pick(['.de', '.de', '-online.de', '.com']);
  return {
    name,
    sub,
    person: personName,
    street: `${rng.pick(D.STREETS)} ${rng.int(1, 120)}`,
    plz: p.plz,
    city: p.city,
    phone: ph,
    fax: `${area} ${rng.int(2, 9)}${rng.digits(rng.int(4, 6))}`,
    email: `${rng.pick(['info', 'praxis', 'kontakt', 'service', 'post', 'abrechnung'])}@${dom}`,
    web: `www.${dom}`,
    lanr: lanr(rng),
    bsnr: bsnr(rng),
    ik: ikNr(rng, rng.pick(['26', '30', '33', '46', '59', '77'])),
    betriebsnr: betriebsnummer(rng),
    steuernr: steuernummer(rng),
    ustId: ustId(rng),
    iban: iban(rng),
    bic: bic(rng),
    bank: `${rng.pick(D.BANKS)} ${p.city.split(' ')[0]}`,
    color: rng.pick(COLORS),
  };
}

export const SPECIALTIES = [
  'Fachärztin für Allgemeinmedizin',
  'Facharzt für Innere Medizin',
  'Hausärztliche Versorgung',
  'Fachärztin für Orthopädie und Unfallchirurgie',
  'Facharzt für Hals-Nasen-Ohrenheilkunde',
  'Fachärztin für Psychiatrie und Psychotherapie',
  'Facharzt für Allgemeinmedizin · Naturheilverfahren',
  'Fachärztin für Frauenheilkunde und Geburtshilfe',
];

export function practice(rng: Rng, specialty?: string): Issuer {
  const d = person(rng, rng.pick(['Dr. med.', 'Dr. med.', 'Dipl.-Med.', '']));
  const spec = specialty ?? rng.pick(SPECIALTIES.slice(0, 7));
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const d2 = person(rng);
    return base(rng, `Gemeinschaftspraxis ${d.last} & ${d2.last}`, [`${d.full} · ${d2.full}`, spec], d.full);
  }
  if (kind === 1) return base(rng, `Praxis ${d.full}`, [spec], d.full);
  if (kind === 2)
    return base(
      rng,
      `MVZ ${rng.pick(['am Stadtpark', 'Rhein-Mitte', 'Nordstadt', 'am Hauptbahnhof', 'Elbufer', 'Lindenhof'])}`,
      [`Medizinisches Versorgungszentrum`, `${spec}: ${d.full}`],
      d.full,
    );
  return base(
    rng,
    `Hausarztpraxis ${rng.pick(['am Markt', 'im Ärztehaus', 'Westend', 'an der Kirche', 'Südviertel'])}`,
    [`${d.full}`, spec],
    d.full,
  );
}
export function paediatrician(rng: Rng): Issuer {
  const d = person(rng);
  return base(
    rng,
    rng.pick([`Kinder- und Jugendarztpraxis ${d.last}`, `Kinderarztpraxis ${d.full}`, `Praxis für Kinder- und Jugendmedizin`]),
    ['Fachärztin/Facharzt für Kinder- und Jugendmedizin', d.full],
    d.full,
  );
}
export function gyn(rng: Rng): Issuer {
  const d = person(rng);
  return base(rng, `Frauenarztpraxis ${d.full}`, ['Fachärztin für Frauenheilkunde und Geburtshilfe', 'Pränataldiagnostik'], d.full);
}
export function dentist(rng: Rng): Issuer {
  const d = person(rng, rng.pick(['Dr. med. dent.', 'Zahnärztin', 'Dr. med. dent.']));
  return base(
    rng,
    rng.pick([
      `Zahnarztpraxis ${d.full}`,
      `Zahnärzte ${rng.pick(['am Dom', 'im Zentrum', 'Lindenhof', 'an der Oper'])}`,
      `Praxis für Zahnheilkunde ${d.last}`,
    ]),
    ['Zahnärztliche Praxis', d.full],
    d.full,
  );
}
export function orthodontist(rng: Rng): Issuer {
  const d = person(rng, 'Dr. med. dent.');
  return base(rng, `Kieferorthopädie ${d.full}`, ['Fachzahnarzt für Kieferorthopädie'], d.full);
}
export function hospital(rng: Rng): Issuer {
  const i = base(rng, '', []);
  i.name = rng.pick([
    `Klinikum ${i.city}`,
    `St. ${rng.pick(['Elisabeth', 'Marien', 'Josef', 'Vinzenz', 'Franziskus'])}-Krankenhaus ${i.city}`,
    `Kreiskrankenhaus ${i.city}`,
    `Evangelisches Krankenhaus ${i.city}`,
    `Universitätsklinikum ${i.city}`,
  ]);
  const dep = rng.pick([
    'Klinik für Allgemein- und Viszeralchirurgie',
    'Klinik für Innere Medizin und Kardiologie',
    'Klinik für Unfallchirurgie und Orthopädie',
    'Klinik für Pneumologie',
    'Klinik für Neurologie',
    'Klinik für Gynäkologie und Geburtshilfe',
  ]);
  const chief = person(rng, 'Chefarzt Prof. Dr. med.');
  i.sub = [dep, chief.full];
  i.person = chief.full;
  const dom = slug(i.name).slice(0, 24) + '.de';
  i.email = `patientenverwaltung@${dom}`;
  i.web = `www.${dom}`;
  return i;
}
export function rehaClinic(rng: Rng): Issuer {
  return base(
    rng,
    `${rng.pick(['Reha-Zentrum', 'Rehabilitationsklinik', 'Fachklinik'])} ${rng.pick(['Bad Waldsee', 'Sonnenhof', 'am Kurpark', 'Bad Salzuflen', 'Schwarzwaldblick'])}`,
    ['Orthopädie · Psychosomatik · Kardiologie'],
    person(rng).full,
  );
}
export function employer(rng: Rng, name?: string): Issuer {
  const i = base(
    rng,
    name ?? `${rng.pick(D.EMPLOYER_BASE)} ${rng.pick(D.EMPLOYER_KIND)}`,
    [rng.pick(['Personalabteilung', 'Personal & Lohn', 'Human Resources', 'Lohnbuchhaltung'])],
    person(rng, '').full,
  );
  return i;
}
export function therapist(rng: Rng, kind: 'osteo' | 'hp' | 'physio'): Issuer {
  const d = person(rng, '');
  if (kind === 'osteo')
    return base(
      rng,
      `Osteopathie ${d.full}`,
      [rng.pick(['Osteopathin (BAO)', 'Osteopath M.Sc.', 'Heilpraktiker für Osteopathie'])],
      d.full,
    );
  if (kind === 'hp')
    return base(
      rng,
      `Naturheilpraxis ${d.full}`,
      [
        'Heilpraktiker/in',
        rng.pick(['Akupunktur · Homöopathie', 'Phytotherapie · Ausleitungsverfahren', 'Traditionelle Chinesische Medizin']),
      ],
      d.full,
    );
  return base(
    rng,
    `Physiotherapie ${rng.pick(['Bewegt', 'am Park', 'Vital', d.last])}`,
    ['Krankengymnastik · Manuelle Therapie · Lymphdrainage'],
    d.full,
  );
}
export function pharmacy(rng: Rng): Issuer {
  const n = rng.pick(['Stern', 'Linden', 'Rathaus', 'Bären', 'Einhorn', 'Park', 'Löwen', 'Bahnhofs', 'Adler']);
  return base(rng, `${n}-Apotheke`, [rng.pick(['Inh. Apothekerin', 'Inh. Apotheker']) + ' ' + person(rng, '').full + ' e.K.'], '');
}
export function shop(rng: Rng, name: string, sub: string[]): Issuer {
  return base(rng, name, sub, person(rng, '').full);
}
