import assert from 'node:assert/strict';
import sharp from 'sharp';
import { OcrEngine } from '../../intake-pipeline/text/ocr-engine.js';

/** Reads the header of a binary PGM: width, height and the first pixel. */
function pgm(image: Buffer): { width: number; height: number; firstPixel: number; pixels: number } {
  const match = /^P5\n(\d+) (\d+)\n255\n/.exec(image.subarray(0, 40).toString('latin1'));
  assert.ok(match, 'a binary PGM header');
  const offset = match[0].length;
  return { width: Number(match[1]), height: Number(match[2]), firstPixel: image[offset]!, pixels: image.length - offset };
}

describe('OCR image normalisation', () => {
  it('hands tesseract one grey channel, transparent parts as paper white', async () => {
    const transparent = await sharp({ create: { width: 40, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const out = pgm((await OcrEngine.prepare(transparent)).pgm);
    assert.deepEqual([out.width, out.height, out.pixels, out.firstPixel], [40, 20, 800, 255]);
  });

  it('turns photos upright by their EXIF orientation and scales them down to A4 at 300 dpi', async () => {
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = pgm((await OcrEngine.prepare(sideways)).pgm);
    assert.deepEqual([upright.width, upright.height], [20, 40]);
    const huge = await sharp({ create: { width: 4960, height: 7016, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer();
    const scaled = pgm((await OcrEngine.prepare(huge)).pgm);
    assert.deepEqual([scaled.width, scaled.height], [1753, 2480]);
  });
});
