/** What the docs page's "Try it" form holds when Send is pressed. */
export type TryItInput = {
  method: string;
  /** The OpenAPI path under /api/v1, with {braces}. */
  path: string;
  /** The API key the person pasted: it goes in the Authorization header and nowhere else. */
  apiKey: string;
  pathValues: Record<string, string>;
  queryValues: Record<string, string>;
  /** JSON text of the request body, for operations that take one. */
  body?: string;
  idempotencyKey?: string;
};

export type TryItRequest = { url: string; init: RequestInit & { headers: Record<string, string> } };

/**
 * The same-origin request a "Try it" sends, or the reason it cannot be sent. The key is only ever the
 * Authorization header (never the URL, a body or storage); the request carries no cookies (`credentials:
 * "omit"`), so it acts with the pasted key alone, as a program would. A catch-all path parameter (a tile's
 * path) keeps its slashes; every other value is encoded.
 */
export function tryItRequest(input: TryItInput): TryItRequest | { error: string } {
  const apiKey = input.apiKey.trim();
  if (!apiKey) return { error: "Paste an API key to send the request." };
  const missing = [...input.path.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .filter((name) => !input.pathValues[name]?.trim());
  if (missing.length) return { error: `Fill in ${missing.join(", ")}.` };
  const path = input.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    input.pathValues[name]
      .trim()
      .split("/")
      .map((segment) => encodeURIComponent(segment))
      .join(name === "path" ? "/" : "%2F"),
  );
  const query = new URLSearchParams(
    Object.entries(input.queryValues).filter(([, value]) => value.trim() !== ""),
  ).toString();
  const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: "application/json, */*" };
  if (input.idempotencyKey?.trim()) headers["Idempotency-Key"] = input.idempotencyKey.trim();
  const init: TryItRequest["init"] = { method: input.method, headers, credentials: "omit", cache: "no-store" };
  if (input.body !== undefined && input.method !== "GET") {
    try {
      JSON.parse(input.body);
    } catch (error) {
      return { error: `The body is not valid JSON: ${(error as Error).message}` };
    }
    headers["Content-Type"] = "application/json";
    init.body = input.body;
  }
  return { url: `/api/v1${path}${query ? `?${query}` : ""}`, init };
}
