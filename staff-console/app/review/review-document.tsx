import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DOCUMENT_TYPE_LABELS,
  type MemberSummary,
  type ReviewDecisionResult,
  type ReviewDocument,
  type ReviewQueueItem,
} from '../../../domain/documents/review.types.js';
import { api, describeError } from '../api.js';
import { dateTime } from '../format.js';
import { navigate } from '../route.js';
import { useShortcuts } from '../shortcuts.js';
import { Confidence } from './confidence.js';
import { HighlightedText } from './highlighted-text.js';
import { sourceLabel, statusLabel, typeLabel } from './labels.js';
import { describeMember, MemberPicker } from './member-picker.js';

/** One document: its pages and text on the left, the pipeline's suggestion and the clerk's decision on the right. */
export function ReviewDocumentView({ id }: { id: string }) {
  const [doc, setDoc] = useState<ReviewDocument | undefined>();
  const [loadError, setLoadError] = useState('');
  const [documentType, setDocumentType] = useState('');
  const [member, setMember] = useState<MemberSummary | null>(null);
  const [decisionError, setDecisionError] = useState('');
  const [routedTo, setRoutedTo] = useState('');
  const [busy, setBusy] = useState(false);
  const typeSelect = useRef<HTMLSelectElement>(null);
  const memberSearch = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api<ReviewDocument>('GET', `/api/review/documents/${encodeURIComponent(id)}`)
      .then((loaded) => {
        setDoc(loaded);
        setDocumentType(loaded.documentType ?? 'other');
        setMember(loaded.suggestedMember ?? loaded.declaredMember);
      })
      .catch((err) => setLoadError(describeError(err, 'Das Dokument konnte nicht geladen werden.')));
  }, [id]);

  const open = doc?.status === 'awaiting_review' && !routedTo;

  async function route() {
    if (!open || !member || busy) return;
    setBusy(true);
    setDecisionError('');
    try {
      const { department } = await api<ReviewDecisionResult>('POST', `/api/review/documents/${encodeURIComponent(id)}/decision`, {
        documentType,
        kvnr: member.kvnr,
      });
      setRoutedTo(department);
      const { documents } = await api<{ documents: ReviewQueueItem[] }>('GET', '/api/review/queue');
      const next = documents.find((d) => d.id !== id);
      setTimeout(() => navigate('review', next?.id), 1200);
    } catch (err) {
      setDecisionError(describeError(err, 'Die Entscheidung konnte nicht gespeichert werden.'));
    } finally {
      setBusy(false);
    }
  }

  useShortcuts({
    Escape: () => navigate('review'),
    'Ctrl+Enter': () => void route(),
    t: () => typeSelect.current?.focus(),
    m: () => memberSearch.current?.focus(),
  });

  if (loadError) {
    return (
      <section>
        <p class="error" role="alert">
          {loadError}
        </p>
        <a href="#/review">Zurück zur Warteschlange</a>
      </section>
    );
  }
  if (!doc) {
    return (
      <p class="loading" role="status">
        Dokument wird geladen …
      </p>
    );
  }

  const pageNumbers = Array.from({ length: doc.pageCount }, (_, i) => i + 1);
  return (
    <section aria-labelledby="doc-title">
      <div class="section-head">
        <h1 id="doc-title">
          {doc.trackingId} <span class="status">{statusLabel(doc.status)}</span>
        </h1>
        <a href="#/review">Zurück zur Warteschlange (Esc)</a>
      </div>
      <div class="review-grid">
        <div class="pages">
          {pageNumbers.map((n) => {
            const text = doc.pages.find((p) => p.page === n);
            return (
              <figure key={n} class="page">
                <img
                  src={`/api/review/documents/${encodeURIComponent(doc.id)}/pages/${n}`}
                  alt={`Seite ${n} von ${doc.pageCount}`}
                  loading="lazy"
                />
                <figcaption>
                  <details open={n === 1}>
                    <summary>
                      Text Seite {n}
                      {text ? ` · ${text.source === 'ocr' ? `Texterkennung ${Math.round(text.confidence)} %` : 'Textebene'}` : ''}
                    </summary>
                    <pre class="ocr-text">{text ? <HighlightedText text={text.text} terms={doc.highlights} /> : 'Kein Text erkannt.'}</pre>
                  </details>
                </figcaption>
              </figure>
            );
          })}
        </div>
        <aside class="facts" aria-label="Angaben und Entscheidung">
          <h2>Eingang</h2>
          <dl>
            <dt>Eingegangen</dt>
            <dd>{dateTime(doc.receivedAt)}</dd>
            <dt>Quelle</dt>
            <dd>{sourceLabel(doc.source)}</dd>
            <dt>Angegebene Art</dt>
            <dd>{doc.declared.type ?? '–'}</dd>
            <dt>Angegebene KVNR</dt>
            <dd>{doc.declaredMember ? describeMember(doc.declaredMember) : (doc.declared.kvnr ?? '–')}</dd>
            {doc.declared.note && (
              <>
                <dt>Notiz</dt>
                <dd>{doc.declared.note}</dd>
              </>
            )}
            {doc.details.map(({ label, value }) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
          <h2>Vorschlag</h2>
          <dl>
            <dt>Dokumenttyp</dt>
            <dd>
              {doc.documentType ? typeLabel(doc.documentType) : '–'} <Confidence value={doc.typeConfidence} />
            </dd>
            <dt>Versicherte Person</dt>
            <dd>
              {doc.suggestedMember ? describeMember(doc.suggestedMember) : 'keine sichere Zuordnung'}{' '}
              <Confidence value={doc.assignmentConfidence} />
            </dd>
          </dl>
          <h3>Begründung</h3>
          <ul class="reasons">
            {doc.reasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
          <h2>Entscheidung</h2>
          {!open && !routedTo && (
            <p class="muted">Dieses Dokument wartet nicht auf Prüfung{doc.department ? ` (weitergeleitet an ${doc.department})` : ''}.</p>
          )}
          {open && (
            <>
              <label for="decision-type">Dokumenttyp (t)</label>
              <select id="decision-type" ref={typeSelect} value={documentType} onChange={(e) => setDocumentType(e.currentTarget.value)}>
                {Object.entries(DOCUMENT_TYPE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <p class="chosen" aria-live="polite">
                Versicherte Person: <strong>{member ? describeMember(member) : 'noch nicht gewählt'}</strong>
              </p>
              <p class="muted">Andere Person suchen (m):</p>
              <MemberPicker inputRef={memberSearch} onPick={setMember} />
              {decisionError && (
                <p class="error" role="alert">
                  {decisionError}
                </p>
              )}
              <button type="button" class="primary" onClick={route} disabled={!member || busy}>
                {busy ? 'Wird weitergeleitet …' : 'Bestätigen und weiterleiten (Strg+Enter)'}
              </button>
            </>
          )}
          {routedTo && (
            <p class="success" role="status">
              Weitergeleitet an {routedTo}. Das nächste Dokument wird geöffnet …
            </p>
          )}
        </aside>
      </div>
      <p class="shortcuts">
        Tastatur: <kbd>t</kbd> Dokumenttyp · <kbd>m</kbd> Person suchen · <kbd>Strg</kbd>+<kbd>Enter</kbd> weiterleiten · <kbd>Esc</kbd>{' '}
        zurück
      </p>
    </section>
  );
}
