import { expect, test, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/** A new owner with a second factor creates a read-only test key on the keys screen; answers the slug and the key. */
async function ownerWithKey(page: Page): Promise<{ slug: string; key: string }> {
  const owner = newPerson("Docs");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await page.goto(`/${slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name", { exact: true }).fill("Docs explorer");
  await form.getByRole("checkbox", { name: /audit\.read$/ }).check();
  await form.getByRole("switch", { name: "Read-only" }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new key for Docs explorer" });
  const key = await reveal.getByLabel("API key").inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  return { slug, key };
}

test("a developer searches the API docs, copies a call, and tries GET /me with a pasted key that is kept nowhere", async ({
  page,
  context,
}) => {
  // A long page (every operation, server-rendered) makes axe slow on a busy machine.
  test.setTimeout(900_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { slug, key } = await ownerWithKey(page);
  // Every request the page makes from here on, to check where the key travels.
  const sent: { url: string; headers: Record<string, string>; body: string | null }[] = [];
  page.on("request", (request) =>
    sent.push({ url: request.url(), headers: request.headers(), body: request.postData() }),
  );

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "API docs" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/api-docs$`));
  await page.waitForLoadState("networkidle");
  const sidebar = page.getByRole("navigation", { name: "API operations" });
  const search = sidebar.getByRole("searchbox", { name: "Search operations" });

  // The sidebar lists every operation with its method and full path, and filters as one types.
  await expect(sidebar.getByRole("link", { name: "GET /api/v1/audit-events", exact: true })).toBeVisible();
  const total = await sidebar.locator("a[data-operation]").count();
  expect(total).toBeGreaterThan(60);
  await page.locator("h1").click();
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await page.keyboard.type("delete members");
  await expect(sidebar.getByRole("status")).toHaveText(`1 of ${total} operations`);
  await expect(sidebar.locator("a[data-operation]")).toHaveText(["DELETE /api/v1/members/{userId}"]);
  await search.fill("no such thing");
  await expect(sidebar.getByText("No operation matches “no such thing”.")).toBeVisible();
  await expect(sidebar.getByRole("status")).toHaveText(`0 of ${total} operations`);

  // Keyboard: from the search into the list, Enter opens the operation at its anchor.
  await search.fill("get /api/v1/me");
  await search.press("ArrowDown");
  const meLink = sidebar.getByRole("link", { name: "GET /api/v1/me", exact: true });
  await expect(meLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#getMe$/);
  const me = page.locator("section#getMe");
  await expect(me).toBeInViewport();
  await expect(me.getByRole("heading", { level: 3 })).toHaveText("GET/api/v1/me");
  await expect(me).toContainText("Required scope: none: any valid key");
  await expect(me.getByTestId("example-response")).toContainText('"effectivePermissions"');

  // Copy the curl call, then the JavaScript one; the copy is announced politely.
  const origin = new URL(page.url()).origin;
  await me.getByRole("button", { name: "Copy the curl call of GET /api/v1/me" }).click();
  await expect(me.getByRole("button", { name: /^Copy the curl call/ })).toHaveText("Copied");
  await expect(me.getByText("Copied the curl call to the clipboard.")).toBeAttached();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toBe(`curl -sS "${origin}/api/v1/me" \\\n  -H "Authorization: Bearer $VERITY_API_KEY"`);
  await me.getByRole("tab", { name: "JavaScript" }).click();
  await me.getByRole("button", { name: "Copy the JavaScript call of GET /api/v1/me" }).click();
  const javascript = await page.evaluate(() => navigator.clipboard.readText());
  expect(javascript).toContain(`await fetch(\`${origin}/api/v1/me\``);
  // The copied call runs as it stands, with the key in the environment variable it names.
  const printed: unknown[] = [];
  const run = new Function("process", "console", `return (async () => {\n${javascript}\n})();`) as (
    process: { env: Record<string, string> },
    console: { log: (...values: unknown[]) => void },
  ) => Promise<void>;
  await run({ env: { VERITY_API_KEY: key } }, { log: (...values) => printed.push(...values) });
  expect(printed[0]).toBe(200);
  expect(printed[1]).toMatchObject({ key: { name: "Docs explorer", readOnly: true } });
  // The language choice follows to every operation.
  await expect(page.locator("section#listAuditEvents").getByTestId("snippet")).toHaveAttribute(
    "data-language",
    "javascript",
  );

  // Try it: paste the key, send, see status, headers and body.
  await me.getByRole("button", { name: "Try it" }).click();
  const tryMe = me.getByRole("form", { name: "Try GET /api/v1/me" });
  await tryMe.getByRole("button", { name: "Send GET" }).click();
  await expect(tryMe.getByRole("alert")).toHaveText("Paste an API key to send the request.");
  await tryMe.getByLabel("API key").fill(key);
  await tryMe.getByRole("button", { name: "Send GET" }).click();
  const answer = me.getByTestId("try-it-response");
  await expect(answer).toContainText("Response 200");
  await expect(answer.getByTestId("try-it-body")).toContainText('"name": "Docs explorer"');
  await answer.getByText(/^Headers \(\d+\)$/).click();
  await expect(answer).toContainText("ratelimit-remaining");

  // A write asks first; the read-only key is then refused, and the refusal is shown as it came.
  const ingest = page.locator("section#ingestAuditEvent");
  await ingest.getByRole("button", { name: "Try it" }).click();
  const tryIngest = ingest.getByRole("form", { name: "Try POST /api/v1/audit-events" });
  await expect(tryIngest.getByLabel("API key")).toHaveValue(key); // pasted once, for the whole page
  const before = sent.length;
  await tryIngest.getByRole("button", { name: "Send POST" }).click();
  const confirm = page.getByRole("dialog", { name: "Send POST /api/v1/audit-events?" });
  await expect(confirm).toContainText("recorded in the audit trail");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(sent.slice(before).filter((request) => request.url.includes("/api/v1/"))).toEqual([]);
  await tryIngest.getByRole("button", { name: "Send POST" }).click();
  await confirm.getByRole("button", { name: "Send POST" }).click();
  await expect(ingest.getByTestId("try-it-response")).toContainText("Response 403");
  await expect(ingest.getByTestId("try-it-response")).toContainText("read-only");

  await expectNoGraveViolations(page);

  // The key went out only as the Authorization header of the two API calls, and stayed nowhere.
  const carrying = sent.filter((request) => JSON.stringify(request).includes(key));
  expect(carrying.map((request) => new URL(request.url).pathname)).toEqual(["/api/v1/me", "/api/v1/audit-events"]);
  for (const request of carrying) {
    expect(request.headers.authorization).toBe(`Bearer ${key}`);
    expect(request.url + (request.body ?? "")).not.toContain(key);
    expect(request.headers.cookie ?? "").not.toContain(key);
    expect(Object.entries(request.headers).filter(([, value]) => value.includes(key))).toHaveLength(1);
  }
  expect(page.url()).not.toContain(key);
  const stored = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
  );
  expect(stored).not.toContain(key.slice(8));
  expect(JSON.stringify(await context.cookies())).not.toContain(key.slice(8));
  await page.reload();
  await page.locator("section#getMe").getByRole("button", { name: "Try it" }).click();
  await expect(page.locator("section#getMe").getByLabel("API key")).toHaveValue("");

  // On a 390 px phone nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/${slug}/api-docs#listAuditEvents`);
  await page.waitForLoadState("networkidle");
  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, "the API docs scroll sideways at 390 px").toBeLessThanOrEqual(widths.inner);
  await page.screenshot({ path: "test-results/phone-390-api-docs.png" });
  await page.screenshot({ path: "test-results/phone-390-api-docs-full.png", fullPage: true });
});
