// Extra pages for multi-page documents. None of these carries the owner's name or KVNR,
// so identification has to come from page 2 (or 3).
import type { Ctx, DocType } from '../ctx.js';
import type { Page } from '../page.js';
import * as I from '../issuers.js';
import { letterhead, infoBlock } from '../widgets.js';
import { insurerHeader } from './common.js';

const ABOUT: Record<DocType, string> = {
  sick_note: 'die Arbeitsunfähigkeitsbescheinigung',
  invoice: 'die Rechnung mit der Bitte um Erstattung',
  sick_pay: 'die Unterlagen zum Krankengeld',
  child_sick_pay: 'die Unterlagen für das Kinderkrankengeld',
  maternity: 'die Unterlagen für das Mutterschaftsgeld',
  bonus_program: 'meine Nachweise für das Bonusprogramm',
  membership: 'die Unterlagen zu meiner Mitgliedschaft',
  prescription_or_plan: 'den Plan bzw. die Verordnung zur Genehmigung',
  other: 'die beigefügten Unterlagen',
};

/** Anonymous cover note by the member (signed, but no printed name). */
export function memberCover(c: Ctx, type: DocType): Page {
  const pg = c.pg(),
    r = c.rng;
  const hand = r.chance(0.5);
  const text = `Sehr geehrte Damen und Herren, anbei übersende ich Ihnen ${ABOUT[type]}. Bitte bearbeiten Sie den Vorgang. Für Rückfragen stehe ich gerne zur Verfügung.`;
  if (hand) {
    let y = 40,
      line = '';
    pg.hand(20, 25, `${c.insurer.short} – ${c.today()}`, { size: 13 });
    for (const w of text.split(' ')) {
      if ((line + ' ' + w).length > 48) {
        pg.hand(20, y, line.trim(), { size: 13 });
        y += 9;
        line = '';
      }
      line += ' ' + w;
    }
    pg.hand(20, y, line.trim(), { size: 13 });
    y += 14;
    pg.hand(20, y, 'Mit freundlichen Grüßen', { size: 13 });
    pg.sig(22, y + 12, 40);
  } else {
    pg.t(25, 52, c.insurer.name, { size: 10 });
    pg.t(25, 57, c.insurer.street, { size: 10 });
    pg.t(25, 62, `${c.insurer.plz} ${c.insurer.city}`, { size: 10 });
    pg.t(190, 80, c.today(), { size: 10, a: 'end' });
    pg.t(20, 95, 'Einreichung von Unterlagen', { size: 11, f: 'sansB' });
    const y = pg.para(20, 105, 170, text + '\n\nMit freundlichen Grüßen', { size: 10.5, lh: 5.4 });
    pg.sig(22, y + 8, 40);
  }
  return pg.page();
}

/** Fax cover sheet from a practice / employer ("patient: see next page"). */
export function faxCover(c: Ctx, pages: number): Page {
  const pg = c.pg(),
    r = c.rng,
    iss = r.chance(0.6) ? I.practice(r) : I.employer(r);
  letterhead(pg, iss, r.int(0, 5));
  pg.t(20, 60, 'TELEFAX', { size: 28, f: 'sansB' });
  infoBlock(
    pg,
    20,
    75,
    [
      ['An', c.insurer.name],
      ['Fax', c.insurer.fax],
      ['Von', iss.name],
      ['Fax', iss.fax],
      ['Datum', c.today()],
      ['Seiten', `${pages} (inkl. Deckblatt)`],
      [
        'Betreff',
        r.pick([
          'Unterlagen für Ihre/n Versicherte/n – siehe Folgeseite',
          'Nachreichung wie besprochen',
          'Ihre Anforderung vom ' + c.today(),
        ]),
      ],
    ],
    { size: 10.5, lw: 25 },
  );
  pg.para(
    20,
    120,
    170,
    'Diese Nachricht enthält vertrauliche Informationen und ist ausschließlich für den Adressaten bestimmt. Sollten Sie diese Nachricht irrtümlich erhalten haben, benachrichtigen Sie bitte umgehend den Absender und vernichten Sie das Dokument.',
    { size: 8.5, color: '#444' },
  );
  return pg.page();
}

/** Insurer's instructions / privacy notice page that precedes its own forms. */
export function instructionsPage(c: Ctx): Page {
  const pg = c.pg(),
    r = c.rng;
  const y = insurerHeader(
    c,
    pg,
    r.pick(['Hinweise zum Ausfüllen', 'Informationen zum Datenschutz']),
    'Bitte vor dem Ausfüllen lesen – die Angaben zur Person finden Sie auf der nächsten Seite',
  );
  pg.para(
    20,
    y + 6,
    170,
    'Wir benötigen Ihre Angaben, um über Ihren Anspruch entscheiden zu können (§ 60 SGB I). Bitte füllen Sie das Formular vollständig und gut lesbar aus. Fehlende Angaben können zu Verzögerungen führen.\n\nIhre Daten werden nach Art. 13 DSGVO ausschließlich zur Erfüllung unserer gesetzlichen Aufgaben verarbeitet und nach Ablauf der Aufbewahrungsfristen gelöscht. Sie haben das Recht auf Auskunft, Berichtigung und Löschung sowie ein Beschwerderecht bei der zuständigen Aufsichtsbehörde.\n\nSenden Sie das Formular bitte mit allen Nachweisen an die auf dem Formular genannte Anschrift oder laden Sie es in der Online-Geschäftsstelle hoch. Rückfragen beantworten wir gerne telefonisch.',
    { size: 10, lh: 5.4 },
  );
  return pg.page();
}

/** Back page: payment terms / general information of an issuer. */
export function termsPage(c: Ctx): Page {
  const pg = c.pg();
  pg.t(20, 25, 'Allgemeine Hinweise und Zahlungsbedingungen', { size: 12, f: 'sansB' });
  pg.para(
    20,
    35,
    170,
    '1. Rechnungen sind innerhalb von 30 Tagen ohne Abzug zahlbar.\n2. Bitte geben Sie bei Zahlungen stets die Rechnungsnummer an.\n3. Die Erstattung durch Ihre Krankenkasse oder private Zusatzversicherung kann von der Rechnungshöhe abweichen; der Zahlungsanspruch gegenüber dem Patienten bleibt davon unberührt.\n4. Einwendungen gegen die Rechnung sind innerhalb von vier Wochen nach Zugang schriftlich geltend zu machen.\n5. Gerichtsstand ist der Sitz der Praxis.',
    { size: 9.5, lh: 5.2 },
  );
  pg.t(105, 285, '– Seite 2 –', { size: 8, a: 'middle', color: '#555' });
  return pg.page();
}

/** Almost empty back side (scanned duplex). */
export function blankPage(c: Ctx): Page {
  const pg = c.pg();
  if (c.rng.chance(0.5)) pg.t(105, 287, 'Diese Seite bleibt leer.', { size: 7, a: 'middle', color: '#888' });
  return pg.page();
}
