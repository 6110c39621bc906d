import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signUp } from "./journeys";

const KEY_PATTERN = /^vk_test_[0-9A-Za-z]{28}$/;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const me = (request: APIRequestContext, key: string) => request.get("/api/v1/me", { headers: bearer(key) });

/** A new owner with a second factor, on their organization's API keys screen; answers the org slug. */
async function ownerOnKeysScreen(page: Page): Promise<string> {
  const owner = newPerson("Keys");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  return slug;
}

test("a developer creates a read-only test key, copies it once, calls the API with it, rolls it and revokes it", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await ownerOnKeysScreen(page);
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name", { exact: true }).fill("Deploy bot");
  await form.getByRole("checkbox", { name: /audit\.read$/ }).check();

  // A live key must be pinned to IP ranges; a wrong range is named by its line as it is typed.
  await form.getByRole("radio", { name: "Live" }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const ranges = form.getByLabel(/Allowed IP ranges/);
  await expect(ranges).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("A live key must be pinned to at least one IP range.")).toBeVisible();
  await ranges.fill("203.0.113.0/24\n10.0.0.1/8");
  await expect(form.getByText(/^Line 2: "10\.0\.0\.1\/8" is not an IPv4 or IPv6 address or CIDR range/)).toBeVisible();
  await expect(form.getByText("A live key must be pinned to at least one IP range.")).toHaveCount(0);

  // What only the server checks comes back next to its field.
  await ranges.fill("203.0.113.0/24, 2001:db8::/32");
  await expect(ranges).not.toHaveAttribute("aria-invalid");
  const expiry = form.getByLabel("Expires after (days)");
  await expiry.fill("999");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("At most 366 days.")).toBeVisible();

  // A range too wide to be a pin is named by its line.
  await ranges.fill("0.0.0.0/0");
  await expect(
    form.getByText('Line 1: "0.0.0.0/0" is too wide to pin a key to: a range is at most an IPv4 /8 or an IPv6 /16.'),
  ).toBeVisible();

  // A key usable from any address may not write: without ranges, it must be read-only.
  await form.getByRole("radio", { name: "Test" }).check();
  await ranges.fill("");
  await expiry.fill("90");
  await form.getByRole("button", { name: "Create key" }).click();
  const readOnly = form.getByRole("switch", { name: "Read-only" });
  await expect(readOnly).toHaveAttribute("aria-invalid", "true");
  await expect(
    form.getByText("A key usable from any address must be read-only: pin it to IP ranges to let it write."),
  ).toBeVisible();
  await readOnly.check();
  await expect(
    form.getByText("A key usable from any address must be read-only: pin it to IP ranges to let it write."),
  ).toHaveCount(0);

  // The key we keep: test environment (no ranges needed), read-only, 90 days.
  await form.getByRole("radio", { name: "Test" }).check();
  await ranges.fill("");
  await expiry.fill("90");
  await form.getByRole("switch", { name: "Read-only" }).check();
  await form.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByRole("dialog", { name: "Your new key for Deploy bot" });
  await expect(reveal.getByText("It will not be shown again")).toBeVisible();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(KEY_PATTERN);
  await expect(reveal.getByLabel("API key")).toHaveValue(key);
  expect(page.url()).not.toContain(key);
  expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(key);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toHaveCount(0);

  const row = page.getByTestId("api-key-row").filter({ hasText: key.slice(0, 12) });
  await expect(row).toContainText("Deploy bot");
  await expect(row).toContainText(`${key.slice(0, 12)}…${key.slice(-4)}`);
  await expect(row).toContainText("test");
  await expect(row).toContainText("Read-only");
  await expect(row).toContainText("audit.read");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  await expect(page.getByRole("table", { name: "API keys" })).not.toContainText(key);

  // The API answers the key: reads work, a write is refused because the key is read-only.
  const whoAmI = await me(request, key);
  expect(whoAmI.status()).toBe(200);
  expect(await whoAmI.json()).toMatchObject({
    key: {
      name: "Deploy bot",
      environment: "test",
      readOnly: true,
      scopes: ["audit.read"],
      effectivePermissions: ["audit.read"],
    },
  });
  const events = await request.get("/api/v1/audit-events?limit=20", { headers: bearer(key) });
  expect(events.status()).toBe(200);
  expect(events.headers()["ratelimit-limit"]).toBe("600");
  expect(((await events.json()) as { data: { action: string }[] }).data.map((entry) => entry.action)).toContain(
    "api_key.created",
  );
  const write = await request.post("/api/v1/audit-events", {
    headers: bearer(key),
    data: { action: "deploy.finished" },
  });
  expect(write.status()).toBe(403);
  expect((await write.json()).detail).toContain("read-only");

  // "Last used" shows the call: when, and from which address.
  await page.reload();
  await expect(row).not.toContainText("Never");
  await expect(row).toContainText(/just now|min ago/);
  await expect(row).toContainText(/127\.0\.0\.1|::1/);

  // Sorting is a real button that says how the column is sorted.
  const nameHeader = page.getByRole("columnheader", { name: /Name/ });
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");

  // Roll with the default 24 h grace: a new key, shown once; the old one keeps working meanwhile.
  await row.getByRole("button", { name: /^Roll Deploy bot/ }).click();
  const roll = page.getByRole("dialog", { name: "Roll Deploy bot?" });
  await expect(roll.getByRole("radio", { name: /24 hours/ })).toBeChecked();
  await roll.getByRole("button", { name: "Roll key" }).click();
  const rolledReveal = page.getByRole("dialog", { name: "Your new key for Deploy bot" });
  await expect(rolledReveal).toContainText("The old key works until");
  const rolledKey = await rolledReveal.getByLabel("API key").inputValue();
  expect(rolledKey).toMatch(KEY_PATTERN);
  expect(rolledKey).not.toBe(key);
  await rolledReveal.getByRole("button", { name: "Done" }).click();
  await expect(row).toContainText("Rolling");
  await expect(row).toContainText("old key works until");
  expect((await me(request, key)).status()).toBe(200);
  expect((await me(request, rolledKey)).status()).toBe(200);

  // Revoking names the key and takes effect at once.
  const rolledRow = page.getByTestId("api-key-row").filter({ hasText: rolledKey.slice(0, 12) });
  await rolledRow.getByRole("button", { name: /^Revoke Deploy bot/ }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke API key" });
  await expect(revoke).toContainText(`Revoke Deploy bot (${rolledKey.slice(0, 12)}…)? Requests with it fail at once.`);
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(`Revoked Deploy bot (${rolledKey.slice(0, 12)}…).`)).toBeVisible();
  await expect(rolledRow).toContainText("Revoked");
  await expect(rolledRow.getByRole("button")).toHaveCount(0);
  const refused = await me(request, rolledKey);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  // The old key is still in its grace period; revoking it ends that too.
  await row.getByRole("button", { name: /^Revoke Deploy bot/ }).click();
  await page.getByRole("dialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  expect((await me(request, key)).status()).toBe(401);
  // A revoked key says when it was revoked instead of an expiry, and the list can hide revoked keys.
  await expect(row).toContainText(`Revoked on ${new Date().toISOString().slice(0, 10)}`);
  await page.getByLabel(/^Hide revoked keys/).check();
  await expect(row).toHaveCount(0);
  await expect(rolledRow).toHaveCount(0);
});

