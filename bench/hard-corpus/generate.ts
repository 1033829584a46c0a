// Deterministic generator of a hard test corpus for a Krankenkasse document-intake system.
//   npx tsx generate.ts --seed <n> --out <dir> [--count N] [--jobs J]
// Writes the documents plus labels.json and members.json into <dir>.
import fs from 'node:fs';
import path from 'node:path';
import { Rng, hashSeed } from './src/prng.js';
import type { Member } from './src/members.js';
import { buildMembers, PUBLIC_FIELDS } from './src/members.js';
import { isValidKvnr } from './src/kvnr.js';
import type { DocPlan } from './src/plan.js';
import { planCorpus, TYPES } from './src/plan.js';
import { Ctx } from './src/ctx.js';
import { STD_THEME, pickImageTheme } from './src/fonts.js';
import type { Page } from './src/page.js';
import { ALL_TEMPLATES } from './src/templates/index.js';
import { memberCover, faxCover, instructionsPage, termsPage, blankPage } from './src/templates/covers.js';
import * as V from './src/variants.js';
import * as I from './src/issuers.js';

interface Label {
  file: string;
  mediaType: string;
  type: string;
  memberKvnr: string;
  validKvnrInText: boolean;
  variant: string;
  notes: string;
}

function args() {
  const a = process.argv.slice(2);
  const get = (k: string, d?: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : d;
  };
  const seed = Number(get('--seed'));
  const out = get('--out');
  if (!Number.isFinite(seed) || !out) {
    console.error('usage: npx tsx generate.ts --seed <n> --out <dir> [--count N] [--jobs J]');
    process.exit(2);
  }
  return { seed, out, count: Number(get('--count', '390')), jobs: Number(get('--jobs', '2')) };
}

/** Render one planned document to a file; returns its label. */
async function buildDoc(p: DocPlan, members: Member[], outDir: string): Promise<Label> {
  const rng = new Rng(p.seed);
  const render = rng.fork('render');
  const base = p.base;
  const pdfText = base === 'text_pdf' || p.variant === 'multipage_pdf';
  const theme = pdfText ? STD_THEME : pickImageTheme(rng.fork('theme'));
  const ctx = new Ctx(rng.fork('content'), theme, p.owner, members, p.date, p.kvMode, p.family, p.unclear);
  const notes: string[] = [p.template.desc];
  if (p.variant === 'lookalike' && p.owner.lookalike) {
    const partner = members.find((m) => m.kvnr === p.owner.lookalike!.other)!;
    if (p.kvMode === 'other') ctx.forceOtherKv(partner, "the look-alike's");
    notes.push(`look-alike: ${p.owner.lookalike.kind}; other member ${partner.firstName} ${partner.lastName} ${partner.birthDate}`);
  }
  const pages: Page[] = p.template.build(ctx);
  notes.push(...ctx.notes);
  if (p.family)
    notes.push(
      `family document, owner = ${p.type === 'invoice' || p.type === 'prescription_or_plan' ? 'patient (child), parent named as main insured' : p.type === 'child_sick_pay' ? 'claiming parent' : p.type === 'maternity' ? 'mother' : 'main member'}`,
    );

  let out: V.Output;
  const v = p.variant === 'family_two_kvnr' || p.variant === 'lookalike' ? base : p.variant;
  switch (v) {
    case 'text_pdf':
      out = await V.textPdf(pages, render);
      break;
    case 'clean_png':
      out = await V.cleanPng(pages[0], theme);
      break;
    case 'noisy_jpeg':
      out = await V.noisyJpeg(pages[0], theme, render);
      break;
    case 'scanned_pdf':
      out = await V.scannedPdf(pages, theme, render);
      break;
    case 'phone_photo':
      out = await V.phone_(pages[0], theme, render);
      break;
    case 'rotated':
      out = await V.rotated(pages[0], theme, render, ([90, 180, 270] as const)[p.sub % 3]);
      break;
    case 'exif_rotated':
      out = await V.exifRotated(pages[0], theme, render, ([6, 8, 3] as const)[p.sub % 3]);
      break;
    case 'fax': {
      const sender = render.pick([
        I.practice(render).name,
        I.employer(render).name,
        `Copyshop ${p.owner.city.split(' ')[0]}`,
        I.hospital(render).name,
      ]);
      out = await V.fax(pages, theme, render, sender, faxCover(ctx, 2));
      break;
    }
    case 'multipage_pdf': {
      const first = render.pick(['member', 'fax', 'instructions'] as const);
      const cover = first === 'member' ? memberCover(ctx, p.type) : first === 'fax' ? faxCover(ctx, 3) : instructionsPage(ctx);
      const all = [cover, ...pages];
      if (render.chance(0.5)) all.push(render.chance(0.5) ? termsPage(ctx) : blankPage(ctx));
      out = await V.multipage(all, render);
      out.notes.push(
        `page 1 is ${first === 'member' ? 'a cover note without name/KVNR' : first === 'fax' ? 'a fax cover sheet' : 'an instructions page'}; identification only on page 2`,
      );
      break;
    }
    case 'bad_text_layer': {
      const kind = (['empty', 'garbage', 'cipher', 'mojibake', 'otherdoc'] as const)[p.sub % 5];
      let other: { page: Page; th: typeof theme } | undefined;
      if (kind === 'otherdoc') {
        const orng = render.fork('other');
        for (;;) {
          const t = orng.pick(ALL_TEMPLATES);
          const cands = members.filter((m) => m.kvnr !== p.owner.kvnr && t.eligible(m, members, p.date));
          if (!cands.length) continue;
          const om = orng.pick(cands);
          const octx = new Ctx(orng, theme, om, members, p.date, 'valid', false, false);
          other = { page: t.build(octx)[0], th: theme };
          notes.push(`hidden text layer is a ${t.type} of ${om.firstName} ${om.lastName} (${om.kvnr})`);
          break;
        }
      }
      out = await V.badTextLayer(pages[0], theme, render, kind, other);
      break;
    }
    case 'transparent_png':
      out = await V.transparentPng(pages[0], theme, render);
      break;
    default:
      throw new Error('unknown variant ' + v);
  }
  const file = `d${String(p.idx + 1).padStart(4, '0')}.${out.ext}`;
  fs.writeFileSync(path.join(outDir, file), out.buf);
  return {
    file,
    mediaType: out.mediaType,
    type: p.type,
    memberKvnr: p.owner.kvnr,
    validKvnrInText: ctx.shown.has(p.owner.kvnr),
    variant: p.variant,
    notes: [...notes, ...out.notes, `template ${p.template.id}`].join('; '),
  };
}

