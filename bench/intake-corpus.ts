/**
 * `npm run corpus:generate`: a labelled synthetic corpus of German insurance documents for
 * fictitious members, written to var/corpus/ (documents + labels.json + members.json).
 * Each type comes as a PDF with a text layer and as a "scan" (PNG/JPEG, rotated, blurred,
 * noisy); some carry a wrong check digit or no KVNR, some belong to family members.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { kvnrCheckDigit } from '../domain/members/kvnr.js';
import { formatGermanDate as german } from '../domain/submissions/detail-parsers.js';
import { projectRoot } from '../platform/paths.js';
import { DOCUMENT_TYPES, type DocumentType } from '../intake-pipeline/document-types.js';

export const CORPUS_DIR = path.join(projectRoot, 'var', 'corpus');

export interface CorpusMember {
  kvnr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  familyOf: string | null;
  /** Optional: corpora with addresses let name, birth date and address assign a document. */
  street?: string;
  postalCode?: string;
  city?: string;
}

export interface CorpusLabel {
  file: string;
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  type: DocumentType;
  /** Whose document it is. */
  memberKvnr: string;
  /** Whether the text carries that member's valid KVNR (only then may it be assigned automatically). */
  validKvnrInText: boolean;
  /** The rendering kind: text_pdf and scan here; other corpora name theirs (phone_photo, fax, …). */
  variant: string;
}

const kvnr = (letter: string, n: number) => {
  const first = `${letter}${String(n).padStart(8, '0')}`;
  return `${first}${kvnrCheckDigit(first)}`;
};

const FIRST = ['Lena', 'Jonas', 'Mia', 'Paul', 'Emma', 'Felix', 'Hanna', 'Lukas', 'Sophie', 'Elias', 'Marie', 'Noah'];
const LAST = ['Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz'];

export function corpusMembers(): CorpusMember[] {
  const members: CorpusMember[] = [];
  for (let i = 0; i < 12; i++) {
    const main: CorpusMember = {
      kvnr: kvnr('T', 10_000 + i * 7),
      firstName: FIRST[i]!,
      lastName: LAST[i]!,
      birthDate: `19${60 + i * 3}-0${(i % 9) + 1}-1${i % 9}`,
      familyOf: null,
    };
    members.push(main);
    if (i % 3 === 0)
      members.push({
        kvnr: kvnr('T', 50_000 + i * 7),
        firstName: `${FIRST[(i + 5) % 12]}`,
        lastName: LAST[i]!,
        birthDate: `20${12 + (i % 8)}-0${(i % 8) + 1}-0${(i % 8) + 1}`,
        familyOf: main.kvnr,
      });
  }
  return members;
}

/** The lines of a document of this type for this member (with or without a KVNR line); child sick pay names the sick child too. */
function documentLines(type: DocumentType, member: CorpusMember, kvnrLine: string | null, n: number, child?: CorpusMember): string[] {
  const who = [`${member.firstName} ${member.lastName}`, `geb. ${german(member.birthDate)}`, ...(kvnrLine ? [kvnrLine] : [])];
  switch (type) {
    case 'sick_note':
      return [
        'Arbeitsunfähigkeitsbescheinigung',
        n % 2 ? 'Folgebescheinigung' : 'Erstbescheinigung',
        ...who,
        'arbeitsunfähig seit 03.11.2026',
        'voraussichtlich arbeitsunfähig bis 14.11.2026',
        'Praxis Dr. med. Berg, Allgemeinmedizin',
      ];
    case 'invoice':
      return [
        `Rechnung Nr. 2026-${400 + n}`,
        'Zahnarztpraxis Dr. Lind',
        `Patient: ${member.firstName} ${member.lastName}`,
        `geb. ${german(member.birthDate)}`,
        ...(kvnrLine ? [kvnrLine] : []),
        n % 2 ? 'Professionelle Zahnreinigung GOZ 1040' : 'Osteopathische Behandlung 60 Minuten',
        'Rechnungsbetrag 85,40 EUR',
        'Zahlbar innerhalb von 14 Tagen',
      ];
    case 'sick_pay':
      return [
        'Auszahlschein für Krankengeld',
        ...who,
        'Bescheinigung für die Zahlung von Krankengeld',
        'arbeitsunfähig vom 01.10.2026 bis 31.10.2026',
      ];
    case 'child_sick_pay':
      return [
        'Ärztliche Bescheinigung für den Bezug von Kinderkrankengeld',
        'wegen Erkrankung des Kindes',
        ...who,
        ...(child ? [`Kind: ${child.firstName} ${child.lastName}, geb. ${german(child.birthDate)}`] : []),
        'Betreuung des erkrankten Kindes erforderlich vom 05.11.2026 bis 07.11.2026',
      ];
    case 'maternity':
      return [
        'Zeugnis über den mutmaßlichen Tag der Entbindung',
        'für den Antrag auf Mutterschaftsgeld',
        ...who,
        'voraussichtlicher Entbindungstermin: 20.02.2027',
      ];
    case 'bonus_program':
      return [
        'Bonusprogramm der Musterkasse',
        'Bonusheft – Teilnahmebestätigung',
        ...who,
        'Gesundheitskurs Rückenfit, 10 Termine, erfolgreich teilgenommen',
      ];
    case 'membership':
      return [
        'Fragebogen zur Familienversicherung',
        ...who,
        'Angaben zum Familienangehörigen',
        'Beginn der Familienversicherung: 01.01.2027',
      ];
    case 'prescription_or_plan':
      return ['Heil- und Kostenplan', 'Teil 1: Befund und Behandlungsplanung', ...who, 'Zahnersatz Regelversorgung'];
    case 'other':
      return [
        'Sehr geehrte Damen und Herren,',
        ...who,
        'anbei sende ich Ihnen die gewünschten Unterlagen zurück.',
        'Mit freundlichen Grüßen',
      ];
  }
}

