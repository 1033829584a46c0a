// Reusable document parts: letterheads, DIN 5008 address window, footers, the card-like
// "Kassen" header block of official forms, practice stamps.
import type { Pg } from './page.js';
import type { Issuer } from './issuers.js';
import type { Rng } from './prng.js';

/** Letterhead in one of several house styles. Returns the y where content may start. */
export function letterhead(pg: Pg, iss: Issuer, style: number): number {
  const c = iss.color;
  switch (style % 6) {
    case 0: {
      // centred, serif
      pg.t(105, 18, iss.name, { size: 15, f: 'serifB', a: 'middle', color: c });
      iss.sub.forEach((s, i) => pg.t(105, 24 + i * 4.5, s, { size: 9, f: 'serif', a: 'middle' }));
      const y = 25 + iss.sub.length * 4.5;
      pg.t(105, y, `${iss.street} · ${iss.plz} ${iss.city} · Tel. ${iss.phone} · Fax ${iss.fax}`, {
        size: 7.5,
        f: 'serif',
        a: 'middle',
        color: '#333',
      });
      pg.hl(y + 2.5, 20, 190, { stroke: c, sw: 0.5 });
      return y + 8;
    }
    case 1: {
      // colour bar, name left, contact right
      pg.rect(0, 0, 210, 6, { fill: c });
      pg.t(20, 20, iss.name, { size: 14, f: 'sansB', color: c });
      iss.sub.forEach((s, i) => pg.t(20, 25.5 + i * 4.2, s, { size: 8.5 }));
      const info = [iss.street, `${iss.plz} ${iss.city}`, `Telefon ${iss.phone}`, `Telefax ${iss.fax}`, iss.email];
      info.forEach((s, i) => pg.t(190, 14 + i * 3.8, s, { size: 7.5, a: 'end', color: '#333' }));
      return 38;
    }
    case 2: {
      // logo square with initials, right aligned
      const ini = iss.name
        .replace(/^(Dr\.|Praxis|Zahnarztpraxis|Gemeinschaftspraxis|MVZ|Klinikum)\s+/, '')
        .split(/\s+/)
        .filter((w) => /^[A-ZÄÖÜ]/.test(w))
        .slice(0, 2)
        .map((w) => w[0])
        .join('');
      pg.rect(170, 10, 20, 20, { fill: c, rx: 2 });
      pg.t(180, 23.5, ini || 'P', { size: 20, f: 'sansB', a: 'middle', color: '#fff' });
      pg.t(166, 16, iss.name, { size: 12, f: 'sansB', a: 'end' });
      iss.sub.forEach((s, i) => pg.t(166, 21 + i * 4, s, { size: 8, a: 'end', color: '#444' }));
      return 36;
    }
    case 3: {
      // filled band with white text
      pg.rect(14, 10, 182, 22, { fill: c });
      pg.t(20, 20, iss.name.toUpperCase(), { size: 13, f: 'sansB', color: '#fff' });
      pg.t(20, 27, iss.sub.join(' | '), { size: 8, color: '#fff' });
      pg.t(190, 20, `Tel. ${iss.phone}`, { size: 8, a: 'end', color: '#fff' });
      pg.t(190, 25, `Fax ${iss.fax}`, { size: 8, a: 'end', color: '#fff' });
      return 40;
    }
    case 4: {
      // classic: name in caps with rule, details in a left column
      pg.t(20, 16, iss.name, { size: 16, f: 'serif', color: '#222' });
      pg.hl(19, 20, 120, { sw: 0.8, stroke: c });
      iss.sub.forEach((s, i) => pg.t(20, 24 + i * 4, s, { size: 8.5, f: 'serifI' }));
      pg.t(150, 14, iss.street, { size: 7.5 });
      pg.t(150, 17.5, `${iss.plz} ${iss.city}`, { size: 7.5 });
      pg.t(150, 21, `Tel. ${iss.phone}`, { size: 7.5 });
      pg.t(150, 24.5, `Fax ${iss.fax}`, { size: 7.5 });
      pg.t(150, 28, iss.web, { size: 7.5 });
      return 36;
    }
    default: {
      // plain typewriter style
      pg.t(20, 15, iss.name, { size: 11, f: 'monoB' });
      iss.sub.forEach((s, i) => pg.t(20, 19.5 + i * 4, s, { size: 9, f: 'mono' }));
      pg.t(20, 19.5 + iss.sub.length * 4, `${iss.street}, ${iss.plz} ${iss.city}`, { size: 9, f: 'mono' });
      pg.t(20, 23.5 + iss.sub.length * 4, `Tel.: ${iss.phone}  Fax: ${iss.fax}`, { size: 9, f: 'mono' });
      return 32 + iss.sub.length * 4;
    }
  }
}

