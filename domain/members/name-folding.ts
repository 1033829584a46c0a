import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Umlauts as German writes them without: Krüger and Krueger are the same name to a clerk. */
const UMLAUTS: Array<[string, string]> = [
  ['Ä', 'Ae'],
  ['Ö', 'Oe'],
  ['Ü', 'Ue'],
  ['ä', 'ae'],
  ['ö', 'oe'],
  ['ü', 'ue'],
  ['ß', 'ss'],
];
/** Other accents dropped (é → e, Yıldız → Yildiz), the same letters in JavaScript and in SQL. */
const ACCENTED = 'ÁÀÂÃÉÈÊËÍÌÎÏÓÒÔÕÚÙÛÇÑáàâãéèêëíìîïóòôõúùûçñıİşŞğĞłŁ';
const PLAIN = 'AAAAEEEEIIIIOOOOUUUCNaaaaeeeeiiiioooouuucniIsSgGlL';

/** A name as compared: umlauts spelt out, accents dropped, lower case, single spaces. */
export function foldName(name: string): string {
  let folded = name;
  for (const [umlaut, spelt] of UMLAUTS) folded = folded.replaceAll(umlaut, spelt);
  folded = [...folded].map((c) => (ACCENTED.includes(c) ? PLAIN[ACCENTED.indexOf(c)] : c)).join('');
  return folded.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The same folding in SQL, for a column or expression (lower() after the umlauts, so any collation works). */
export function foldedSql(column: AnyPgColumn | SQL): SQL {
  let folded: SQL = sql`${column}`;
  for (const [umlaut, spelt] of UMLAUTS) folded = sql`replace(${folded}, ${umlaut}, ${spelt})`;
  return sql`lower(translate(${folded}, ${ACCENTED}, ${PLAIN}))`;
}
