// Font faces and "themes" (which concrete typeface plays which role in a document).
// Text is laid out with real glyph advances read by fontkit so that wrapping is the
// same in the SVG raster and in the PDF text layer.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { Rng } from './prng.js';

export type Role = 'sans' | 'sansB' | 'sansI' | 'serif' | 'serifB' | 'serifI' | 'mono' | 'monoB' | 'cond' | 'condB' | 'hand';
export interface Face {
  family: string;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
  file: string;
  std?: string;
}
export interface Theme {
  name: string;
  faces: Record<Role, Face>;
}

const TT = '/usr/share/fonts/truetype';
const OT = '/usr/share/fonts/opentype/urw-base35';
const f = (
  family: string,
  file: string,
  weight: 'normal' | 'bold' = 'normal',
  style: 'normal' | 'italic' = 'normal',
  std?: string,
): Face => ({ family, weight, style, file, std });

const HAND = f('Z003', `${OT}/Z003-MediumItalic.otf`);

/** Liberation fonts are metric-compatible with Helvetica/Times/Courier, so a PDF can use the
 *  14 standard fonts while images use Liberation and both have identical line breaks. */
export const STD_THEME: Theme = {
  name: 'liberation-std',
  faces: {
    sans: f('Liberation Sans', `${TT}/liberation/LiberationSans-Regular.ttf`, 'normal', 'normal', 'Helvetica'),
    sansB: f('Liberation Sans', `${TT}/liberation/LiberationSans-Bold.ttf`, 'bold', 'normal', 'Helvetica-Bold'),
    sansI: f('Liberation Sans', `${TT}/liberation/LiberationSans-Italic.ttf`, 'normal', 'italic', 'Helvetica-Oblique'),
    serif: f('Liberation Serif', `${TT}/liberation/LiberationSerif-Regular.ttf`, 'normal', 'normal', 'Times-Roman'),
    serifB: f('Liberation Serif', `${TT}/liberation/LiberationSerif-Bold.ttf`, 'bold', 'normal', 'Times-Bold'),
    serifI: f('Liberation Serif', `${TT}/liberation/LiberationSerif-Italic.ttf`, 'normal', 'italic', 'Times-Italic'),
    mono: f('Liberation Mono', `${TT}/liberation/LiberationMono-Regular.ttf`, 'normal', 'normal', 'Courier'),
    monoB: f('Liberation Mono', `${TT}/liberation/LiberationMono-Bold.ttf`, 'bold', 'normal', 'Courier-Bold'),
    cond: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Regular.ttf`),
    condB: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Bold.ttf`, 'bold'),
    hand: HAND,
  },
};

