/**
 * A zone Intl knows, in its canonical IANA spelling (America/New_York), else null. Pure: the audit screen checks a
 * cookie with it and the server checks the zone a person saves. Anything that names a zone is client input.
 */
export function canonicalTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