function table(labels: Label[]) {
  const vars = [...V.VARIANTS];
  const short = (s: string) =>
    s.replace('prescription_or_plan', 'rx_or_plan').replace('bonus_program', 'bonus').replace('child_sick_pay', 'child_sp');
  const head = [
    'type \\ variant',
    ...vars.map((v) =>
      v
        .replace('family_two_kvnr', 'family2')
        .replace('transparent_png', 'transp')
        .replace('bad_text_layer', 'badtext')
        .replace('multipage_pdf', 'multipg'),
    ),
    'total',
  ];
  const rows = TYPES.map((t) => [
    short(t),
    ...vars.map((v) => String(labels.filter((l) => l.type === t && l.variant === v).length)),
    String(labels.filter((l) => l.type === t).length),
  ]);
  rows.push(['total', ...vars.map((v) => String(labels.filter((l) => l.variant === v).length)), String(labels.length)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}

async function main() {
  const { seed, out, count, jobs } = args();
  const t0 = Date.now();
  fs.mkdirSync(out, { recursive: true });
  for (const f of fs.readdirSync(out))
    if (/^d\d{4}\.(pdf|png|jpg)$/.test(f) || f === 'labels.json' || f === 'members.json') fs.unlinkSync(path.join(out, f));
  const root = new Rng(hashSeed('hardcorpus', seed));
  const members = buildMembers(root.fork('members'));
  if (new Set(members.map((m) => m.kvnr)).size !== members.length || !members.every((m) => isValidKvnr(m.kvnr)))
    throw new Error('member KVNRs not valid/unique');
  const plans = planCorpus(root.fork('plan'), members, count);
  const labels: Label[] = new Array(plans.length);
  let next = 0,
    done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= plans.length) return;
      labels[i] = await buildDoc(plans[i], members, out);
      if (++done % 25 === 0) process.stderr.write(`  ${done}/${plans.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  fs.writeFileSync(path.join(out, 'labels.json'), JSON.stringify(labels, null, 2) + '\n');
  fs.writeFileSync(
    path.join(out, 'members.json'),
    JSON.stringify(
      members.map((m) => Object.fromEntries(PUBLIC_FIELDS.map((k) => [k, m[k]]))),
      null,
      2,
    ) + '\n',
  );
  // summary
  const big = labels.filter((l) => fs.statSync(path.join(out, l.file)).size >= 4e6);
  const noKv = labels.filter((l) => /no KVNR anywhere/.test(l.notes)).length;
  const badKv = labels.filter((l) => /KVNR invalid|belongs to another member/.test(l.notes)).length;
  console.log(table(labels));
  console.log(
    `\nmembers: ${members.length}; documents: ${labels.length}; validKvnrInText=true: ${labels.filter((l) => l.validKvnrInText).length}; no KVNR at all: ${noKv} (${((100 * noKv) / labels.length).toFixed(1)} %); wrong/other KVNR: ${badKv} (${((100 * badKv) / labels.length).toFixed(1)} %)`,
  );
  if (big.length) console.log(`WARNING: ${big.length} files >= 4 MB: ${big.map((b) => b.file).join(', ')}`);
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
