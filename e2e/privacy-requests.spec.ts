import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/** No WCAG 2.1 A/AA violation that axe can find on the page as it is now. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
  expect(found).toEqual([]);
}

async function recordRequest(page: Page, subject: string, type: "Access" | "Erasure") {
  await page.getByRole("button", { name: "Record a request" }).first().click();
  const form = page.getByRole("dialog", { name: "Record a privacy request" });
  await form.getByLabel("The person (email address or user id)").fill(subject);
  await form
    .getByLabel("Request", { exact: true })
    .selectOption({ label: type === "Access" ? "Access (a copy of their data)" : type });
  await form.getByRole("button", { name: "Record request" }).click();
  return form;
}

test("an owner records an erasure request, completes it, finds it in the trail, and downloads an access package", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const owner = newPerson("Privacy");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Privacy requests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy requests" })).toBeVisible();
  await expect(page.getByTestId("privacy-requests-empty")).toContainText("No privacy requests");
  await expectAccessible(page);

  // A mistake is named on its field, and nothing is recorded.
  const bad = await recordRequest(page, "not an address", "Erasure");
  await expect(bad.getByText("An email address (ada@example.com) or a user id (a UUID).")).toBeVisible();
  await expect(bad.getByLabel("The person (email address or user id)")).toHaveAttribute("aria-invalid", "true");
  await bad.getByLabel("The person (email address or user id)").fill("former.customer@example.com");
  await bad.getByRole("button", { name: "Record request" }).click();
  await expect(bad).toBeHidden();
  await expect(page.getByRole("status")).toHaveText("Recorded the erasure request for former.customer@example.com.");
  const row = page.getByTestId("privacy-request").filter({ hasText: "former.customer@example.com" });
  await expect(row).toContainText("Erasure · GDPR");
  await expect(row).toContainText("in 30 days");
  await expectAccessible(page);

  await row.getByRole("button", { name: "Complete" }).click();
  const confirm = page.getByRole("dialog", { name: "Complete erasure request" });
  await expect(confirm).toContainText("The audit trail is kept");
  await confirm.getByRole("button", { name: "Erase and complete" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Completed");
  await row.getByText(/^Completed/).click();
  await expect(row).toContainText("Kept: audit trail entries where they are the actor or the target");
  await expectAccessible(page);

  // An access request for the owner's own data, downloaded as the JSON package.
  await recordRequest(page, owner.email, "Access");
  const access = page.getByTestId("privacy-request").filter({ hasText: owner.email.toLowerCase() });
  await expect(access).toContainText("Access · GDPR");
  await page.screenshot({ path: "test-results/privacy-requests.png", fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    access.getByRole("link", { name: "Download data" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-access-[0-9a-f]{8}\.json$/);
  const pkg = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(pkg.type).toBe("verity.subject-access");
  expect(pkg.profile.email).toBe(owner.email.toLowerCase());
  expect(pkg.memberships).toEqual([expect.objectContaining({ role: "OWNER" })]);
  expect(pkg.auditTrail.entries.length).toBeGreaterThan(0);
  for (const entry of pkg.auditTrail.entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);

  // The steps are in the audit trail.
  await page.goto(`${new URL(page.url()).pathname.replace(/\/privacy-requests$/, "")}/audit?q=action:dsr.*`);
  await expect(page.getByRole("cell", { name: "dsr.completed", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "dsr.received", exact: true }).first()).toBeVisible();
});
