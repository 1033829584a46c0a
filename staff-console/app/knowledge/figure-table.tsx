import { germanDate, type FigureSummary } from '../../../domain/knowledge/figure-placeholders.js';
import { TableHead } from '../table-head.js';

const KIND: Record<FigureSummary['kind'], string> = { law: 'Gesetz', public: 'öffentlich', insurer: 'Musterkasse' };

/** The dated figures the answers use ({{kennung}}), with today's value and any later one entered. */
export function FigureTable({ figures }: { figures: FigureSummary[] }) {
  return (
    <section class="card" aria-labelledby="figures-title">
      <h2 id="figures-title">Zahlentabelle</h2>
      <p class="muted">
        Jede Zahl, die eine Antwort nennt, steht hier einmal mit Quelle und Datum (Datei <code>knowledge/figures.yaml</code>). Ein neuer
        Wert gilt ab seinem Datum in allen Antworten.
      </p>
      <details>
        <summary>{figures.length} Zahlen anzeigen</summary>
        <table class="queue">
          <TableHead columns={['Kennung', 'Bedeutung', 'heute', 'gilt ab', 'später', 'Quelle']} />
          <tbody>
            {figures.map((f) => (
              <tr key={f.id}>
                <td>
                  <code>{`{{${f.id}}}`}</code>
                </td>
                <td>{f.description}</td>
                <td>{f.current.value}</td>
                <td>{germanDate(f.current.from)}</td>
                <td>{f.next ? `${f.next.value} ab ${germanDate(f.next.from)}` : f.changesYearly ? 'jährlich neu' : '–'}</td>
                <td>
                  {f.source} <span class="muted small">({KIND[f.kind]})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
