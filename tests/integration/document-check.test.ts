import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfig } from '../../server/config/index.js';
import { ClamdClient } from '../../platform/scan/clamd.js';
import {
  checkDocument,
  DEFAULT_DOCUMENT_LIMITS,
  DocumentRefusedError,
  type RefusalReason,
} from '../../domain/submissions/document-check.js';
import { EICAR, encryptPdf, makePdf, makePdfPages, noisyImage, PNG_1X1 } from '../helpers/files.js';

/** The upload rules, checked from the bytes, with the real clamd. */
describe('document check', () => {
  const scanner = new ClamdClient(loadConfig().clamd);
  const check = (bytes: Buffer) => checkDocument(bytes, DEFAULT_DOCUMENT_LIMITS, scanner);
  const refused = async (bytes: Buffer, reason: RefusalReason) =>
    assert.rejects(check(bytes), (err: unknown) => err instanceof DocumentRefusedError && err.reason === reason);

  it('counts every page of a PDF and keeps it as it is', async () => {
    const pdf = await makePdfPages(3);
    const checked = await check(pdf);
    assert.equal(checked.pageCount, 3);
    assert.equal(checked.mediaType, 'application/pdf');
    assert.equal(checked.bytes, pdf);
    assert.equal((await check(makePdf())).pageCount, 1);
    assert.equal((await check(PNG_1X1)).pageCount, 1);
  });

  it('refuses encrypted, damaged and oversized PDFs, naming the reason', async () => {
    await refused(encryptPdf(await makePdfPages(1)), 'encrypted_pdf');
    const pdf = await makePdfPages(2);
    await refused(pdf.subarray(0, Math.floor(pdf.length / 2)), 'damaged');
    await refused(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 'x')]), 'damaged');
    await refused(await makePdfPages(1, { noisePx: 700 }), 'page_too_large');
  });

  it('makes a phone photo over 800 kB smaller instead of refusing it', async () => {
    const photo = await noisyImage(3000, 2250, 'jpeg');
    assert.ok(photo.length > DEFAULT_DOCUMENT_LIMITS.maxPageBytes, `the test photo is ${photo.length} bytes`);
    const checked = await check(photo);
    assert.equal(checked.downscaled, true);
    assert.equal(checked.mediaType, 'image/jpeg');
    assert.ok(checked.bytes.length <= DEFAULT_DOCUMENT_LIMITS.maxPageBytes, `${checked.bytes.length} bytes`);
    const big = await noisyImage(1400, 1400, 'png');
    assert.ok(big.length > DEFAULT_DOCUMENT_LIMITS.maxPageBytes);
    assert.equal((await check(big)).mediaType, 'image/jpeg', 'a large PNG becomes a JPEG');
  });

  it('refuses other file types, damaged images and files with a virus signature', async () => {
    await refused(Buffer.from('Nur ein Text, kein Dokument'), 'unsupported_type');
    const jpeg = await noisyImage(400, 400, 'jpeg');
    await refused(jpeg.subarray(0, 600), 'damaged');
    await refused(Buffer.from(EICAR), 'infected');
    await refused(makePdf(EICAR), 'infected');
  });

  it('refuses a JPEG or PNG cut off anywhere in its pixel data, however little is missing', async () => {
    for (const format of ['jpeg', 'png'] as const) {
      const image = await noisyImage(300, 200, format);
      // A JPEG ends with a 2-byte end marker, a PNG with a 12-byte IEND chunk: without them every pixel is still there.
      const pixelDataEnd = image.length - (format === 'png' ? 12 : 2);
      assert.equal((await check(image)).pageCount, 1, `the whole ${format} is accepted`);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 200, max: pixelDataEnd - 1 }), async (cut) => {
          await refused(image.subarray(0, cut), 'damaged');
        }),
        { numRuns: 25 },
      );
      // The last bytes of the pixel data matter too, not only the first.
      await refused(image.subarray(0, pixelDataEnd - 1), 'damaged');
    }
  });
});
