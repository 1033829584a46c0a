// Rasterisation and degradation: scanner noise, skew, phone-photo perspective, fax look.
// Heavy per-pixel work is done on raw buffers in plain JS (deterministic, seeded).
import sharp, { type Sharp } from 'sharp';
import type { Page } from '../page.js';
import type { Theme } from '../fonts.js';
import { pageToSvg } from './svg.js';
import type { Rng } from '../prng.js';

export interface Raw {
  data: Buffer;
  w: number;
  h: number;
  ch: number;
}

// librsvg/pango text rendering is not reliably thread-safe: concurrent SVG loads
// occasionally fail with "svgload_buffer: SVG rendering failed". Rasterise one SVG at a
// time (other work still overlaps) and retry a failed render.
let svgLock: Promise<void> = Promise.resolve();
export async function svgToRaw(svg: string, post: (s: Sharp) => Sharp = (s) => s) {
  const prev = svgLock;
  let release!: () => void;
  svgLock = new Promise((r) => (release = r));
  await prev;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await post(sharp(Buffer.from(svg), { limitInputPixels: false }))
          .raw()
          .toBuffer({ resolveWithObject: true });
      } catch (e) {
        if (attempt >= 4) throw e;
      }
    }
  } finally {
    release();
  }
}

/** Render a page to raw pixels. paper=null keeps the alpha channel (transparent page). */
export async function renderRaw(p: Page, th: Theme, dpi: number, paper: string | null = '#ffffff', gray = false): Promise<Raw> {
  const { data, info } = await svgToRaw(pageToSvg(p, th, dpi, paper), (img) => {
    if (paper) img = img.flatten({ background: paper });
    if (gray) img = img.grayscale();
    return img;
  });
  return { data, w: info.width, h: info.height, ch: info.channels };
}

export function toSharp(r: Raw) {
  return sharp(r.data, { raw: { width: r.w, height: r.h, channels: r.ch as 1 | 2 | 3 | 4 }, limitInputPixels: false });
}

