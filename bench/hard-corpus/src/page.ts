// Page model (A4, millimetres, origin top-left, y downwards) and a small builder with the
// drawing primitives the document templates need. One page model is rendered two ways:
// to SVG (-> sharp raster) and to pdf-lib (real text layer), so both always agree.
import type { Rng } from './prng.js';
import type { Role, Theme } from './fonts.js';
import { measureMm } from './fonts.js';

export const A4W = 210,
  A4H = 297;
export type Anchor = 'start' | 'middle' | 'end';
export type El =
  | { k: 'text'; x: number; y: number; s: string; size: number; role: Role; color: string; anchor: Anchor; rot?: number; opacity?: number }
  | {
      k: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      stroke?: string;
      fill?: string;
      sw?: number;
      rx?: number;
      dash?: string;
      opacity?: number;
    }
  | { k: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; sw: number; dash?: string }
  | { k: 'path'; d: string; stroke?: string; sw?: number; fill?: string; opacity?: number }
  | { k: 'ellipse'; cx: number; cy: number; rx: number; ry: number; stroke?: string; fill?: string; sw?: number; opacity?: number }
  | { k: 'group'; rot: number; cx: number; cy: number; els: El[]; opacity?: number };

export interface Page {
  els: El[];
}

export interface TOpts {
  size?: number;
  f?: Role;
  color?: string;
  a?: Anchor;
  rot?: number;
  opacity?: number;
}

export const INK_BLUE = ['#1b2f8f', '#1d3a9e', '#22308a', '#0f2a6b', '#233c8c'];
export const STAMP_COLORS = ['#3a3fa8', '#5b3c9c', '#2d5aa8', '#9c2f3c', '#2f6e4a'];

export class Pg {
  els: El[] = [];
  constructor(
    public th: Theme,
    public rng: Rng,
  ) {}

  page(): Page {
    return { els: this.els };
  }

  w(s: string, size = 10, f: Role = 'sans'): number {
    return measureMm(this.th.faces[f], size, s);
  }

  t(x: number, y: number, s: string, o: TOpts = {}): number {
    if (s === '') return x;
    const size = o.size ?? 10,
      role = o.f ?? 'sans';
    this.els.push({ k: 'text', x, y, s, size, role, color: o.color ?? '#111', anchor: o.a ?? 'start', rot: o.rot, opacity: o.opacity });
    return x + this.w(s, size, role);
  }
  /** label in small print followed by value */
  lv(x: number, y: number, label: string, value: string, o: TOpts & { lsize?: number; gap?: number } = {}): number {
    const lsize = o.lsize ?? (o.size ?? 10) * 0.85;
    const x2 = this.t(x, y, label, { size: lsize, f: o.f === 'mono' ? 'sans' : (o.f ?? 'sans'), color: '#333' });
    return this.t(x2 + (o.gap ?? 1.5), y, value, o);
  }

  /** Word-wrapped paragraph; returns the y of the next line. Honours '\n'. */
  para(x: number, y: number, width: number, s: string, o: TOpts & { lh?: number; justify?: boolean } = {}): number {
    const size = o.size ?? 10,
      role = o.f ?? 'sans';
    const lh = o.lh ?? size * 0.352778 * 1.4;
    for (const block of s.split('\n')) {
      if (block.trim() === '') {
        y += lh;
        continue;
      }
      let line = '';
      for (const word of block.split(/\s+/)) {
        const cand = line ? line + ' ' + word : word;
        if (line && this.w(cand, size, role) > width) {
          this.t(x, y, line, o);
          y += lh;
          line = word;
        } else line = cand;
      }
      if (line) {
        this.t(x, y, line, o);
        y += lh;
      }
    }
    return y;
  }

  rect(
    x: number,
    y: number,
    w: number,
    h: number,
    o: { stroke?: string; fill?: string; sw?: number; rx?: number; dash?: string; opacity?: number } = {},
  ) {
    this.els.push({
      k: 'rect',
      x,
      y,
      w,
      h,
      stroke: o.stroke ?? (o.fill ? undefined : '#222'),
      fill: o.fill,
      sw: o.sw ?? 0.25,
      rx: o.rx,
      dash: o.dash,
      opacity: o.opacity,
    });
  }
  line(x1: number, y1: number, x2: number, y2: number, o: { stroke?: string; sw?: number; dash?: string } = {}) {
    this.els.push({ k: 'line', x1, y1, x2, y2, stroke: o.stroke ?? '#222', sw: o.sw ?? 0.25, dash: o.dash });
  }
  hl(y: number, x1 = 20, x2 = 190, o: { stroke?: string; sw?: number; dash?: string } = {}) {
    this.line(x1, y, x2, y, o);
  }
  path(d: string, o: { stroke?: string; sw?: number; fill?: string; opacity?: number } = {}) {
    this.els.push({ k: 'path', d, stroke: o.stroke, sw: o.sw, fill: o.fill, opacity: o.opacity });
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, o: { stroke?: string; fill?: string; sw?: number; opacity?: number } = {}) {
    this.els.push({ k: 'ellipse', cx, cy, rx, ry, stroke: o.stroke, fill: o.fill, sw: o.sw ?? 0.3, opacity: o.opacity });
  }