async function textPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 770 - i * 26, size: i === 0 ? 16 : 12, font }));
  return Buffer.from(await pdf.save());
}

async function scan(lines: string[], n: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = lines
    .map((l, i) => `<text x="70" y="${130 + i * 70}" font-family="DejaVu Sans" font-size="${i === 0 ? 46 : 38}">${escape(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="${260 + lines.length * 70}"><rect width="100%" height="100%" fill="#fbfaf5"/>${body}</svg>`;
  const rotated = sharp(Buffer.from(svg))
    .rotate(((n % 5) - 2) * 0.7, { background: '#fbfaf5' })
    .blur(0.5 + (n % 3) * 0.2);
  const { data, info } = await rotated.raw().toBuffer({ resolveWithObject: true });
  // Speckle noise like a cheap scanner.
  for (let i = 0; i < data.length; i += 97 + (n % 13)) data[i] = Math.max(0, data[i]! - 90);
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 75 }).toBuffer();
}

const TYPES: readonly DocumentType[] = DOCUMENT_TYPES;

export async function generateCorpus(): Promise<{ members: CorpusMember[]; labels: CorpusLabel[] }> {
  await rm(CORPUS_DIR, { recursive: true, force: true });
  await mkdir(CORPUS_DIR, { recursive: true });
  const members = corpusMembers();
  const labels: CorpusLabel[] = [];
  let n = 0;
  for (const type of TYPES) {
    for (let variant = 0; variant < 8; variant++) {
      n++;
      // Child sick pay is the parent's claim for a family-insured child; other documents are main members' and sometimes family members'.
      const pool = members.filter((m) => (type === 'child_sick_pay' ? m.familyOf !== null : m.familyOf === null || variant % 4 === 3));
      const child = type === 'child_sick_pay' ? pool[(n * 5) % pool.length]! : undefined;
      const member = child ? members.find((m) => m.kvnr === child.familyOf)! : pool[(n * 5) % pool.length]!;
      const kvnrKind = variant % 4 === 1 ? 'wrong' : variant % 4 === 2 ? 'none' : 'valid';
      const wrong = `${member.kvnr.slice(0, 9)}${(Number(member.kvnr[9]) + 3) % 10}`;
      const kvnrLine = kvnrKind === 'none' ? null : `Versicherten-Nr. ${kvnrKind === 'valid' ? member.kvnr : wrong}`;
      const lines = documentLines(type, member, kvnrLine, n, child);
      const isScan = variant >= 4;
      const mediaType: CorpusLabel['mediaType'] = isScan ? (variant % 2 ? 'image/jpeg' : 'image/png') : 'application/pdf';
      const file = `${String(n).padStart(3, '0')}-${type}.${isScan ? (mediaType === 'image/jpeg' ? 'jpg' : 'png') : 'pdf'}`;
      const bytes = isScan ? await scan(lines, n, mediaType === 'image/jpeg' ? 'jpeg' : 'png') : await textPdf(lines);
      await writeFile(path.join(CORPUS_DIR, file), bytes);
      labels.push({
        file,
        mediaType,
        type,
        memberKvnr: member.kvnr,
        validKvnrInText: kvnrKind === 'valid',
        variant: isScan ? 'scan' : 'text_pdf',
      });
    }
  }
  await writeFile(path.join(CORPUS_DIR, 'members.json'), JSON.stringify(members, null, 2));
  await writeFile(path.join(CORPUS_DIR, 'labels.json'), JSON.stringify(labels, null, 2));
  return { members, labels };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const { labels, members } = await generateCorpus();
  console.log(
    `corpus: ${labels.length} documents (${labels.filter((l) => l.variant === 'scan').length} scans) for ${members.length} members in ${path.relative(projectRoot, CORPUS_DIR)}`,
  );
}