/** Fast seeded noise source (xorshift32) for per-pixel work. */
function noiseGen(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** Paper tint (multiply), gaussian-ish sensor noise and speckles (dust, toner dots). */
export function scanNoise(r: Raw, rng: Rng, o: { sigma: number; speckle: number; tint?: [number, number, number]; dropouts?: number }) {
  const nz = noiseGen(rng.u32());
  const { data, w, h, ch } = r;
  const tint = o.tint ?? [255, 255, 255];
  const colorCh = Math.min(ch, 3);
  for (let i = 0, px = 0; px < w * h; px++, i += ch) {
    const n = (nz() + nz() + nz() - 1.5) * 2 * o.sigma;
    for (let c = 0; c < colorCh; c++) {
      const t = ch >= 3 ? tint[c] : tint[0];
      const v = (data[i + c] * t) / 255 + n;
      data[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  // speckles: small dark blobs, and a few white dropouts inside dark areas
  const nSpk = Math.floor((w * h * o.speckle) / 1e6);
  for (let k = 0; k < nSpk; k++) {
    const x = Math.floor(nz() * w),
      y = Math.floor(nz() * h),
      rad = nz() < 0.85 ? 1 : 2;
    const v = Math.floor(nz() * 90);
    for (let dy = -rad; dy <= rad; dy++)
      for (let dx = -rad; dx <= rad; dx++) {
        const xx = x + dx,
          yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h || dx * dx + dy * dy > rad * rad) continue;
        const i = (yy * w + xx) * ch;
        for (let c = 0; c < colorCh; c++) data[i + c] = v;
      }
  }
  const nDrop = Math.floor((w * h * (o.dropouts ?? 0)) / 1e6);
  for (let k = 0; k < nDrop; k++) {
    const x = Math.floor(nz() * w),
      y = Math.floor(nz() * h);
    const i = (y * w + x) * ch;
    for (let c = 0; c < colorCh; c++) data[i + c] = 250;
  }
}

/** Encode JPEG, lowering quality until the file is below maxBytes. */
export async function jpegUnder(
  img: () => Sharp,
  q: number,
  maxBytes = 3.9e6,
  extra: (s: Sharp) => Sharp = (s) => s,
): Promise<{ buf: Buffer; q: number }> {
  for (;;) {
    const buf = await extra(img().jpeg({ quality: q, chromaSubsampling: '4:2:0' })).toBuffer();
    if (buf.length <= maxBytes || q <= 35) return { buf, q };
    q -= 6;
  }
}

/** Scanner-like image: tinted paper, noise, speckles, slight blur, small skew. */
export async function scannerImage(
  p: Page,
  th: Theme,
  rng: Rng,
  o: { dpi: number; skew: number; gray: boolean; sigma: number; speckle: number; blur: number },
) {
  const r = await renderRaw(p, th, o.dpi, '#ffffff', o.gray);
  const tone = rng.int(232, 250);
  const tint: [number, number, number] = [tone, tone - rng.int(0, 4), tone - rng.int(2, 12)];
  scanNoise(r, rng, { sigma: o.sigma, speckle: o.speckle, tint, dropouts: 20 });
  const bg = o.gray ? { r: tone, g: tone, b: tone } : { r: tint[0], g: tint[1], b: tint[2] };
  let img = toSharp(r);
  if (o.blur > 0.3) img = img.blur(o.blur);
  let buf = await img.raw().toBuffer({ resolveWithObject: true });
  let out = sharp(buf.data, { raw: { width: buf.info.width, height: buf.info.height, channels: buf.info.channels } });
  if (Math.abs(o.skew) > 0.01) {
    // rotate, then crop back to the page size so the scan keeps A4 proportions (corners show dark scanner lid)
    const lid = rng.chance(0.5) ? { r: 40, g: 40, b: 40 } : bg;
    const rot = await out.rotate(o.skew, { background: lid }).raw().toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.floor((rot.info.width - r.w) / 2)),
      top = Math.max(0, Math.floor((rot.info.height - r.h) / 2));
    out = sharp(rot.data, { raw: { width: rot.info.width, height: rot.info.height, channels: rot.info.channels } }).extract({
      left,
      top,
      width: r.w,
      height: r.h,
    });
    buf = await out.raw().toBuffer({ resolveWithObject: true });
    out = sharp(buf.data, { raw: { width: buf.info.width, height: buf.info.height, channels: buf.info.channels } });
  }
  return { img: out, w: r.w, h: r.h, ch: r.ch };
}

// ---- phone photo -----------------------------------------------------------

/** Solve the homography that maps the 4 points `from` onto `to` (8x8 Gauss elimination). */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i],
      [u, v] = to[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let piv = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  return [...A.map((row, i) => row[8] / row[i]), 1];
}

export interface PhotoInfo {
  W: number;
  H: number;
  rot: number;
  keystone: number;
}

/** Photograph of the page lying on a darker surface: perspective, rotation, light gradient,
 *  a soft shadow, colour cast, sensor noise, blur. */
export async function phonePhoto(p: Page, th: Theme, rng: Rng): Promise<{ buf: Buffer; info: PhotoInfo; q: number }> {
  const W = 3000,
    H = 4000;
  const dpi = rng.int(240, 290);
  const page = await renderRaw(p, th, dpi, '#ffffff');
  const pw = page.w,
    ph = page.h;
  // destination quad
  const fill = rng.float(0.8, 0.92);
  const rot = (rng.chance(0.5) ? 1 : -1) * rng.float(3, 12);
  const a = (rot * Math.PI) / 180;
  // scale so that the rotated page fits inside the frame (a photo keeps the whole sheet)
  const bw = pw * Math.abs(Math.cos(a)) + ph * Math.abs(Math.sin(a)),
    bh = pw * Math.abs(Math.sin(a)) + ph * Math.abs(Math.cos(a));
  const scale = Math.min((W * fill) / bw, (H * fill) / bh);
  const keystone = rng.float(0.86, 0.97); // far edge shorter
  const cx = W / 2 + rng.float(-0.03, 0.03) * W,
    cy = H / 2 + rng.float(-0.03, 0.03) * H;
  const hw = (pw * scale) / 2,
    hh = (ph * scale) / 2;
  const topFar = rng.chance(0.7);
  const k1 = topFar ? keystone : 1,
    k2 = topFar ? 1 : keystone;
  let quad: [number, number][] = [
    [-hw * k1, -hh],
    [hw * k1, -hh],
    [hw * k2, hh],
    [-hw * k2, hh],
  ];
  quad = quad.map(([x, y]) => [
    cx + x * Math.cos(a) - y * Math.sin(a) + rng.float(-0.008, 0.008) * W,
    cy + x * Math.sin(a) + y * Math.cos(a) + rng.float(-0.008, 0.008) * H,
  ]);
  const Hm = homography(quad, [
    [0, 0],
    [pw - 1, 0],
    [pw - 1, ph - 1],
    [0, ph - 1],
  ]); // dst -> src
  // surface colour and lighting
  const base = rng.pick([
    [92, 64, 44],
    [58, 58, 62],
    [40, 52, 74],
    [110, 100, 90],
    [30, 30, 32],
    [76, 86, 70],
  ]);
  const cast = rng.pick([
    [1, 0.98, 0.9],
    [0.96, 0.98, 1.02],
    [1, 1, 1],
    [1.02, 0.97, 0.88],
  ]);
  const ldir = rng.float(0, Math.PI * 2),
    lstr = rng.float(0.18, 0.35);
  const sh = { x: rng.float(0.1, 0.9) * W, y: rng.float(0.1, 0.9) * H, r: rng.float(0.25, 0.45) * W, d: rng.float(0.12, 0.22) };
  const out = Buffer.alloc(W * H * 3);
  const src = page.data,
    sch = page.ch;
  const nz = noiseGen(rng.u32());
  const wood = rng.float(0.004, 0.02);
  const lx = Math.cos(ldir),
    ly = Math.sin(ldir);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const den = Hm[6] * x + Hm[7] * y + Hm[8];
      const sx = (Hm[0] * x + Hm[1] * y + Hm[2]) / den,
        sy = (Hm[3] * x + Hm[4] * y + Hm[5]) / den;
      // light: linear gradient + soft circular shadow
      const g = 1 - lstr * (0.5 + 0.5 * (((x / W - 0.5) * lx + (y / H - 0.5) * ly) * 1.4));
      const dx = x - sh.x,
        dy = y - sh.y;
      const dist = Math.sqrt(dx * dx + dy * dy) / sh.r;
      const L = Math.max(0.55, g - (dist < 1 ? sh.d * (1 - dist * dist) : 0));
      const n = (nz() + nz() - 1) * 7;
      let rr: number, gg: number, bb: number;
      if (sx >= 0 && sy >= 0 && sx < pw - 1 && sy < ph - 1) {
        const x0 = sx | 0,
          y0 = sy | 0,
          fx = sx - x0,
          fy = sy - y0;
        const i00 = (y0 * pw + x0) * sch,
          i10 = i00 + sch,
          i01 = i00 + pw * sch,
          i11 = i01 + sch;
        const w00 = (1 - fx) * (1 - fy),
          w10 = fx * (1 - fy),
          w01 = (1 - fx) * fy,
          w11 = fx * fy;
        rr = src[i00] * w00 + src[i10] * w10 + src[i01] * w01 + src[i11] * w11;
        gg = src[i00 + 1] * w00 + src[i10 + 1] * w10 + src[i01 + 1] * w01 + src[i11 + 1] * w11;
        bb = src[i00 + 2] * w00 + src[i10 + 2] * w10 + src[i01 + 2] * w01 + src[i11 + 2] * w11;
        rr *= 0.97;
        gg *= 0.96;
        bb *= 0.94; // paper is never pure white in a photo
      } else {
        const t = 0.85 + 0.15 * Math.sin(y * wood + Math.sin(x * 0.002) * 3);
        rr = base[0] * t;
        gg = base[1] * t;
        bb = base[2] * t;
      }
      const o = (y * W + x) * 3;
      const v0 = rr * L * cast[0] + n,
        v1 = gg * L * cast[1] + n,
        v2 = bb * L * cast[2] + n;
      out[o] = v0 < 0 ? 0 : v0 > 255 ? 255 : v0;
      out[o + 1] = v1 < 0 ? 0 : v1 > 255 ? 255 : v1;
      out[o + 2] = v2 < 0 ? 0 : v2 > 255 ? 255 : v2;
    }
  }
  const blur = rng.float(0.7, 1.3);
  const { buf, q } = await jpegUnder(() => sharp(out, { raw: { width: W, height: H, channels: 3 } }).blur(blur), rng.int(80, 88));
  return { buf, info: { W, H, rot, keystone }, q };
}

