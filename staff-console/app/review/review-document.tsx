import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DOCUMENT_TYPE_LABELS,
  type MemberSummary,
  type ReviewDecisionResult,
  type ReviewDocument,
  type ReviewQueueItem,
  WARNING_PREFIX,
} from '../../../domain/documents/review.types.js';
import { api, describeError } from '../api.js';
import { dateTime } from '../format.js';
import { navigate } from '../route.js';
import { useShortcuts } from '../shortcuts.js';
import { Confidence } from './confidence.js';
import { HighlightedText } from './highlighted-text.js';
import { sourceLabel, statusLabel, typeLabel } from './labels.js';
import { describeMember, MemberPicker } from './member-picker.js';
import { DeliveryList, DuplicateFlag } from './document-notes.js';

/** One document: its pages and text on the left, the pipeline's suggestion and the clerk's decision on the right. */
export function ReviewDocumentView({ id }: { id: string }) {
  const [doc, setDoc] = useState<ReviewDocument | undefined>();
  const [loadError, setLoadError] = useState('');
  const [documentType, setDocumentType] = useState('');
  const [member, setMember] = useState<MemberSummary | null>(null);
  const [decisionError, setDecisionError] = useState('');
  const [routedTo, setRoutedTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const typeSelect = useRef<HTMLSelectElement>(null);
  const memberSearch = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api<ReviewDocument>('GET', `/api/review/documents/${encodeURIComponent(id)}`)
      .then((loaded) => {
        setDoc(loaded);
        setDocumentType(loaded.documentType ?? 'other');
        setMember(loaded.assignedMember ?? loaded.suggestedMember ?? loaded.declaredMember);
      })
      .catch((err) => setLoadError(describeError(err, 'Das Dokument konnte nicht geladen werden.')));
  }, [id, reloads]);

  /** Deciding a document in review, or correcting a routed one no target has taken yet. */
  const mode = routedTo ? undefined : doc?.status === 'awaiting_review' ? 'decide' : doc?.canReroute ? 'reroute' : undefined;
  const open = mode !== undefined;

  async function route() {
    if (!mode || !member || busy) return;
    setBusy(true);
    setDecisionError('');
    try {
      const { department } = await api<ReviewDecisionResult>(
        'POST',
        `/api/review/documents/${encodeURIComponent(id)}/${mode === 'decide' ? 'decision' : 'reroute'}`,
        { documentType, kvnr: member.kvnr },
      );
      // Said with the person chosen, not the pipeline's suggestion still shown above.
      setRoutedTo(`${department} für ${describeMember(member)}`);
      if (mode === 'reroute') {
        setTimeout(() => {
          setRoutedTo('');
          setReloads((n) => n + 1);
        }, 1200);
        return;
      }
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
          {doc.purged && <p class="muted">Datei und Text wurden nach Ablauf der Aufbewahrungsfrist gelöscht.</p>}
          {!doc.purged &&
            pageNumbers.map((n) => {
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
                      <pre class="ocr-text">
                        {text ? (
                          <HighlightedText
                            text={text.text}
                            terms={doc.highlights}
                            passages={doc.facts.filter((f) => f.page === n).map((f) => f.source)}
                          />
                        ) : (
                          'Kein Text erkannt.'
                        )}
                      </pre>
                    </details>
                  </figcaption>
                </figure>
              );
            })}
        </div>
        <aside class="facts" aria-label="Angaben und Entscheidung">
          {doc.duplicateOf && (
            <p>
              <DuplicateFlag duplicateOf={doc.duplicateOf} />
            </p>
          )}
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
          {doc.facts.length > 0 && (
            <>
              <h2>Angaben aus dem Dokument</h2>
              <p class="muted">Im Text blau markiert; bitte mit dem Original vergleichen.</p>
              <dl class="document-facts">
                {doc.facts.map((fact) => (
                  <Fragment key={fact.key}>
                    <dt>{fact.label}</dt>
                    <dd>
                      {fact.display} <span class="muted">· Seite {fact.page}</span>
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </>
          )}
          <h2>{doc.status === 'routed' ? 'Zuordnung' : 'Vorschlag'}</h2>
          <dl>
            <dt>Dokumenttyp</dt>
            <dd>
              {doc.documentType ? typeLabel(doc.documentType) : '–'} <Confidence value={doc.typeConfidence} />
            </dd>
            <dt>Versicherte Person</dt>
            <dd>
              {doc.assignedMember
                ? describeMember(doc.assignedMember)
                : doc.suggestedMember
                  ? describeMember(doc.suggestedMember)
                  : 'keine sichere Zuordnung'}{' '}
              <Confidence value={doc.assignmentConfidence} />
            </dd>
          </dl>
          <h3>Begründung</h3>
          <ul class="reasons">
            {doc.reasons.map((reason, i) =>
              reason.startsWith(WARNING_PREFIX) ? (
                <li key={i} class="warning">
                  <strong>Achtung:</strong> {reason.slice(WARNING_PREFIX.length)}
                </li>
              ) : (
                <li key={i}>{reason}</li>
              ),
            )}
          </ul>
          {doc.status === 'routed' && (
            <>
              <h2>Übermittlung an das Kernsystem</h2>
              <DeliveryList deliveries={doc.deliveries} detailed />
            </>
          )}
          <h2>{mode === 'reroute' ? 'Umleiten' : 'Entscheidung'}</h2>
          {!open && !routedTo && doc.status === 'routed' && (
            <p class="muted">
              Weitergeleitet an {doc.department ?? '–'}
              {doc.assignedMember ? ` für ${describeMember(doc.assignedMember)}` : ''}.{' '}
              {doc.purged ? '' : 'Die Übermittlung hat begonnen: das Dokument ist nur noch lesbar.'}
            </p>
          )}
          {!open && !routedTo && doc.status !== 'routed' && <p class="muted">Dieses Dokument wartet nicht auf Prüfung.</p>}
          {mode === 'reroute' && (
            <p class="muted">
              Weitergeleitet an {doc.department ?? '–'}. Solange die Übermittlung nicht begonnen hat, lassen sich Dokumenttyp und Person
              noch korrigieren.
            </p>
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
                {busy ? 'Wird weitergeleitet …' : mode === 'reroute' ? 'Umleiten (Strg+Enter)' : 'Bestätigen und weiterleiten (Strg+Enter)'}
              </button>
            </>
          )}
          {routedTo && (
            <p class="success" role="status">
              {doc.status === 'routed'
                ? `Umgeleitet an ${routedTo}.`
                : `Weitergeleitet an ${routedTo}. Das nächste Dokument wird geöffnet …`}
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
