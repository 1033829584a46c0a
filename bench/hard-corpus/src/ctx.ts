// Per-document context handed to templates: the owner, the date, how the owner's KVNR is
// to be printed (valid / missing / corrupted / someone else's), and bookkeeping of every
// KVNR that actually ends up on a page (-> validKvnrInText).
import type { Rng } from './prng.js';
import type { Theme } from './fonts.js';
import type { Page } from './page.js';
import { Pg } from './page.js';
import type { Member } from './members.js';
import { childrenOf, spouseOf, mainOf } from './members.js';
import type { KvStyle } from './fmt.js';
import { fmtKvnr, birthFmt, dmy } from './fmt.js';
import { corruptKvnr } from './kvnr.js';
import { INSURER } from './data.js';

export type KvMode = 'valid' | 'none' | 'wrong' | 'other';
export type DocType =
  'sick_note' | 'invoice' | 'sick_pay' | 'child_sick_pay' | 'maternity' | 'bonus_program' | 'membership' | 'prescription_or_plan' | 'other';

export interface Built {
  pages: Page[];
  notes: string[];
}

export class Ctx {
  shown = new Set<string>(); // raw KVNRs drawn on any page
  notes: string[] = [];
  ownerKvRaw: string | null; // what is printed in the owner's KVNR slot
  kvStyle: KvStyle;
  ascii: boolean; // print names without diacritics (payroll/legacy systems)
  insurer = INSURER;
  constructor(
    public rng: Rng,
    public th: Theme,
    public owner: Member,
    public all: Member[],
    public date: Date,
    public kvMode: KvMode,
    public family: boolean,
    public unclear: boolean,
  ) {
    this.kvStyle = rng.wpick<KvStyle>([
      ['plain', 6],
      ['spaceAfterLetter', 2],
      ['groups3', 1],
      ['spaced', 0.6],
      ['hyphen', 0.6],
      ['checkSep', 0.6],
    ]);
    this.ascii = (owner.lastName !== owner.asciiLast || owner.firstName !== owner.asciiFirst) && rng.chance(0.18);
    if (this.ascii) this.notes.push('name printed without diacritics');
    if (kvMode === 'valid') this.ownerKvRaw = owner.kvnr;
    else if (kvMode === 'none') {
      this.ownerKvRaw = null;
      this.notes.push('no KVNR anywhere');
    } else if (kvMode === 'wrong') {
      const c = corruptKvnr(rng, owner.kvnr);
      this.ownerKvRaw = c.value;
      this.notes.push(`KVNR invalid: ${c.how}`);
    } else {
      const o = this.otherMember();
      this.ownerKvRaw = o.m.kvnr;
      this.notes.push(`KVNR printed belongs to another member (${o.why})`);
    }
  }
  private otherMember(): { m: Member; why: string } {
    const o = this.owner,
      all = this.all;
    const cands: [Member, string][] = [];
    const sp = spouseOf(o, all);
    if (sp) cands.push([sp, 'spouse']);
    const main = mainOf(o, all);
    if (main) cands.push([main, 'main member of family']);
    if (o.lookalike) {
      const l = all.find((m) => m.kvnr === o.lookalike!.other);
      if (l) cands.push([l, 'look-alike']);
    }
    for (const k of childrenOf(o, all)) cands.push([k, 'own child']);
    if (cands.length && this.rng.chance(0.75)) {
      const [m, why] = this.rng.pick(cands);
      return { m, why };
    }
    const m = this.rng.pick(all.filter((x) => x.kvnr !== o.kvnr));
    return { m, why: 'unrelated member' };
  }

  /** Print another member's (valid) KVNR in the owner's slot, e.g. the look-alike's. */
  forceOtherKv(m: Member, why: string) {
    this.ownerKvRaw = m.kvnr;
    this.notes = this.notes.filter((n) => !n.startsWith('KVNR printed belongs'));
    this.notes.push(`KVNR printed belongs to another member (${why})`);
  }

  pg(): Pg {
    return new Pg(this.th, this.rng);
  }
  get noKv() {
    return this.kvMode === 'none';
  }

  /** Formatted owner KVNR for printing ('' when the document carries none). Records it. */
  okv(style?: KvStyle): string {
    if (!this.ownerKvRaw) return '';
    this.shown.add(this.ownerKvRaw);
    return fmtKvnr(this.ownerKvRaw, style ?? this.kvStyle);
  }
  /** Raw owner KVNR (for per-character boxes). Records it. */
  okvRaw(): string {
    if (!this.ownerKvRaw) return '';
    this.shown.add(this.ownerKvRaw);
    return this.ownerKvRaw;
  }
  /** KVNR of a second insured person (family documents). Never printed on "no KVNR" documents. */
  kvOf(m: Member, style?: KvStyle): string {
    if (this.noKv) return '';
    this.shown.add(m.kvnr);
    return fmtKvnr(m.kvnr, style ?? this.kvStyle);
  }
  kvOfRaw(m: Member): string {
    if (this.noKv) return '';
    this.shown.add(m.kvnr);
    return m.kvnr;
  }

  last(m: Member = this.owner) {
    return this.ascii && m.lastName === this.owner.lastName ? m.asciiLast : m.lastName;
  }
  first(m: Member = this.owner) {
    return this.ascii && m === this.owner ? m.asciiFirst : m.firstName;
  }
  full(m: Member = this.owner) {
    return `${this.first(m)} ${this.last(m)}`;
  }
  rev(m: Member = this.owner) {
    return `${this.last(m)}, ${this.first(m)}`;
  }
  salutation(m: Member = this.owner) {
    return m.sex === 'f' ? 'Frau' : 'Herr';
  }
  salutationDat(m: Member = this.owner) {
    return m.sex === 'f' ? 'Frau' : 'Herrn';
  }
  birth(m: Member = this.owner, style?: number) {
    return birthFmt(this.rng, m.birthDate, style);
  }
  addrLines(m: Member = this.owner) {
    return [`${this.salutationDat(m)}`, this.full(m), m.street, `${m.postalCode} ${m.city}`];
  }
  today() {
    return dmy(this.date);
  }
  children() {
    return childrenOf(this.owner, this.all);
  }
  spouse() {
    return spouseOf(this.owner, this.all);
  }
  mainMember() {
    return mainOf(this.owner, this.all);
  }
}
