import assert from 'node:assert/strict';
import { PDFDocument, rgb, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib';
import sharp from 'sharp';
import { OcrEngine } from '../../intake-pipeline/text/ocr-engine.js';
import { keepsTheNumbers, readableTextLayer, readPages, SECOND_READING_NOTE } from '../../intake-pipeline/text/read-pages.js';
import { boxedForm, imageOnlyPdf, scannedPage } from '../helpers/files.js';
import { testLogger } from '../helpers/log-scan.js';

const LINES = [
  'Rechnung Nr. 2026-118',
  'Patientin: Anna Beispiel',
  'Professionelle Zahnreinigung',
  'Betrag 92,10 EUR',
  'Versicherten-Nr. A123456780',
];
/** Enough of the page read right to say the page was read. */
const readRight = (text: string) => /Rechnung/.test(text) && /Zahnreinigung/.test(text) && /Beispiel/.test(text);

/** Pages as members and scan centres send them (issue 16): turned, tagged by EXIF, transparent, with a broken text layer. */
describe('reading pages the way they arrive', function () {
  this.timeout(120_000);
  const ocr = new OcrEngine(2, testLogger());
  after(() => ocr.close());

  for (const turned of [90, 180, 270]) {
    it(`reads a page turned by ${turned}° and says how it was turned back`, async () => {
      const page = await scannedPage(LINES, { rotate: turned });
      const [read] = await readPages(page, 'image/png', ocr);
      assert.ok(readRight(read!.text), read!.text);
      assert.deepEqual(read!.notes, [`um ${(360 - turned) % 360}° gedreht`]);
    });
  }

  it('straightens a page photographed askew and says by how much', async () => {
    const [read] = await readPages(await scannedPage(LINES, { rotate: -7 }), 'image/png', ocr);
    assert.ok(readRight(read!.text), read!.text);
    assert.equal(read!.notes.length, 1);
    assert.match(read!.notes[0]!, /^um (6,[89]|7|7,[12])° begradigt$/);
  });

  it('straightens a page photographed tilted on a dark desk (the desk is no ink) and reads the KVNR on it', async () => {
    const page = await scannedPage(LINES, { rotate: -9 });
    const { width, height } = await sharp(page).metadata();
    // A dark, uneven surround as large again as the page around it, as a phone photo has.
    const photo = await sharp({ create: { width: width! * 2, height: height! * 2, channels: 3, background: '#1c1d20' } })
      .composite([{ input: page, left: Math.round(width! / 2), top: Math.round(height! / 3) }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const [read] = await readPages(photo, 'image/jpeg', ocr);
    assert.ok(readRight(read!.text), read!.text);
    assert.match(read!.text, /A123456780/);
    assert.ok(
      read!.notes.some((note) => /^um (8,[5-9]|9|9,[0-5])° begradigt$/.test(note)),
      read!.notes.join(),
    );
  });

  it('enlarges a bitonal fax of small print (11 pt at 100 dpi) before reading it, and reads the KVNR on it', async () => {
    const page = await scannedPage(LINES);
    const fax = await sharp(page).resize({ width: 620 }).threshold(150).png().toBuffer();
    const [read] = await readPages(fax, 'image/png', ocr);
    assert.ok(readRight(read!.text), read!.text);
    assert.match(read!.text, /A123456780/);
    assert.ok(
      read!.notes.some((note) => /^für kleine Schrift [\d,]+-fach vergrößert$/.test(note)),
      read!.notes.join(),
    );
  });

  it("reads a page a second time with layout analysis where a KVNR's label was read but not its value, and keeps both readings", async () => {
    // The number's box left empty, as OCR leaves a boxed field it could not read.
    const valueLost = LINES.map((line) => line.replace(/A123456780/, ''));
    const before = ocr.recognised;
    const [read] = await readPages(await scannedPage(valueLost), 'image/png', ocr);
    assert.equal(ocr.recognised - before, 2, 'read twice');
    assert.match(read!.text, /Zahnreinigung[\s\S]*Zahnreinigung/, read!.text);
    assert.deepEqual(read!.notes, [SECOND_READING_NOTE]);
    // No label, or a number shaped like a KVNR that fails its check digit: nothing lost, read once.
    for (const lines of [
      LINES.filter((line) => !/Versicherten-Nr/.test(line)),
      LINES.map((line) => line.replace('A123456780', 'A123456789')),
    ]) {
      const once = ocr.recognised;
      await readPages(await scannedPage(lines), 'image/png', ocr);
      assert.equal(ocr.recognised - once, 1, lines.join(' | '));
    }
    // The second reading is tesseract's layout analysis: boxed fields side by side come out box by box, not row by row.
    const form = await boxedForm([
      ['Krankenkasse', 'Musterkasse'],
      ['Krankenversichertennummer', 'A123456780'],
      ['Staatsangehörigkeit', '000'],
    ]);
    assert.match((await ocr.recognise(form)).text, /Krankenkasse Krankenversichertennummer/);
    assert.match((await ocr.readLayout(form, 0)).text, /Krankenkasse\s*\n\s*Musterkasse/);
  });

  it('reads an upright page without turning it, and once: its KVNR was read', async () => {
    const before = ocr.recognised;
    const [read] = await readPages(await scannedPage(LINES), 'image/png', ocr);
    assert.equal(ocr.recognised - before, 1);
    assert.ok(readRight(read!.text), read!.text);
    assert.deepEqual(read!.notes, []);
  });

  it('turns a phone photo by its EXIF orientation before reading', async () => {
    // The pixels lie on their side; the EXIF tag (6: turn 90° clockwise to view) says so.
    const sideways = await sharp(await scannedPage(LINES, { rotate: -90 }))
      .jpeg({ quality: 92 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const [read] = await readPages(sideways, 'image/jpeg', ocr);
    assert.ok(readRight(read!.text), read!.text);
    assert.deepEqual(read!.notes, [], 'upright after EXIF, nothing more to turn');
  });

  it('reads black text on a transparent PNG as on white paper', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="520">${LINES.map(
      (line, i) => `<text x="60" y="${120 + i * 80}" font-family="DejaVu Sans" font-size="44">${line}</text>`,
    ).join('')}</svg>`;
    const transparent = await sharp(Buffer.from(svg)).png().toBuffer();
    assert.equal((await sharp(transparent).metadata()).hasAlpha, true);
    const [read] = await readPages(transparent, 'image/png', ocr);
    assert.ok(readRight(read!.text), read!.text);
  });

  it('does not trust a text layer that does not read as text, and reads the page image instead', async () => {
    const pdf = await PDFDocument.load(await imageOnlyPdf(await scannedPage(LINES)));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    // A broken encoding as some scanners write it: letters, but no words.
    pdf.getPage(0).drawText('Qxzrt Bvnkl Wrtzp Mnbvc Xcvbn Lkjhg Fdsmn', { x: 10, y: 10, size: 2, font, color: rgb(1, 1, 1) });
    const [read] = await readPages(Buffer.from(await pdf.save()), 'application/pdf', ocr);
    assert.equal(read!.source, 'ocr');
    assert.ok(readRight(read!.text), read!.text);
    assert.deepEqual(read!.notes, ['Textebene unbrauchbar, per Texterkennung gelesen']);
  });

  /** A searchable scan: the page image, and over it an invisible text layer with these lines. */
  async function searchableScan(image: Buffer, layer: string[]): Promise<Buffer> {
    const pdf = await PDFDocument.load(await imageOnlyPdf(image));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.getPage(0);
    page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    layer.forEach((line, i) => page.drawText(line, { x: 40, y: page.getHeight() - 40 - i * 20, size: 11, font }));
    return Buffer.from(await pdf.save());
  }

  it("keeps a scan's searchable text layer when it says what the image shows, and reads the image when it is another document's", async () => {
    const image = await scannedPage(LINES);
    const [kept] = await readPages(await searchableScan(image, LINES), 'application/pdf', ocr);
    assert.deepEqual([kept!.source, kept!.notes], ['text_layer', []]);
    const other = [
      'Arbeitsunfähigkeitsbescheinigung',
      'Versicherter: Karl Muster',
      'Versicherten-Nr. K876543217',
      'arbeitsunfähig seit 03.11.2026',
    ];
    const [replaced] = await readPages(await searchableScan(image, other), 'application/pdf', ocr);
    assert.equal(replaced!.source, 'ocr');
    assert.ok(readRight(replaced!.text), replaced!.text);
    assert.doesNotMatch(replaced!.text, /K876543217/, "the other document's KVNR is not read as this page's");
    assert.deepEqual(replaced!.notes, ['Textebene passt nicht zum Seitenbild, per Texterkennung gelesen']);
  });

  it("reads the image when a scan's text layer has the words but lost the numbers to its font", async () => {
    const image = await scannedPage(LINES);
    // As a broken encoding leaves it: every word there, every digit another sign ("Nr. !$!&-&&*").
    const symbols = '!$%&/()=?*+';
    const digitless = LINES.map((line) => line.replace(/\d/g, (d) => symbols[Number(d)]!));
    const [read] = await readPages(await searchableScan(image, digitless), 'application/pdf', ocr);
    assert.equal(read!.source, 'ocr');
    assert.match(read!.text, /92,10/);
    assert.deepEqual(read!.notes, ['Textebene passt nicht zum Seitenbild, per Texterkennung gelesen']);
    assert.equal(keepsTheNumbers('Betrag 92,10 EUR am 03.11.2026', 'Betrag 92,10 EUR am 03.11.2026'), true);
  });

  it('tells a readable text layer from garbage', () => {
    assert.equal(readableTextLayer('Rechnung für die professionelle Zahnreinigung vom 3. November über 95,00 Euro'), true);
    assert.equal(readableTextLayer('Qxzrt Bvnkl Wrtzp Mnbvc Xcvbn Lkjhg'), false, 'no vowels: no words');
    assert.equal(readableTextLayer('ÕÖ×ØÙÚÛ ÝÞßàáâã äåæçèéê ëìíîïðñ òóôõö÷ø'), false, 'a broken font encoding');
    assert.equal(readableTextLayer('\uE001\uE002\uE003 \uE004\uE005\uE006\uE007 \uE008\uE009\uE00A\uE00B'), false, 'private-use glyphs');
    assert.equal(readableTextLayer('Seite 1'), false, 'too little to trust');
  });
});
