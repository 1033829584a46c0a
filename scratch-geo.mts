import sharp from 'sharp';
import { pageGeometry } from './intake-pipeline/text/page-geometry.ts';
const lines = Array.from(
  { length: 30 },
  (_, i) => `Zeile ${i} Arbeitsunfähigkeitsbescheinigung Versicherten-Nr. T123456789 vom 03.11.2026`,
);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2480" height="3508"><rect width="100%" height="100%" fill="#fff"/>${lines.map((l, i) => `<text x="150" y="${300 + i * 80}" font-family="DejaVu Sans" font-size="40">${l}</text>`).join('')}</svg>`;
for (const angle of [0, 3, -7, 12]) {
  const img = await sharp(Buffer.from(svg)).rotate(angle, { background: '#fff' }).grayscale().raw().toBuffer({ resolveWithObject: true });
  const t0 = performance.now();
  const g = pageGeometry({ data: img.data, width: img.info.width, height: img.info.height });
  console.log(angle, g, (performance.now() - t0).toFixed(0) + 'ms', img.info.width, img.info.height, img.info.channels);
}