/** DIN 5008 window: small sender line and up to 6 recipient lines. */
export function addressWindow(pg: Pg, sender: string, lines: string[], o: { x?: number; y?: number; f?: 'sans' | 'serif' | 'mono' } = {}) {
  const x = o.x ?? 25,
    y = o.y ?? 50;
  if (sender) {
    pg.t(x, y - 4, sender, { size: 6.5, color: '#444', f: o.f ?? 'sans' });
    pg.hl(y - 3.2, x, x + Math.min(85, pg.w(sender, 6.5, o.f ?? 'sans')), { sw: 0.15, stroke: '#666' });
  }
  lines.forEach((l, i) => pg.t(x, y + 1 + i * 4.6, l, { size: 10, f: o.f ?? 'sans' }));
}

/** Right-hand info block (Datum, Zeichen, numbers). */
export function infoBlock(
  pg: Pg,
  x: number,
  y: number,
  rows: [string, string][],
  o: { size?: number; f?: 'sans' | 'serif' | 'mono'; lw?: number } = {},
) {
  const size = o.size ?? 8.5;
  rows.forEach(([l, v], i) => {
    pg.t(x, y + i * 4.3, l, { size, color: '#444', f: o.f });
    pg.t(x + (o.lw ?? 27), y + i * 4.3, v, { size, f: o.f });
  });
  return y + rows.length * 4.3;
}

export function footer(pg: Pg, iss: Issuer, style: number) {
  const y = 280;
  pg.hl(y - 4, 20, 190, { sw: 0.2, stroke: '#777' });
  const cols =
    style % 2 === 0
      ? [
          [iss.name, iss.street, `${iss.plz} ${iss.city}`],
          [`Tel. ${iss.phone}`, `Fax ${iss.fax}`, iss.email],
          [iss.bank, `IBAN ${iss.iban}`, `BIC ${iss.bic}`],
          [`St.-Nr. ${iss.steuernr}`, `USt-IdNr. ${iss.ustId}`, iss.web],
        ]
      : [
          [`Bankverbindung: ${iss.bank}`, `IBAN: ${iss.iban}`],
          [`Steuernummer ${iss.steuernr}`, `IK ${iss.ik}`],
        ];
  const w = 170 / cols.length;
  cols.forEach((c, i) => c.forEach((s, j) => pg.t(20 + i * w, y + j * 3.2, s, { size: 6.3, color: '#555' })));
}

export interface KassenData {
  kasse: string;
  last: string;
  first: string;
  birth: string;
  street: string;
  city: string;
  ik: string;
  kv: string;
  status: string;
  bsnr: string;
  lanr: string;
  date: string;
}
/** The card-like header block printed on "Muster" forms (Krankenkasse, Name, geb. am,
 *  Kostenträgerkennung, Versicherten-Nr., Status, Betriebsstätten-Nr., Arzt-Nr., Datum).
 *  `shift` simulates the practice printer's misalignment against the preprinted form. */
