/**
 * LIKE treats %, _ and \ as pattern characters (\ is PostgreSQL's default LIKE escape); a search
 * for "50%" means the text "50%".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
