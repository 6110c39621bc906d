import "server-only";

/** An absolute link into the panel, for mail: NEXTAUTH_URL is the panel's public address. */
export function panelUrl(path: string): string {
  const base = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}