// ---- fax -----------------------------------------------------------------

/** Bitonal fax page: low resolution, optional vertical stretch (standard mode), header line. */
export async function faxImage(
  p: Page,
  th: Theme,
  rng: Rng,
  header: string,
): Promise<{ png: Buffer; w: number; h: number; dpi: number; stretch: number; mode: string }> {
  const dpi = rng.int(100, 150);
  // "standard" fax mode: reduced vertical resolution, stretched back for display (blocky);
  // only at the higher horizontal resolutions so that 9 pt print stays readable.
  const standard = dpi >= 135 && rng.chance(0.5);
  const stretch = standard ? 1 : rng.chance(0.5) ? rng.float(1.02, 1.1) : 1;
  const hi = await renderRaw(p, th, dpi * 2, '#ffffff', true);
  scanNoise(hi, rng, { sigma: 5, speckle: 25 });
  const w = Math.round((210 / 25.4) * dpi);
  const hPage = Math.round((297 / 25.4) * dpi * stretch);
  // area-averaging downscale turns thin strokes grey; a high threshold keeps them black
  const thr = rng.int(190, 210);
  let pageBuf: Buffer;
  if (standard) {
    const half = await toSharp(hi)
      .resize(w, Math.round(hPage * 0.7), { fit: 'fill' })
      .png()
      .toBuffer();
    pageBuf = await sharp(half).resize(w, hPage, { fit: 'fill', kernel: 'nearest' }).threshold(thr).toColourspace('b-w').raw().toBuffer();
  } else {
    pageBuf = await toSharp(hi).resize(w, hPage, { fit: 'fill' }).threshold(thr).toColourspace('b-w').raw().toBuffer();
  }
  // header band rendered at the same resolution
  const hh = Math.round(dpi * 0.22);
  const hsvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hh}"><rect width="100%" height="100%" fill="#fff"/><text x="${Math.round(dpi * 0.15)}" y="${Math.round(hh * 0.72)}" font-family="DejaVu Sans Mono" font-size="${Math.round(dpi * 0.105)}" fill="#000">${header.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></svg>`;
  const hbuf = (await svgToRaw(hsvg, (s) => s.grayscale().threshold(128).toColourspace('b-w'))).data;
  const total = Buffer.concat([hbuf, pageBuf]);
  // transmission errors: a few thin horizontal streaks and black specks
  const H = hh + hPage;
  const nz = noiseGen(rng.u32());
  for (let k = 0; k < rng.int(0, 3); k++) {
    const y = hh + Math.floor(nz() * hPage),
      x0 = Math.floor(nz() * w * 0.5),
      len = Math.floor(nz() * w * 0.5);
    for (let x = x0; x < Math.min(w, x0 + len); x++) total[y * w + x] = nz() < 0.7 ? 0 : total[y * w + x];
  }
  const png = await sharp(total, { raw: { width: w, height: H, channels: 1 } })
    .png({ palette: true, colours: 2, compressionLevel: 9 })
    .toBuffer();
  return {
    png,
    w,
    h: H,
    dpi,
    stretch,
    mode: standard ? 'standard-like (70 % vertical resolution, blocky)' : stretch > 1 ? `fine, stretched ${stretch.toFixed(2)}x` : 'fine',
  };
}