  /** Draw into a rotated group (stamps, stickers, crooked handwriting). */
  group(rot: number, cx: number, cy: number, fn: () => void, opacity?: number) {
    const saved = this.els;
    this.els = [];
    fn();
    const inner = this.els;
    this.els = saved;
    this.els.push({ k: 'group', rot, cx, cy, els: inner, opacity });
  }

  /** Form field: box with a tiny caption in the top-left corner and an optional value. */
  field(
    x: number,
    y: number,
    w: number,
    h: number,
    label: string,
    value?: string,
    o: TOpts & { capSize?: number; noBox?: boolean; dx?: number; dy?: number; box?: string } = {},
  ) {
    if (!o.noBox) this.rect(x, y, w, h, { stroke: o.box ?? '#333', sw: 0.2 });
    if (label) this.t(x + 0.8, y + 2.3, label, { size: o.capSize ?? 5.5, f: 'sans', color: o.box ?? '#444' });
    if (value)
      this.t(x + 1.5 + (o.dx ?? 0), y + h - 1.6 + (o.dy ?? 0), value, {
        size: o.size ?? 9.5,
        f: o.f ?? 'mono',
        color: o.color ?? '#111',
        rot: o.rot,
      });
  }

  check(x: number, y: number, checked: boolean, label: string, o: TOpts & { hand?: boolean; boxSize?: number } = {}) {
    const b = o.boxSize ?? 3;
    this.rect(x, y - b + 0.4, b, b, { sw: 0.25 });
    if (checked) {
      if (o.hand)
        this.path(`M${x + 0.3} ${y - b + 0.8} L${x + b - 0.2} ${y + 0.2} M${x + b} ${y - b + 0.5} L${x + 0.2} ${y + 0.3}`, {
          stroke: o.color ?? INK_BLUE[0],
          sw: 0.45,
        });
      else this.t(x + b / 2, y - 0.2, 'X', { size: b * 2.6, f: 'mono', a: 'middle' });
    }
    if (label) this.t(x + b + 1.5, y, label, { size: o.size ?? 8.5, f: o.f ?? 'sans', color: '#222' });
    return x + b + 1.5 + (label ? this.w(label, o.size ?? 8.5, o.f ?? 'sans') : 0);
  }

  /** One character per box, as on official forms (e.g. the Versicherten-Nr. or dates). */
  cells(
    x: number,
    y: number,
    s: string,
    n: number,
    o: { cw?: number; h?: number; f?: Role; size?: number; color?: string; label?: string; jitter?: number } = {},
  ) {
    const cw = o.cw ?? 4.2,
      h = o.h ?? 5.5;
    if (o.label) this.t(x, y - 0.8, o.label, { size: 5.5, color: '#444' });
    for (let i = 0; i < n; i++) {
      this.rect(x + i * cw, y, cw, h, { sw: 0.2, stroke: '#555' });
      const ch = s[i];
      if (ch && ch !== ' ') {
        const j = o.jitter ?? 0;
        this.t(x + i * cw + cw / 2 + this.rng.float(-j, j), y + h - 1.2 + this.rng.float(-j, j), ch, {
          size: o.size ?? 10,
          f: o.f ?? 'mono',
          a: 'middle',
          color: o.color ?? '#111',
          rot: j ? this.rng.float(-6, 6) : undefined,
        });
      }
    }
    return x + n * cw;
  }

  /** Handwritten-looking text: script face, ink colour, each word slightly rotated and off the baseline. */
  hand(x: number, y: number, s: string, o: { size?: number; color?: string; slope?: number } = {}): number {
    const size = o.size ?? 12,
      color = o.color ?? this.rng.pick(INK_BLUE);
    const slope = o.slope ?? this.rng.float(-1.5, 1.5);
    let cx = x;
    for (const word of s.split(' ')) {
      if (word) {
        const dy = this.rng.float(-0.45, 0.45) + (cx - x) * Math.tan((slope * Math.PI) / 180);
        this.t(cx, y + dy, word, { size: size * this.rng.float(0.95, 1.06), f: 'hand', color, rot: slope + this.rng.float(-2.5, 2.5) });
      }
      cx += this.w(word + ' ', size, 'hand') * this.rng.float(1.0, 1.12);
    }
    return cx;
  }