/** Creates a read-only test key with the audit.read scope on the keys screen, and closes the reveal. */
async function createReadOnlyKey(page: Page, name: string) {
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("checkbox", { name: /audit\.read$/ }).check();
  await form.getByRole("switch", { name: "Read-only" }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  await page
    .getByRole("dialog", { name: `Your new key for ${name}` })
    .getByRole("button", { name: "Done" })
    .click();
}

test("a key's page lists its requests, charts them, links the keys it was rolled from and to, and renames it", async ({
  page,
  request,
}) => {
  const slug = await ownerOnKeysScreen(page);
  await createReadOnlyKey(page, "Reporting");
  const row = page.getByTestId("api-key-row").filter({ hasText: "Reporting" });
  const key = await (async () => {
    // The reveal is closed: roll to get a secret we can use, keeping the first key in its grace period.
    await row.getByRole("button", { name: /^Roll Reporting/ }).click();
    await page.getByRole("dialog", { name: "Roll Reporting?" }).getByRole("button", { name: "Roll key" }).click();
    const reveal = page.getByRole("dialog", { name: "Your new key for Reporting" });
    const secret = await reveal.getByLabel("API key").inputValue();
    await reveal.getByRole("button", { name: "Done" }).click();
    return secret;
  })();
  expect((await me(request, key)).status()).toBe(200);
  expect((await request.get("/api/v1/audit-events?limit=5&q=secret", { headers: bearer(key) })).status()).toBe(200);
  expect((await request.post("/api/v1/audit-events", { headers: bearer(key), data: { action: "x.y" } })).status()).toBe(
    403,
  );

  // The list links each key to its page.
  await page.reload();
  const replacementRow = page.getByTestId("api-key-row").filter({ hasText: key.slice(0, 12) });
  await replacementRow.getByRole("link", { name: "Reporting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reporting" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${slug}/api-keys/[0-9a-f-]{36}$`));

  // Its requests, newest first, refused ones included; paths without their query string.
  const requests = page.getByRole("table", { name: "Recent requests" });
  const lines = page.getByTestId("key-request");
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toContainText("POST");
  await expect(lines.nth(0)).toContainText("/api/v1/audit-events");
  await expect(lines.nth(0)).toContainText("403");
  await expect(lines.nth(1)).toContainText("200");
  await expect(lines.nth(2)).toContainText("/api/v1/me");
  await expect(requests).not.toContainText("secret");
  await expect(requests).toContainText(/127\.0\.0\.1|::1/);
  await expect(page.getByTestId("key-last-ip")).toHaveText(/127\.0\.0\.1|::1/);
  await expect(page.getByTestId("key-usage-chart")).toBeVisible();
  await expect(page.getByRole("img", { name: "Requests per day with this key" })).toHaveAccessibleName(
    /Total: 3 requests, 1 errors/,
  );
  await expectNoGraveViolations(page);
  await page.screenshot({ path: "test-results/api-key-detail.png", fullPage: true });

  // Rolled from / rolled to, both ways.
  await page.getByTestId("rolled-from").click();
  await expect(page.getByText("Rolled to")).toBeVisible();
  await expect(page.getByTestId("key-request")).toHaveCount(0);
  await expect(page.getByText("No requests with this key in the last 30 days.")).toBeVisible();
  await page.getByTestId("rolled-to").click();
  await expect(page.getByTestId("key-request")).toHaveCount(3);

  // Renaming is in place, and recorded.
  const name = page.getByRole("form", { name: "Rename key" }).getByLabel("Name");
  await name.fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Give the key a name.")).toBeVisible();
  await name.fill("Reporting v2");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText('Renamed to "Reporting v2".')).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Reporting v2" })).toBeVisible();
});

test("an admin may revoke the owner's key, but is offered Roll on their own keys only", async ({ page, browser }) => {
  const owner = newPerson("Holder");
  const admin = newPerson("Keyadmin");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await page.goto(`/${slug}/api-keys`);
  await createReadOnlyKey(page, "Owner bot");
  await inviteMember(page, slug, admin, "Admin");

  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await expect(adminPage).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(adminPage);
  await adminPage.goto(`/${slug}/api-keys`);
  await expect(
    adminPage.getByText("Only a key's creator can roll it, since rolling reveals a new secret that acts as them."),
  ).toBeVisible();
  await createReadOnlyKey(adminPage, "Admin bot");

  // Rolling the owner's key would hand the admin a secret acting as the owner: not offered. Revoking is.
  const ownerRow = adminPage.getByTestId("api-key-row").filter({ hasText: "Owner bot" });
  const adminRow = adminPage.getByTestId("api-key-row").filter({ hasText: "Admin bot" });
  await expect(ownerRow).toContainText(owner.email);
  await expect(ownerRow.getByRole("button", { name: /^Roll / })).toHaveCount(0);
  await expect(adminRow.getByRole("button", { name: /^Roll Admin bot/ })).toBeVisible();
  await ownerRow.getByRole("button", { name: /^Revoke Owner bot/ }).click();
  await adminPage.getByRole("dialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(ownerRow).toContainText("Revoked");
});

test("the API docs page documents every operation from the OpenAPI document, with curl examples", async ({
  page,
  request,
}) => {
  const slug = await ownerOnKeysScreen(page);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "API docs" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/api-docs$`));
  await expect(page.getByRole("heading", { level: 1, name: "API docs" })).toBeVisible();

  const document = (await (await request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const section = page.locator(`section#${operation.operationId}`);
      await expect(section.getByRole("heading", { level: 3 })).toHaveText(`${method.toUpperCase()}/api/v1${path}`);
    }
  }
  const list = page.locator("section#listAuditEvents");
  await expect(list).toContainText("audit.read");
  await expect(list.getByRole("table", { name: /Parameters/ })).toContainText("cursor");
  await expect(list.getByTestId("snippet")).toContainText(`"http://localhost:`);
  await expect(list.getByTestId("snippet")).toContainText("Authorization: Bearer $VERITY_API_KEY");
  await expect(page.locator("section#ingestAuditEvent").getByTestId("snippet")).toContainText("Idempotency-Key");
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute(
    "href",
    "/api/v1/openapi.json",
  );
  for (const topic of ["Read-only keys", "IP pinning", "RateLimit-Remaining", "Idempotency-Key"])
    await expect(page.getByText(topic).first()).toBeVisible();
});
