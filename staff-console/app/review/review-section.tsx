import { ReviewDocumentView } from './review-document.js';
import { ReviewQueue } from './review-queue.js';

/** Document review for clerks: the queue, or one document when the route names it. */
export function ReviewSection({ documentId }: { documentId: string | undefined }) {
  return documentId ? <ReviewDocumentView key={documentId} id={documentId} /> : <ReviewQueue />;
}
