import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp, type Person } from "./journeys";

/** `verity staff grant`: the operator's command, on the server's own database (VERITY_DATA_DIR or DATABASE_URL). */
async function grantStaff(email: string) {
  const { stdout } = await promisify(execFile)(process.execPath, ["lib/cli/verity.mjs", "staff", "grant", email], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: process.env,
  });
  expect(stdout).toContain("is now platform staff");
}

/** No WCAG 2.1 A/AA violation that axe can find on the page as it is now. */
async function expectAccessible(page: Page, only?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const results = await (only ? builder.include(only) : builder).analyze();
  const found = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(found).toEqual([]);
}

async function signUpWithTwoFactor(page: Page, person: Person) {
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[1];
}

test("a support session is requested, approved by an owner, used read-only, ended, and is in the customer's trail", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = newPerson("Customer");
  const slug = await signUpWithTwoFactor(page, owner);
  await page.goto(`/${slug}/security/sessions`);
  await page.getByRole("button", { name: "Require an owner's approval" }).click();
  await expect(page.getByRole("status")).toHaveText("Verity staff now need an owner's approval.");

  const staffPage = await (await browser.newContext()).newPage();
  const staff = newPerson("Staff");
  await signUpWithTwoFactor(staffPage, staff);
  await staffPage.goto("/staff");
  await expect(staffPage.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  await grantStaff(staff.email);

  // Without a session, the customer's organization answers like one that does not exist.
  await staffPage.goto(`/${slug}`);
  await expect(staffPage.getByRole("heading", { name: "Nothing here" })).toBeVisible();

  await staffPage.goto("/staff");
  await staffPage.getByLabel("Organization (slug)").fill(slug);
  await staffPage.getByLabel("Justification").fill("short");
  await staffPage.getByRole("button", { name: "Request access" }).click();
  await expect(staffPage.getByText(/at least 20 characters/)).toBeVisible();
  const justification = "Ticket 5120: the customer reports missing webhook deliveries";
  await staffPage.getByLabel("Justification").fill(justification);
  await staffPage.getByRole("button", { name: "Request access" }).click();
  await expect(staffPage.getByRole("status")).toContainText("asks an owner's approval first");
  await expect(staffPage.getByText("Waiting for an owner's approval")).toBeVisible();
  await expectAccessible(staffPage);
  await staffPage.goto(`/${slug}`);
  await expect(staffPage.getByRole("heading", { name: "Nothing here" })).toBeVisible();

  await page.reload();
  const request = page.getByRole("listitem").filter({ hasText: staff.email });
  await expect(request).toContainText(justification);
  await expectAccessible(page);
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toHaveText("Approved.");

  await staffPage.goto("/staff");
  await staffPage.getByRole("button", { name: "Start session" }).click();
  await staffPage.getByRole("link", { name: `Open ${slug}` }).click();
  const banner = staffPage.getByTestId("support-banner");
  await expect(banner).toContainText("Support mode");
  await expect(banner).toContainText(/\d+ min left/);
  await expectAccessible(staffPage, '[data-testid="support-banner"]');
  await expect(staffPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // Read-only: a change is refused with a message, and the page still shows the banner.
  await staffPage.goto(`/${slug}/security/policy`);
  await expect(banner).toBeVisible();
  await staffPage.getByLabel("Require two-factor authentication for every member").check();
  await staffPage.getByRole("button", { name: "Save policy" }).click();
  await expect(staffPage.getByText(/Support mode is read-only/)).toBeVisible();
  await staffPage.screenshot({ path: test.info().outputPath("refused.png"), fullPage: true });

  // The owner sees the live session; the staff member ends it from the banner.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: staff.email })).toContainText("Active");
  await banner.getByRole("button", { name: "End support session" }).click();
  await expect(staffPage).toHaveURL(/\/staff$/);
  await expect(staffPage.getByText("Ended", { exact: true })).toBeVisible();
  await staffPage.goto(`/${slug}`);
  await expect(staffPage.getByRole("heading", { name: "Nothing here" })).toBeVisible();

  await page.goto(`/${slug}/audit?q=action:staff_access.*`);
  for (const action of ["requested", "approved", "started", "viewed", "write_refused", "ended"])
    await expect(page.getByRole("cell", { name: `staff_access.${action}`, exact: true }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("trail.png"), fullPage: true });
});
