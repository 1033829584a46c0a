import type * as Mupdf from 'mupdf';

/** Resolution pages are rendered at for OCR: enough for 8-pt print, small enough to be quick. */
const RENDER_DPI = 200;

/** A PDF's pages through mupdf (WebAssembly): each page's text layer, and a page rendered as a grey PNG. */
export class PdfPages {
  private constructor(
    private readonly mupdf: typeof Mupdf,
    private readonly document: Mupdf.Document,
  ) {}

  /**
   * mupdf is loaded on first use: its module initialises WebAssembly with a top-level await,
   * which would make every module importing this one asynchronous too.
   */
  static async open(bytes: Buffer): Promise<PdfPages> {
    const mupdf = await import('mupdf');
    return new PdfPages(mupdf, mupdf.Document.openDocument(bytes, 'application/pdf'));
  }

  get count(): number {
    return this.document.countPages();
  }

  /** The text layer of a page; empty for scanned pages (the cue to OCR). */
  text(index: number): string {
    return this.document.loadPage(index).toStructuredText('preserve-whitespace').asText();
  }

  /** A page as a grey PNG; at 200 dpi for OCR unless a lower resolution (for display) is asked. */
  render(index: number, dpi = RENDER_DPI): Buffer {
    const scale = dpi / 72;
    const pixmap = this.document.loadPage(index).toPixmap(this.mupdf.Matrix.scale(scale, scale), this.mupdf.ColorSpace.DeviceGray, false, true);
    return Buffer.from(pixmap.asPNG());
  }

  close(): void {
    this.document.destroy();
  }
}
