/**
 * Where to send someone after sign-in, 2FA enrolment or step-up, from a `callbackUrl` or `next`
 * they brought along. Only a path on the panel's own origin is followed: an open redirect would
 * let a phishing link end on the attacker's page right after a genuine sign-in.
 *
 * "Starts with / but not //" is not enough: browsers read "\" as "/" and drop tabs and newlines
 * anywhere in a URL, so "/\evil.example" and "/<TAB>/evil.example" both mean "//evil.example".
 * So backslashes, control characters (C0, DEL, C1) and white space anywhere refuse the value before
 * parsing; the value is then parsed against the panel's origin and must stay on it, and the path
 * it resolves to must not itself start with "//" ("/.//evil.example" normalizes to that).
 *
 * Client-safe: no server imports, so the browser and the server decide alike.
 */
const REFUSED_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\\s]/u;
const MAX_LENGTH = 2048;

export function safeRedirectPath(value: unknown, origin: string, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || REFUSED_CHARACTERS.test(value)) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || target.pathname.startsWith("//")) return fallback;
  return `${target.pathname}${target.search}${target.hash}`;
}
