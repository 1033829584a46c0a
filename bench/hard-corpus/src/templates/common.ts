// Shared helpers for document templates.
import type { Ctx, DocType } from '../ctx.js';
import type { Member } from '../members.js';
import { ageAt } from '../members.js';
import type { Page, Pg } from '../page.js';
import type { Issuer } from '../issuers.js';
import type { KassenData } from '../widgets.js';
import { dmy2, addDays, dmy } from '../fmt.js';

export interface Template {
  id: string;
  type: DocType;
  desc: string;
  /** Can this member own this document (age, sex, family situation)? */
  eligible: (m: Member, all: Member[], date: Date) => boolean;
  /** Supports the family_two_kvnr rendering (two insured persons with two KVNRs). */
  family?: boolean;
  /** Which owners qualify for the family_two_kvnr rendering (defaults to `eligible`). */
  famEligible?: (m: Member, all: Member[], date: Date) => boolean;
  /** Page is covered by a dark full-bleed background (cannot be rendered as transparent PNG). */
  opaqueBackground?: boolean;
  build: (c: Ctx) => Page[];
}

export const adult = (m: Member, _a: Member[], d: Date) => ageAt(m, d) >= 18;
/** employed main member (own membership with Krankengeld entitlement) */
export const worker = (m: Member, _a: Member[], d: Date) => ageAt(m, d) >= 17 && ageAt(m, d) <= 66 && m.role === 'main';
export const anyone = () => true;
export const childAge = (m: Member, d: Date) => ageAt(m, d);
/** main member with a child under 12 (Kinderkrankengeld) */
export const parentOfYoung = (m: Member, all: Member[], d: Date) =>
  m.role === 'main' && all.some((k) => k.familyOf === m.kvnr && k.role === 'child' && ageAt(k, d) < 12 && ageAt(k, d) >= 0);
export const youngKids = (c: Ctx) => c.children().filter((k) => ageAt(k, c.date) < 12 && ageAt(k, c.date) >= 0);
export const insurerShort = (c: Ctx) => c.rng.pick([c.insurer.name, 'HGK Hanseat. Gesundheitsk.', 'HGK', 'Hanseatische Gesundheitskasse']);
export const statusOf = (m: Member, d: Date) => (m.familyOf ? '3000000' : ageAt(m, d) >= 66 ? '5000000' : '1000000');

export function kassen(c: Ctx, iss: Issuer, m: Member = c.owner, kv?: string, date?: Date): KassenData {
  return {
    kasse: insurerShort(c).toUpperCase().slice(0, 30),
    last: c.last(m),
    first: c.first(m),
    birth: dmy2(m.birthDate),
    street: m.street,
    city: `D ${m.postalCode} ${m.city}`,
    ik: c.insurer.ik,
    kv: kv ?? (m === c.owner ? c.okvRaw() : c.kvOfRaw(m)),
    status: statusOf(m, c.date),
    bsnr: iss.bsnr,
    lanr: iss.lanr,
    date: dmy2(date ?? c.date),
  };
}

/** Date range helper: start some days before the document date. */
export function span(c: Ctx, minLen = 3, maxLen = 14, before = 0) {
  const start = addDays(c.date, -c.rng.int(before, before + 4));
  const end = addDays(start, c.rng.int(minLen, maxLen));
  return { start, end, s: dmy(start), e: dmy(end) };
}

/** A member's handwritten annotation carrying the KVNR, for documents without a natural slot. */
export function handKvNote(c: Ctx, pg: Pg, x: number, y: number) {
  const kv = c.okv();
  if (!kv) return;
  const label = c.rng.pick(['KV-Nr.', 'Vers.-Nr.', 'Versichertennr.', 'Mitgl.-Nr.', 'KVNR']);
  pg.hand(x, y, `${label} ${kv}`, { size: c.rng.float(11, 13) });
}

export function page(pg: Pg): Page {
  return pg.page();
}
export const isChildWithParent = (m: Member, all: Member[]) => m.role === 'child' && !!m.familyOf && all.some((x) => x.kvnr === m.familyOf);

/** Header of a form issued by the receiving insurer: logo, name, form title, optional barcode. */
export function insurerHeader(c: Ctx, pg: Pg, title: string, sub?: string, o: { barcode?: boolean; style?: number } = {}) {
  const style = o.style ?? c.rng.int(0, 2);
  const col = '#0b5e8a';
  if (style === 0) {
    pg.ellipse(27, 19, 8, 8, { fill: col });
    pg.path('M20 20 Q24 15 27 20 T34 20', { stroke: '#fff', sw: 1 });
    pg.t(38, 18, 'HGK', { size: 18, f: 'sansB', color: col });
    pg.t(38, 23.5, 'Hanseatische Gesundheitskasse', { size: 8.5, color: col });
  } else if (style === 1) {
    pg.rect(0, 8, 210, 16, { fill: col });
    pg.t(20, 19, 'HGK · Hanseatische Gesundheitskasse', { size: 13, f: 'sansB', color: '#fff' });
  } else {
    pg.t(190, 16, 'HGK', { size: 22, f: 'serifB', a: 'end', color: col });
    pg.t(190, 21.5, 'Hanseatische Gesundheitskasse', { size: 8, a: 'end', color: col });
    pg.hl(25, 20, 190, { stroke: col, sw: 0.6 });
  }
  pg.t(20, 36, title, { size: 14, f: 'sansB' });
  if (sub) pg.t(20, 41.5, sub, { size: 8.5, color: '#444' });
  if (o.barcode) barcode(pg, c.rng, 140, 30, 50, 9);
  return sub ? 48 : 44;
}
export function barcode(pg: Pg, rng: { int: (a: number, b: number) => number }, x: number, y: number, w: number, h: number) {
  let cx = x;
  while (cx < x + w) {
    const bw = rng.int(1, 3) * 0.25;
    pg.rect(cx, y, bw, h, { fill: '#000' });
    cx += bw + rng.int(1, 3) * 0.25;
  }
}
/** Sender block of a private letter written by a member (top-left, no letterhead). */
export function privateSender(c: Ctx, pg: Pg, m: Member = c.owner, o: { f?: 'sans' | 'serif' | 'mono'; kv?: boolean; y?: number } = {}) {
  const y = o.y ?? 20;
  const lines = [c.full(m), m.street, `${m.postalCode} ${m.city}`];
  lines.forEach((l, i) => pg.t(20, y + i * 4.8, l, { size: 10, f: o.f ?? 'sans' }));
  return y + lines.length * 4.8;
}
export function insurerAddress(c: Ctx, pg: Pg, o: { f?: 'sans' | 'serif' | 'mono'; y?: number } = {}) {
  const lines = [
    c.insurer.name,
    c.rng.pick(['Krankengeld-Service', 'Leistungsabteilung', 'Mitgliederservice', 'Kundenservice', '']),
    c.insurer.street,
    `${c.insurer.plz} ${c.insurer.city}`,
  ].filter(Boolean);
  lines.forEach((l, i) => pg.t(25, (o.y ?? 52) + i * 4.8, l, { size: 10, f: o.f ?? 'sans' }));
}
