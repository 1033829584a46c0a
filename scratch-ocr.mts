import sharp from 'sharp';
import { OcrEngine } from './intake-pipeline/text/ocr-engine.ts';
import { createLogger } from './platform/logging/logger.ts';
const lines = [
  'Arbeitsunfähigkeitsbescheinigung',
  'Erstbescheinigung',
  'Name: Jürgen Weißenfels',
  'geb. 03.04.1967',
  'Versicherten-Nr. T123456789',
  'arbeitsunfähig seit 03.11.2026',
  'voraussichtlich arbeitsunfähig bis 14.11.2026',
  'Praxis Dr. med. Berg, Allgemeinmedizin, Hauptstr. 5, 12345 Musterstadt',
  'Diagnose J06.9 G',
  'Festgestellt am 03.11.2026',
  'Betriebsstätten-Nr. 123456700  Arzt-Nr. 987654321',
];
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2480" height="3508"><rect width="100%" height="100%" fill="#fff"/>${lines.map((l, i) => `<text x="200" y="${300 + i * 70}" font-family="DejaVu Serif" font-size="42">${l}</text>`).join('')}</svg>`;
const ocr = new OcrEngine(2, createLogger('warn'));
const variants: Record<string, () => Promise<Buffer>> = {
  skew8: () => sharp(Buffer.from(svg)).rotate(8, { background: '#eee' }).jpeg({ quality: 60 }).toBuffer(),
  skewNeg5: () => sharp(Buffer.from(svg)).rotate(-5, { background: '#fff' }).jpeg({ quality: 60 }).toBuffer(),
  fax100: () => sharp(Buffer.from(svg)).resize({ width: 827 }).threshold(160).png().toBuffer(),
  fax150: () => sharp(Buffer.from(svg)).rotate(1.5, { background: '#fff' }).resize({ width: 1240 }).threshold(150).png().toBuffer(),
};
for (const [name, make] of Object.entries(variants)) {
  const t0 = performance.now();
  const r = await ocr.recognise(await make());
  console.log(
    name,
    Math.round(performance.now() - t0) + 'ms',
    r.confidence.toFixed(0),
    r.rotation,
    r.skew,
    r.scale,
    /T123456789/.test(r.text.replace(/\s/g, '')),
    /Wei(ß|ss)enfels/.test(r.text),
    JSON.stringify(r.text.slice(0, 160)),
  );
}
await ocr.close();