export function kassenBlock(
  pg: Pg,
  x: number,
  y: number,
  d: KassenData,
  o: { formColor?: string; shift?: [number, number]; hand?: boolean; w?: number; f?: 'mono' | 'sans' | 'cond' } = {},
) {
  const fc = o.formColor ?? '#c0392b';
  const w = o.w ?? 92;
  const [sx, sy] = o.shift ?? [0, 0];
  pg.rect(x, y, w, 44, { stroke: fc, sw: 0.3 });
  const cap = (cx: number, cy: number, s: string) => pg.t(cx, cy, s, { size: 5.2, color: fc });
  cap(x + 1, y + 2.5, 'Krankenkasse bzw. Kostenträger');
  cap(x + 1, y + 10, 'Name, Vorname des Versicherten');
  cap(x + w - 16, y + 10, 'geb. am');
  pg.hl(y + 29, x, x + w, { stroke: fc, sw: 0.2 });
  pg.hl(y + 36.5, x, x + w, { stroke: fc, sw: 0.2 });
  cap(x + 1, y + 31, 'Kostenträgerkennung');
  cap(x + 30, y + 31, 'Versicherten-Nr.');
  cap(x + 66, y + 31, 'Status');
  cap(x + 1, y + 38.5, 'Betriebsstätten-Nr.');
  cap(x + 30, y + 38.5, 'Arzt-Nr.');
  cap(x + 66, y + 38.5, 'Datum');
  pg.line(x + 29, y + 29, x + 29, y + 44, { stroke: fc, sw: 0.2 });
  pg.line(x + 65, y + 29, x + 65, y + 44, { stroke: fc, sw: 0.2 });
  const X = x + sx,
    Y = y + sy;
  if (o.hand) {
    pg.hand(X + 2, Y + 7, d.kasse, { size: 10 });
    pg.hand(X + 2, Y + 15, `${d.last}, ${d.first}`, { size: 11 });
    pg.hand(X + w - 18, Y + 15, d.birth, { size: 10 });
    pg.hand(X + 2, Y + 21, d.street, { size: 9.5 });
    pg.hand(X + 2, Y + 26.5, d.city, { size: 9.5 });
    pg.hand(X + 2, Y + 35.5, d.ik, { size: 10 });
    if (d.kv) pg.hand(X + 31, Y + 35.5, d.kv, { size: 10 });
    pg.hand(X + 67, Y + 35.5, d.status, { size: 10 });
    pg.hand(X + 2, Y + 43, d.bsnr, { size: 10 });
    pg.hand(X + 31, Y + 43, d.lanr, { size: 10 });
    pg.hand(X + 67, Y + 43, d.date, { size: 10 });
    return;
  }
  const f = o.f ?? 'mono';
  const sz = f === 'mono' ? 8.6 : 9;
  pg.t(X + 2, Y + 7, d.kasse, { size: sz, f });
  pg.t(X + 2, Y + 14.5, d.last, { size: sz, f });
  pg.t(X + w - 16, Y + 14.5, d.birth, { size: sz, f });
  pg.t(X + 2, Y + 18.5, d.first, { size: sz, f });
  pg.t(X + 2, Y + 22.5, d.street, { size: sz, f });
  pg.t(X + 2, Y + 26.5, d.city, { size: sz, f });
  pg.t(X + 2, Y + 35, d.ik, { size: sz, f });
  if (d.kv) pg.t(X + 31, Y + 35, d.kv, { size: sz, f });
  pg.t(X + 67, Y + 35, d.status, { size: sz, f });
  pg.t(X + 2, Y + 42.5, d.bsnr, { size: sz, f });
  pg.t(X + 31, Y + 42.5, d.lanr, { size: sz, f });
  pg.t(X + 67, Y + 42.5, d.date, { size: sz, f });
}

/** Practice stamp with name, address, phone and sometimes LANR/BSNR. */
export function practiceStamp(pg: Pg, rng: Rng, x: number, y: number, iss: Issuer, o: { withNumbers?: boolean; rot?: number } = {}) {
  const lines = [iss.person || iss.name, ...iss.sub.slice(0, 1), iss.street, `${iss.plz} ${iss.city}`, `Tel. ${iss.phone}`];
  if (o.withNumbers ?? rng.chance(0.6)) lines.push(`BSNR ${iss.bsnr}  LANR ${iss.lanr}`);
  return pg.stamp(x, y, lines, { rot: o.rot, size: 7 });
}

/** Signature line with date/place. */
export function signLine(pg: Pg, x: number, y: number, caption: string, o: { sign?: boolean; w?: number; datePlace?: string } = {}) {
  const w = o.w ?? 70;
  if (o.datePlace) pg.hand(x + 1, y - 2, o.datePlace, { size: 10 });
  if (o.sign ?? true) pg.sig(x + (o.datePlace ? w * 0.55 : 3), y - 2, w * 0.4);
  pg.hl(y, x, x + w, { sw: 0.2 });
  pg.t(x, y + 3, caption, { size: 6.5, color: '#444' });
}
