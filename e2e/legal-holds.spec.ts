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

test("an owner places a legal hold on a search of the trail, sees what it holds back, and releases it with a reason", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const owner = newPerson("Holds");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Legal holds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Legal holds" })).toBeVisible();
  await expect(page.getByTestId("legal-holds-empty")).toContainText("No legal holds");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Place a hold" }).click();
  const form = page.getByRole("dialog", { name: "Place a legal hold" });
  await form.getByRole("radio", { name: /A search of the audit trail/ }).check();
  const search = form.getByLabel("Search", { exact: true });
  await search.fill("outcome:maybe");
  await form.getByRole("button", { name: "Place hold" }).click();
  // Every mistake is named on its field: the empty name and matter, and where the search goes wrong.
  await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Give the hold a name.")).toBeVisible();
  await expect(form.getByText("Say which matter or reason the hold is for.")).toBeVisible();
  await expect(search).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await form.getByLabel("Name", { exact: true }).fill("Sign-in review");
  await form.getByLabel("Matter or reason").fill("Security investigation INV-7");
  await search.fill("category:authentication");
  await form.getByRole("button", { name: "Place hold" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("status")).toHaveText('Placed the hold "Sign-in review".');
  const row = page.getByTestId("legal-hold").filter({ hasText: "Sign-in review" });
  await expect(row).toContainText("Search: category:authentication");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(/Holding back purge of \d+ entr(y|ies)/);
  await expectAccessible(page);

  // Release, from the keyboard: the dialog opens on the reason, which releasing cannot go without.
  await row.getByRole("button", { name: "Release Sign-in review" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Release legal hold" });
  await expect(dialog.getByLabel("Reason for releasing")).toBeFocused();
  await dialog.getByRole("button", { name: "Release hold" }).click();
  await expect(dialog.getByText(/Say why the hold is released/)).toBeVisible();
  await dialog.getByLabel("Reason for releasing").fill("Investigation closed, no finding.");
  await dialog.getByRole("button", { name: "Release hold" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Released");
  await expect(row).toContainText("Investigation closed, no finding.");
  await expect(row).toContainText("Nothing (released)");
  await expect(row.getByRole("button", { name: /Release/ })).toHaveCount(0);
  await expectAccessible(page);

  // Both steps are in the audit trail.
  await page.goto(`${new URL(page.url()).pathname.replace(/\/legal-holds$/, "")}/audit?q=action:legal_hold.*`);
  await expect(page.getByRole("cell", { name: "legal_hold.released", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "legal_hold.created", exact: true })).toBeVisible();
});
