/**
 * Runs in a worker thread of the PDF pool (see pdf-pool.ts): everything that parses or renders
 * an untrusted PDF happens here, so a hostile file costs a thread its time, never the event loop
 * of a web or worker process. Each task opens the document from its bytes and closes it again.
 */
import type * as Mupdf from 'mupdf';
import { PDFDocument } from 'pdf-lib';

let mupdfModule: Promise<typeof Mupdf> | undefined;
// Loaded on first use: its WebAssembly start-up is a top-level await.
const loadMupdf = () => (mupdfModule ??= import('mupdf'));

export type PdfInspection = { ok: true; pageCount: number } | { ok: false; reason: 'encrypted_pdf' | 'damaged' };

/** Page count from a strict parse (finds broken objects a lenient reader would skip), or why it cannot be read. */
async function inspect({ bytes }: { bytes: Uint8Array }): Promise<PdfInspection> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An encrypted PDF names its /Encrypt dictionary in the trailer; pdf-lib confirms it.
  if (
    buffer.includes('/Encrypt') &&
    (await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }).catch(() => undefined))?.isEncrypted
  ) {
    return { ok: false, reason: 'encrypted_pdf' };
  }
  try {
    const pageCount = (await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false })).getPageCount();
    return pageCount < 1 ? { ok: false, reason: 'damaged' } : { ok: true, pageCount };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

async function withDocument<T>(bytes: Uint8Array, use: (mupdf: typeof Mupdf, document: Mupdf.Document) => T): Promise<T> {
  const mupdf = await loadMupdf();
  const document = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    return use(mupdf, document);
  } finally {
    document.destroy();
  }
}

/** A page's text layer, and whether an image covers most of the page (a scan, perhaps with a searchable text layer). */
export interface PageLayer {
  text: string;
  scanned: boolean;
}

/** The share of the page an image must cover for the page to count as scanned. */
const SCANNED_SHARE = 0.5;

/** The text layer of every page (empty for scanned pages without one). */
function texts({ bytes }: { bytes: Uint8Array }): Promise<PageLayer[]> {
  return withDocument(bytes, (_, document) =>
    Array.from({ length: document.countPages() }, (_, index) => {
      const page = document.loadPage(index);
      const text = page.toStructuredText('preserve-whitespace').asText();
      const [x0, y0, x1, y1] = page.getBounds();
      const pageArea = Math.abs(x1 - x0) * Math.abs(y1 - y0);
      const { blocks } = JSON.parse(page.toStructuredText('preserve-images').asJSON()) as {
        blocks: Array<{ type: string; bbox: { w: number; h: number } }>;
      };
      const imageArea = blocks.filter((b) => b.type === 'image').reduce((sum, b) => sum + b.bbox.w * b.bbox.h, 0);
      return { text, scanned: pageArea > 0 && imageArea / pageArea >= SCANNED_SHARE };
    }),
  );
}

export interface RenderTask {
  bytes: Uint8Array;
  /** Zero-based page index. */
  index: number;
  dpi: number;
  /** The resolution is lowered for pages so large that `dpi` would give more pixels than this. */
  maxPixels: number;
}

/** One page as a grey PNG, or undefined when the document has no such page. */
function render({ bytes, index, dpi, maxPixels }: RenderTask): Promise<Uint8Array | undefined> {
  return withDocument(bytes, (mupdf, document) => {
    if (index < 0 || index >= document.countPages()) return undefined;
    const page = document.loadPage(index);
    const [x0, y0, x1, y1] = page.getBounds();
    const areaInches = (Math.abs(x1 - x0) / 72) * (Math.abs(y1 - y0) / 72);
    const usableDpi = Math.min(dpi, Math.sqrt(maxPixels / Math.max(areaInches, 1e-6)));
    const scale = usableDpi / 72;
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false, true);
    return pixmap.asPNG();
  });
}

export type PdfTask =
  ({ op: 'inspect' } & { bytes: Uint8Array }) | ({ op: 'texts' } & { bytes: Uint8Array }) | ({ op: 'render' } & RenderTask);

/** The pool's one entry point (piscina calls the default export). */
export default function runTask(task: PdfTask): Promise<unknown> {
  switch (task.op) {
    case 'inspect':
      return inspect(task);
    case 'texts':
      return texts(task);
    case 'render':
      return render(task);
  }
}
