// Page model -> SVG string (rasterised by sharp/librsvg with fontconfig fonts).
import type { El, Page } from '../page.js';
import { A4W, A4H } from '../page.js';
import type { Theme } from '../fonts.js';

const PT = 0.352778; // mm per point
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 1000) / 1000).toString();

function elToSvg(e: El, th: Theme): string {
  switch (e.k) {
    case 'text': {
      const f = th.faces[e.role];
      const tr = e.rot ? ` transform="rotate(${n(e.rot)} ${n(e.x)} ${n(e.y)})"` : '';
      const op = e.opacity !== undefined ? ` opacity="${n(e.opacity)}"` : '';
      return `<text x="${n(e.x)}" y="${n(e.y)}" font-family="${f.family}" font-weight="${f.weight}" font-style="${f.style}" font-size="${n(e.size * PT)}" fill="${e.color}" text-anchor="${e.anchor}"${tr}${op} xml:space="preserve">${esc(e.s)}</text>`;
    }
    case 'rect':
      return `<rect x="${n(e.x)}" y="${n(e.y)}" width="${n(e.w)}" height="${n(e.h)}"${e.rx ? ` rx="${n(e.rx)}"` : ''} fill="${e.fill ?? 'none'}" stroke="${e.stroke ?? 'none'}" stroke-width="${n(e.sw ?? 0.25)}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}${e.opacity !== undefined ? ` opacity="${n(e.opacity)}"` : ''}/>`;
    case 'line':
      return `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" stroke="${e.stroke}" stroke-width="${n(e.sw)}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`;
    case 'path':
      return `<path d="${e.d}" fill="${e.fill ?? 'none'}" stroke="${e.stroke ?? 'none'}" stroke-width="${n(e.sw ?? 0.3)}" stroke-linecap="round" stroke-linejoin="round"${e.opacity !== undefined ? ` opacity="${n(e.opacity)}"` : ''}/>`;
    case 'ellipse':
      return `<ellipse cx="${n(e.cx)}" cy="${n(e.cy)}" rx="${n(e.rx)}" ry="${n(e.ry)}" fill="${e.fill ?? 'none'}" stroke="${e.stroke ?? 'none'}" stroke-width="${n(e.sw ?? 0.3)}"${e.opacity !== undefined ? ` opacity="${n(e.opacity)}"` : ''}/>`;
    case 'group':
      return `<g transform="rotate(${n(e.rot)} ${n(e.cx)} ${n(e.cy)})"${e.opacity !== undefined ? ` opacity="${n(e.opacity)}"` : ''}>${e.els.map((x) => elToSvg(x, th)).join('')}</g>`;
  }
}

/** SVG of one A4 page at `dpi`. `paper` = background colour or null for a transparent page. */
export function pageToSvg(p: Page, th: Theme, dpi: number, paper: string | null = '#ffffff'): string {
  const w = Math.round((A4W / 25.4) * dpi),
    h = Math.round((A4H / 25.4) * dpi);
  const bg = paper ? `<rect x="0" y="0" width="${A4W}" height="${A4H}" fill="${paper}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${A4W} ${A4H}" text-rendering="geometricPrecision">${bg}${p.els.map((e) => elToSvg(e, th)).join('')}</svg>`;
}
export function pagePx(dpi: number) {
  return { w: Math.round((A4W / 25.4) * dpi), h: Math.round((A4H / 25.4) * dpi) };
}
