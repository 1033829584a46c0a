/** Text for a LIKE pattern with its own wildcards (%, _) and backslashes taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
