import { connect } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/**
 * What the production server answers at the HTTP level: methods it does not serve, server actions
 * that are cross-site, oversized or undecodable, the headers on pages and the API, and a signed-in
 * journey under the Content-Security-Policy with no violation reported.
 */
test.describe.configure({ mode: "serial" });

/** A request written byte for byte (the browser and fetch refuse TRACE, TRACK and CONNECT). */
function raw(baseURL: string, text: string): Promise<{ status: number; head: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname, () => socket.write(text));
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("end", () => resolve({ status: Number(received.split(" ")[1]), head: received.split("\r\n\r\n")[0] }));
    socket.on("error", reject);
  });
}

/** The id of the sign-in form's server action, as the browser sends it. */
async function signInActionId(page: Page): Promise<string> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not the password at all");
  const [request] = await Promise.all([
    page.waitForRequest(
      (candidate) => candidate.method() === "POST" && candidate.headers()["next-action"] !== undefined,
    ),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return request.headers()["next-action"];
}

test("TRACE, TRACK and CONNECT answer 405 with Allow on pages and route handlers", async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const [method, target] of [
    ["TRACE", "/signin"],
    ["TRACE", "/api/health"],
    ["TRACK", "/signin"],
    ["TRACK", "/api/v1/me"],
    ["CONNECT", host],
  ]) {
    const { status, head } = await raw(
      baseURL!,
      `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    expect({ method, target, status }).toEqual({ method, target, status: 405 });
    expect(head).toMatch(/^allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS$/im);
  }
});

test("every /api/v1 answer is problem+json: unknown addresses 404, unsupported methods 405 with Allow", async ({
  request,
}) => {
  for (const method of ["GET", "POST", "DELETE"]) {
    const response = await request.fetch("/api/v1/no-such-endpoint/here", { method });
    expect(response.status(), method).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not found" });
  }
  const refused = await request.fetch("/api/v1/members", { method: "DELETE" });
  expect(refused.status()).toBe(405);
  expect(refused.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({
    status: 405,
    detail: expect.stringContaining("use GET, HEAD, OPTIONS, POST"),
  });
  // A served method still reaches the guard: no key, 401 problem+json.
  const unauthenticated = await request.get("/api/v1/members");
  expect(unauthenticated.status()).toBe(401);
  expect(unauthenticated.headers()["content-type"]).toBe("application/problem+json");
});

test("server actions: another site's 403, over 1 MB 413, undecodable 400, never a 500", async ({
  page,
  request,
  baseURL,
}) => {
  const actionId = await signInActionId(page);
  const post = (data: string | Buffer, headers: Record<string, string>) =>
    request.post("/signin", {
      data,
      headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", ...headers },
      maxRedirects: 0,
    });

  for (const origin of ["https://evil.example", "null"]) {
    const refused = await post('["x"]', { origin });
    expect({ origin, status: refused.status() }).toEqual({ origin, status: 403 });
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
  }
  const host = new URL(baseURL!).host;
  const noOrigin = await raw(
    baseURL!,
    `POST /signin HTTP/1.1\r\nHost: ${host}\r\nNext-Action: ${actionId}\r\n` +
      `Content-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\n["x"]`,
  );
  expect(noOrigin.status).toBe(403);

  const ownOrigin = { origin: baseURL! };
  expect((await post(Buffer.alloc(1024 * 1024 + 1, "a"), ownOrigin)).status()).toBe(413);
  for (const body of ["{not json", '["$Q9"]', '["$nabc"]']) {
    expect({ body, status: (await post(body, ownOrigin)).status() }).toEqual({ body, status: 400 });
  }
  const badMultipart = await post("garbage", { ...ownOrigin, "content-type": "multipart/form-data; boundary=XYZ" });
  expect(badMultipart.status()).toBe(400);
  const formWithoutArguments = await request.post("/signin", {
    multipart: { x: "1" },
    headers: { "next-action": actionId, ...ownOrigin },
  });
  expect(formWithoutArguments.status()).toBe(400);
});

test("pages carry a nonce-based CSP and no-store; the API is no-store; health says only ok", async ({ request }) => {
  for (const path of ["/signin", "/signup"]) {
    const page = await request.get(path);
    const csp = page.headers()["content-security-policy"];
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain("unsafe-eval");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(page.headers()["cache-control"]).toContain("no-store");
    // Every script Next renders carries this response's nonce.
    const html = await page.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  const first = (await request.get("/signin")).headers()["content-security-policy"];
  const second = (await request.get("/signin")).headers()["content-security-policy"];
  expect(first).not.toBe(second);

  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  expect(api.headers()["cache-control"]).toBe("no-store");
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  // HSTS only over https (here: plain http, and a client's X-Forwarded-Proto is not believed).
  const spoofed = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(spoofed.headers()["strict-transport-security"]).toBeUndefined();
});

test("a signed-in journey runs under the CSP with no violation, and page scripts never see the session id", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  const person = newPerson("Csp");
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  // Enrolment is a client component (QR code, form): it works only if React hydrated under the CSP.
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(/Chain intact/);

  const answer = await page.request.get(page.url());
  expect(answer.headers()["cache-control"]).toContain("no-store");
  expect(answer.headers()["content-security-policy"]).toContain("'strict-dynamic'");

  const session = await page.evaluate(async () => (await fetch("/api/auth/session")).text());
  expect(JSON.parse(session)).toMatchObject({ userId: expect.any(String) });
  expect(session).not.toMatch(/sessionId/);

  expect(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])).toEqual([]);
  expect(violations).toEqual([]);
});

test("the panel works at 127.0.0.1, where the server listens, as at localhost: route handlers included", async ({
  browser,
  baseURL,
}) => {
  // Next hands route handlers a URL naming the listening address as "localhost"; the browser's Origin names what it opened.
  const loopback = baseURL!.replace("//localhost:", "//127.0.0.1:");
  const context = await browser.newContext({ baseURL: loopback });
  const page = await context.newPage();
  const person = newPerson("Loopback");
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(loopback);
  const slug = new URL(page.url()).pathname.split("/")[1];
  // The audit trail verifies the chain with POST /api/orgs/<slug>/audit-entries/verify, a route handler.
  await page.goto(`/${slug}/audit`);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(/^Intact: \d+ entries verified/);
  // Another site's POST, with the same session cookie, is still refused.
  const forged = await context.request.post(`/api/orgs/${slug}/audit-entries/verify`, {
    headers: { origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(403);
  await context.close();
});