  /** A scribbled signature (no readable text). */
  sig(x: number, y: number, w = 35, color?: string) {
    const r = this.rng;
    let d = `M${x} ${y}`;
    let cx = x;
    const n = r.int(4, 8);
    for (let i = 0; i < n; i++) {
      const step = w / n;
      const up = r.float(-7, -2),
        dn = r.float(0.5, 3);
      d += ` C${cx + step * 0.3} ${y + up} ${cx + step * 0.1} ${y + dn + 2} ${cx + step} ${y + r.float(-1.5, 1.5)}`;
      cx += step;
    }
    d += ` M${x + r.float(0, w * 0.3)} ${y + r.float(1, 3)} Q${x + w / 2} ${y + r.float(2, 5)} ${x + w * r.float(0.8, 1.1)} ${y + r.float(-1, 1)}`;
    this.path(d, { stroke: color ?? r.pick(INK_BLUE), sw: r.float(0.3, 0.5) });
  }

  /** Rubber stamp: bordered block of centred lines in stamp ink, slightly rotated and faded. */
  stamp(
    x: number,
    y: number,
    lines: string[],
    o: { color?: string; rot?: number; size?: number; w?: number; opacity?: number; round?: boolean } = {},
  ) {
    const size = o.size ?? 8;
    const color = o.color ?? this.rng.pick(STAMP_COLORS);
    const lh = size * 0.352778 * 1.3;
    const w = o.w ?? Math.max(...lines.map((l, i) => this.w(l, i === 0 ? size * 1.05 : size, i === 0 ? 'sansB' : 'sans'))) + 6;
    const h = lines.length * lh + 3;
    const rot = o.rot ?? this.rng.float(-6, 6);
    this.group(
      rot,
      x + w / 2,
      y + h / 2,
      () => {
        if (o.round) this.ellipse(x + w / 2, y + h / 2, w / 2 + 2, h / 2 + 2, { stroke: color, sw: 0.6 });
        else {
          this.rect(x, y, w, h, { stroke: color, sw: 0.55, rx: 1 });
        }
        lines.forEach((l, i) =>
          this.t(x + w / 2, y + 1.5 + lh * (i + 0.8), l, {
            size: i === 0 ? size * 1.05 : size,
            f: i === 0 ? 'sansB' : 'sans',
            color,
            a: 'middle',
          }),
        );
      },
      o.opacity ?? this.rng.float(0.7, 0.92),
    );
    return { w, h };
  }

  /** Simple table with header row; returns y below the table. */
  table(
    x: number,
    y: number,
    cols: { w: number; h: string; a?: Anchor }[],
    rows: string[][],
    o: { size?: number; f?: Role; rowH?: number; grid?: boolean; headFill?: string; zebra?: string; headRole?: Role } = {},
  ) {
    const size = o.size ?? 8.5,
      rowH = o.rowH ?? 5.2,
      f = o.f ?? 'sans';
    const totalW = cols.reduce((s, c) => s + c.w, 0);
    if (o.headFill) this.rect(x, y, totalW, rowH, { fill: o.headFill });
    const cellX = (i: number) => x + cols.slice(0, i).reduce((s, c) => s + c.w, 0);
    const put = (ry: number, vals: string[], role: Role) =>
      vals.forEach((v, i) => {
        const a = cols[i].a ?? 'start';
        const cx = a === 'start' ? cellX(i) + 1 : a === 'end' ? cellX(i) + cols[i].w - 1 : cellX(i) + cols[i].w / 2;
        this.t(cx, ry + rowH - 1.5, v, { size, f: role, a });
      });
    put(
      y,
      cols.map((c) => c.h),
      o.headRole ?? (f === 'mono' ? 'monoB' : 'sansB'),
    );
    if (!o.grid) this.hl(y + rowH, x, x + totalW, { sw: 0.3 });
    rows.forEach((r, ri) => {
      const ry = y + rowH * (ri + 1);
      if (o.zebra && ri % 2 === 1) this.rect(x, ry, totalW, rowH, { fill: o.zebra });
      put(ry, r, f);
    });
    const yEnd = y + rowH * (rows.length + 1);
    if (o.grid) {
      for (let i = 0; i <= rows.length + 1; i++) this.hl(y + rowH * i, x, x + totalW, { sw: 0.2 });
      for (let i = 0; i <= cols.length; i++) this.line(cellX(i), y, cellX(i), yEnd, { sw: 0.2 });
    } else this.hl(yEnd, x, x + totalW, { sw: 0.2 });
    return yEnd;
  }
}
