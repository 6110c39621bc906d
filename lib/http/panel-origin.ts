import "server-only";

/** The panel's own origin (scheme, host, port), against which redirect targets are judged. */
export function panelOrigin(): string {
  return new URL(process.env.NEXTAUTH_URL ?? "http://localhost:3000").origin;
}