const IMAGE_THEMES: Theme[] = [
  STD_THEME,
  {
    name: 'dejavu',
    faces: {
      sans: f('DejaVu Sans', `${TT}/dejavu/DejaVuSans.ttf`),
      sansB: f('DejaVu Sans', `${TT}/dejavu/DejaVuSans-Bold.ttf`, 'bold'),
      sansI: f('DejaVu Sans', `${TT}/dejavu/DejaVuSans-Oblique.ttf`, 'normal', 'italic'),
      serif: f('DejaVu Serif', `${TT}/dejavu/DejaVuSerif.ttf`),
      serifB: f('DejaVu Serif', `${TT}/dejavu/DejaVuSerif-Bold.ttf`, 'bold'),
      serifI: f('DejaVu Serif', `${TT}/dejavu/DejaVuSerif-Italic.ttf`, 'normal', 'italic'),
      mono: f('DejaVu Sans Mono', `${TT}/dejavu/DejaVuSansMono.ttf`),
      monoB: f('DejaVu Sans Mono', `${TT}/dejavu/DejaVuSansMono-Bold.ttf`, 'bold'),
      cond: f('DejaVu Sans Condensed', `${TT}/dejavu/DejaVuSansCondensed.ttf`),
      condB: f('DejaVu Sans Condensed', `${TT}/dejavu/DejaVuSansCondensed-Bold.ttf`, 'bold'),
      hand: HAND,
    },
  },
  {
    name: 'freefont',
    faces: {
      sans: f('FreeSans', `${TT}/freefont/FreeSans.ttf`),
      sansB: f('FreeSans', `${TT}/freefont/FreeSansBold.ttf`, 'bold'),
      sansI: f('FreeSans', `${TT}/freefont/FreeSansOblique.ttf`, 'normal', 'italic'),
      serif: f('FreeSerif', `${TT}/freefont/FreeSerif.ttf`),
      serifB: f('FreeSerif', `${TT}/freefont/FreeSerifBold.ttf`, 'bold'),
      serifI: f('FreeSerif', `${TT}/freefont/FreeSerifItalic.ttf`, 'normal', 'italic'),
      mono: f('FreeMono', `${TT}/freefont/FreeMono.ttf`),
      monoB: f('FreeMono', `${TT}/freefont/FreeMonoBold.ttf`, 'bold'),
      cond: f('Nimbus Sans Narrow', `${OT}/NimbusSansNarrow-Regular.otf`),
      condB: f('Nimbus Sans Narrow', `${OT}/NimbusSansNarrow-Bold.otf`, 'bold'),
      hand: HAND,
    },
  },
  {
    name: 'nimbus',
    faces: {
      sans: f('Nimbus Sans', `${OT}/NimbusSans-Regular.otf`),
      sansB: f('Nimbus Sans', `${OT}/NimbusSans-Bold.otf`, 'bold'),
      sansI: f('Nimbus Sans', `${OT}/NimbusSans-Italic.otf`, 'normal', 'italic'),
      serif: f('Nimbus Roman', `${OT}/NimbusRoman-Regular.otf`),
      serifB: f('Nimbus Roman', `${OT}/NimbusRoman-Bold.otf`, 'bold'),
      serifI: f('Nimbus Roman', `${OT}/NimbusRoman-Italic.otf`, 'normal', 'italic'),
      mono: f('Nimbus Mono PS', `${OT}/NimbusMonoPS-Regular.otf`),
      monoB: f('Nimbus Mono PS', `${OT}/NimbusMonoPS-Bold.otf`, 'bold'),
      cond: f('Nimbus Sans Narrow', `${OT}/NimbusSansNarrow-Regular.otf`),
      condB: f('Nimbus Sans Narrow', `${OT}/NimbusSansNarrow-Bold.otf`, 'bold'),
      hand: HAND,
    },
  },
  {
    name: 'gothic-palatino',
    faces: {
      sans: f('URW Gothic', `${OT}/URWGothic-Book.otf`),
      sansB: f('URW Gothic', `${OT}/URWGothic-Demi.otf`, 'bold'),
      sansI: f('URW Gothic', `${OT}/URWGothic-BookOblique.otf`, 'normal', 'italic'),
      serif: f('P052', `${OT}/P052-Roman.otf`),
      serifB: f('P052', `${OT}/P052-Bold.otf`, 'bold'),
      serifI: f('P052', `${OT}/P052-Italic.otf`, 'normal', 'italic'),
      mono: f('Nimbus Mono PS', `${OT}/NimbusMonoPS-Regular.otf`),
      monoB: f('Nimbus Mono PS', `${OT}/NimbusMonoPS-Bold.otf`, 'bold'),
      cond: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Regular.ttf`),
      condB: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Bold.ttf`, 'bold'),
      hand: HAND,
    },
  },
  {
    name: 'schoolbook',
    faces: {
      sans: f('DejaVu Sans Condensed', `${TT}/dejavu/DejaVuSansCondensed.ttf`),
      sansB: f('DejaVu Sans Condensed', `${TT}/dejavu/DejaVuSansCondensed-Bold.ttf`, 'bold'),
      sansI: f('DejaVu Sans Condensed', `${TT}/dejavu/DejaVuSansCondensed-Oblique.ttf`, 'normal', 'italic'),
      serif: f('C059', `${OT}/C059-Roman.otf`),
      serifB: f('C059', `${OT}/C059-Bold.otf`, 'bold'),
      serifI: f('C059', `${OT}/C059-Italic.otf`, 'normal', 'italic'),
      mono: f('FreeMono', `${TT}/freefont/FreeMono.ttf`),
      monoB: f('FreeMono', `${TT}/freefont/FreeMonoBold.ttf`, 'bold'),
      cond: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Regular.ttf`),
      condB: f('Liberation Sans Narrow', `${TT}/liberation/LiberationSansNarrow-Bold.ttf`, 'bold'),
      hand: HAND,
    },
  },
];

export function pickImageTheme(rng: Rng): Theme {
  return rng.pick(IMAGE_THEMES);
}

// ---- measuring -------------------------------------------------------------
/** The part of a fontkit font the measuring needs. */
interface MeasuredFont {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}
const openFont = (bytes: Buffer) => (fontkit as unknown as { create(bytes: Buffer): MeasuredFont }).create(bytes);
const fontCache = new Map<string, { upm: number; adv: Map<number, number>; font: MeasuredFont }>();
function loaded(face: Face) {
  let e = fontCache.get(face.file);
  if (!e) {
    const font = openFont(fs.readFileSync(face.file));
    e = { upm: font.unitsPerEm, adv: new Map(), font };
    fontCache.set(face.file, e);
  }
  return e;
}
/** Width in mm of `s` at `sizePt` points. */
export function measureMm(face: Face, sizePt: number, s: string): number {
  const e = loaded(face);
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let a = e.adv.get(cp);
    if (a === undefined) {
      a = e.font.glyphForCodePoint(cp).advanceWidth;
      e.adv.set(cp, a);
    }
    w += a;
  }
  return (w / e.upm) * sizePt * 0.352778;
}
