/**
 * The panel's Content-Security-Policy. Scripts run only when they carry the request's nonce (Next
 * puts it on its own scripts when it finds it in the request's CSP header, proxy.ts) or are loaded
 * by one that does ('strict-dynamic'): an injected <script> or inline handler does not run.
 * Styles: stylesheets from the panel itself (Tailwind's, a page's imported .css), Next's own
 * <style> elements (with the nonce), and style attributes (brand colours, progress bars), which
 * cannot carry a nonce and cannot run code. A page's own inline <style> or <script> is refused:
 * a client-side navigation renders it with another request's nonce. Use a stylesheet instead.
 * React's development build needs eval for its error stacks; the production build never does
 * (instrumentation-client.ts keeps zod from probing for it).
 */
export function contentSecurityPolicy({
  nonce,
  development,
  https,
}: {
  nonce: string;
  development: boolean;
  https: boolean;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
