// Decides, before any rendering, what each document is: variant, type, template, owner,
// KVNR mode and date. Balanced by construction so every seed has the same distributions.
import type { Rng } from './prng.js';
import type { Member } from './members.js';

import type { Template } from './templates/index.js';
import { ALL_TEMPLATES } from './templates/index.js';
import type { DocType, KvMode } from './ctx.js';
import type { Variant } from './variants.js';
import { VARIANTS } from './variants.js';
import { randDateBetween, parseISO, addDays } from './fmt.js';

export const TYPES: DocType[] = [
  'sick_note',
  'invoice',
  'sick_pay',
  'child_sick_pay',
  'maternity',
  'bonus_program',
  'membership',
  'prescription_or_plan',
  'other',
];
/** Renderings used for the two "content" variants (family_two_kvnr, lookalike). */
const BASE_RENDERINGS: Variant[] = ['text_pdf', 'clean_png', 'noisy_jpeg', 'scanned_pdf', 'phone_photo', 'fax'];

export interface DocPlan {
  idx: number;
  variant: Variant;
  sub: number;
  type: DocType;
  template: Template;
  owner: Member;
  kvMode: KvMode;
  family: boolean;
  unclear: boolean;
  date: Date;
  base: Variant;
  seed: number;
}

const D0 = new Date(Date.UTC(2024, 0, 15)),
  D1 = new Date(Date.UTC(2025, 5, 30));

export function planCorpus(rng: Rng, members: Member[], count: number): DocPlan[] {
  const nV = VARIANTS.length;
  const perVariant = VARIANTS.map((_, i) => Math.floor(count / nV) + (i < count % nV ? 1 : 0));
  const slots: { variant: Variant; sub: number }[] = [];
  VARIANTS.forEach((v, i) => {
    for (let k = 0; k < perVariant[i]; k++) slots.push({ variant: v, sub: k });
  });

  // --- types: rotate through a shuffled type list per variant, offset so totals stay even
  const typeDeck = rng.shuffle([...TYPES]);
  let typeCursor = 0;
  const famTemplates = ALL_TEMPLATES.filter((t) => t.family);
  const tplCursor = new Map<string, number>();
  const tplDecks = new Map<DocType, Template[]>(TYPES.map((t) => [t, rng.shuffle(ALL_TEMPLATES.filter((x) => x.type === t))]));
  const famDeck = rng.shuffle([...famTemplates]);
  let famCursor = 0;

  // --- KVNR modes. Targets over the whole corpus: ~15% none, ~8% wrong/other.
  const normal = slots.filter((s) => s.variant !== 'family_two_kvnr' && s.variant !== 'lookalike').length;
  const look = slots.filter((s) => s.variant === 'lookalike').length;
  const lookModes: KvMode[] = [];
  for (let i = 0; i < look; i++) lookModes.push(i % 20 < 9 ? 'valid' : i % 20 < 17 ? 'none' : 'other');
  rng.shuffle(lookModes);
  const lookNone = lookModes.filter((m) => m === 'none').length,
    lookOther = lookModes.filter((m) => m === 'other').length;
  const nNone = Math.max(0, Math.round(0.15 * count) - lookNone);
  const nWrong = Math.round(0.05 * count);
  const nOther = Math.max(0, Math.round(0.03 * count) - lookOther);
  const modeDeck: KvMode[] = [];
  for (let i = 0; i < normal; i++)
    modeDeck.push(i < nNone ? 'none' : i < nNone + nWrong ? 'wrong' : i < nNone + nWrong + nOther ? 'other' : 'valid');
  rng.shuffle(modeDeck);

  const usage = new Map<string, number>();
  const plans: DocPlan[] = [];
  let famIdx = 0;
  slots.forEach((s, idx) => {
    let template: Template;
    if (s.variant === 'family_two_kvnr') {
      template = famDeck[famCursor++ % famDeck.length];
    } else {
      const type = typeDeck[typeCursor++ % typeDeck.length];
      const deck = tplDecks.get(type)!;
      let c = tplCursor.get(type) ?? 0;
      while (s.variant === 'transparent_png' && deck[c % deck.length].opaqueBackground) c++;
      tplCursor.set(type, c + 1);
      template = deck[c % deck.length];
    }
    const family = s.variant === 'family_two_kvnr';
    const lookalike = s.variant === 'lookalike';
    // choose date + owner (retry dates until someone is eligible)
    let owner: Member | undefined;
    let date = D0;
    for (let attempt = 0; attempt < 200 && !owner; attempt++) {
      date = randDateBetween(rng, D0, D1);
      let cands = members.filter(
        (m) =>
          addDays(parseISO(m.birthDate), 40) < date &&
          (family && template.famEligible ? template.famEligible : template.eligible)(m, members, date),
      );
      if (lookalike) cands = cands.filter((m) => m.lookalike);
      if (!cands.length) {
        // no eligible owner for this template (e.g. no look-alike is a young mother in this seed):
        // after a while fall back to another template of the same pool
        if (attempt > 40 && attempt % 10 === 0) {
          const pool = (
            family ? famTemplates : lookalike && attempt > 100 ? ALL_TEMPLATES : ALL_TEMPLATES.filter((t) => t.type === template.type)
          ).filter((t) => s.variant !== 'transparent_png' || !t.opaqueBackground);
          template = rng.pick(pool);
        }
        continue;
      }
      const minUse = Math.min(...cands.map((m) => usage.get(m.kvnr) ?? 0));
      owner = rng.pick(cands.filter((m) => (usage.get(m.kvnr) ?? 0) <= minUse + 1));
    }
    if (!owner) throw new Error(`no owner for ${template.id} (${s.variant})`);
    usage.set(owner.kvnr, (usage.get(owner.kvnr) ?? 0) + 1);
    const kvMode: KvMode = family ? 'valid' : lookalike ? lookModes[s.sub] : modeDeck.shift()!;
    const unclear = family && famIdx++ % 3 === 2;
    const base: Variant = family || lookalike ? BASE_RENDERINGS[(s.sub + (family ? 0 : 3)) % BASE_RENDERINGS.length] : s.variant;
    plans.push({
      idx,
      variant: s.variant,
      sub: s.sub,
      type: template.type,
      template,
      owner,
      kvMode,
      family,
      unclear,
      date,
      base,
      seed: rng.u32(),
    });
  });
  // interleave so the file order does not reveal the variant
  const order = rng.shuffle(plans.map((_, i) => i));
  return order.map((i, k) => ({ ...plans[i], idx: k }));
}
