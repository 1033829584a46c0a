// Page model -> pdf-lib page with a real text layer. Uses the 14 standard fonts where the
// text is WinAnsi-encodable (Helvetica/Times/Courier, metric twins of the Liberation faces
// used for layout) and embeds the TTF/OTF otherwise (ı, Ł, ş ... and the script face).
import fs from 'node:fs';
import type { PDFDocument, PDFFont, PDFPage, StandardFonts } from 'pdf-lib';
import {
  rgb,
  degrees,
  pushGraphicsState,
  popGraphicsState,
  concatTransformationMatrix,
  setTextRenderingMode,
  TextRenderingMode,
  LineCapStyle,
} from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { El, Page } from '../page.js';
import { A4H } from '../page.js';
import type { Face, Theme } from '../fonts.js';

const MM = 72 / 25.4;
const PT_H = A4H * MM;

export function hexToRgb(h: string) {
  const v = h.replace('#', '');
  const full =
    v.length === 3
      ? v
          .split('')
          .map((c) => c + c)
          .join('')
      : v;
  return rgb(parseInt(full.slice(0, 2), 16) / 255, parseInt(full.slice(2, 4), 16) / 255, parseInt(full.slice(4, 6), 16) / 255);
}

const WINANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function isWinAnsi(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 9 || c === 10) continue;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff)) continue;
    if (WINANSI_EXTRA.includes(ch)) continue;
    return false;
  }
  return true;
}

/** Font cache per PDF document. */
export class PdfFonts {
  private std = new Map<string, PDFFont>();
  private emb = new Map<string, PDFFont>();
  constructor(public doc: PDFDocument) {
    doc.registerFontkit(fontkit);
  }
  async get(face: Face, text: string): Promise<PDFFont> {
    if (face.std && isWinAnsi(text)) {
      let f = this.std.get(face.std);
      if (!f) {
        f = await this.doc.embedFont(face.std as StandardFonts);
        this.std.set(face.std, f);
      }
      return f;
    }
    let f = this.emb.get(face.file);
    if (!f) {
      f = await this.doc.embedFont(fs.readFileSync(face.file), { subset: true });
      this.emb.set(face.file, f);
    }
    return f;
  }
}

/** Draw the page model onto a pdf-lib page. `invisible` renders text in mode 3 (no ink) —
 *  used for (wrong) text layers over page images. `textOnly` skips vector graphics. */
export async function drawPage(
  page: PDFPage,
  p: Page,
  th: Theme,
  fonts: PdfFonts,
  o: { invisible?: boolean; textOnly?: boolean; transform?: (s: string) => string } = {},
) {
  const draw = async (e: El): Promise<void> => {
    switch (e.k) {
      case 'text': {
        const s = o.transform ? o.transform(e.s) : e.s;
        if (!s) return;
        const face = th.faces[e.role];
        const font = await fonts.get(face, s);
        let x = e.x * MM;
        const w = font.widthOfTextAtSize(s, e.size);
        if (e.anchor === 'middle') x -= w / 2;
        else if (e.anchor === 'end') x -= w;
        const y = PT_H - e.y * MM;
        if (o.invisible) page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
        if (e.rot) {
          // rotate around the anchor point (same as SVG rotate(a, x, y))
          const a = (-e.rot * Math.PI) / 180,
            ax = e.x * MM;
          const dx = x - ax;
          page.drawText(s, {
            x: ax + dx * Math.cos(a),
            y: y + dx * Math.sin(a),
            size: e.size,
            font,
            color: hexToRgb(e.color),
            rotate: degrees(-e.rot),
            opacity: e.opacity,
          });
        } else page.drawText(s, { x, y, size: e.size, font, color: hexToRgb(e.color), opacity: e.opacity });
        if (o.invisible) page.pushOperators(popGraphicsState());
        return;
      }
      case 'rect':
        if (o.textOnly) return;
        page.drawRectangle({
          x: e.x * MM,
          y: PT_H - (e.y + e.h) * MM,
          width: e.w * MM,
          height: e.h * MM,
          color: e.fill ? hexToRgb(e.fill) : undefined,
          borderColor: e.stroke ? hexToRgb(e.stroke) : undefined,
          borderWidth: e.stroke ? (e.sw ?? 0.25) * MM : 0,
          opacity: e.opacity,
          borderOpacity: e.opacity,
        });
        return;
      case 'line':
        if (o.textOnly) return;
        page.drawLine({
          start: { x: e.x1 * MM, y: PT_H - e.y1 * MM },
          end: { x: e.x2 * MM, y: PT_H - e.y2 * MM },
          thickness: e.sw * MM,
          color: hexToRgb(e.stroke),
          dashArray: e.dash ? e.dash.split(/[ ,]+/).map((v) => Number(v) * MM) : undefined,
        });
        return;
      case 'path':
        if (o.textOnly) return;
        page.drawSvgPath(e.d, {
          x: 0,
          y: PT_H,
          scale: MM,
          borderColor: e.stroke ? hexToRgb(e.stroke) : undefined,
          borderWidth: e.stroke ? (e.sw ?? 0.3) * MM : 0,
          color: e.fill ? hexToRgb(e.fill) : undefined,
          opacity: e.opacity,
          borderOpacity: e.opacity,
          borderLineCap: LineCapStyle.Round,
        });
        return;
      case 'ellipse':
        if (o.textOnly) return;
        page.drawEllipse({
          x: e.cx * MM,
          y: PT_H - e.cy * MM,
          xScale: e.rx * MM,
          yScale: e.ry * MM,
          color: e.fill ? hexToRgb(e.fill) : undefined,
          borderColor: e.stroke ? hexToRgb(e.stroke) : undefined,
          borderWidth: e.stroke ? (e.sw ?? 0.3) * MM : 0,
          opacity: e.opacity,
          borderOpacity: e.opacity,
        });
        return;
      case 'group': {
        // rotate the whole group about (cx, cy); SVG's clockwise angle is counter-clockwise in PDF space
        const a = (-e.rot * Math.PI) / 180,
          cx = e.cx * MM,
          cy = PT_H - e.cy * MM;
        const cos = Math.cos(a),
          sin = Math.sin(a);
        page.pushOperators(
          pushGraphicsState(),
          concatTransformationMatrix(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy),
        );
        for (const c of e.els) {
          const withOp =
            e.opacity !== undefined && c.k !== 'group' ? ({ ...c, opacity: (('opacity' in c && c.opacity) || 1) * e.opacity } as El) : c;
          await draw(withOp);
        }
        page.pushOperators(popGraphicsState());
        return;
      }
    }
  };
  for (const e of p.els) await draw(e);
}
