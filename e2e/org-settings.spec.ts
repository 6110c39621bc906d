import { expect, test } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

test("an owner renames their organization, moves it to a new address, and works across two organizations", async ({
  page,
}) => {
  const person = newPerson("Settings");
  await signUp(page, person);
  // Owners use the panel only with a second factor: enrolment comes first.
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const renamed = `Renamed ${person.organization}`;
  const slug = `renamed-${Date.now().toString(36)}`;
  await page.getByLabel("Organization name").fill(renamed);
  await page.getByLabel("URL", { exact: true }).fill(slug);
  await page.getByLabel("Brand colour").fill("#0F766E");
  await page.getByRole("button", { name: "Save settings" }).click();

  // The page continues at the new address (the old one redirects members: e2e/people-and-account.spec.ts).
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings$`));
  await expect(page.getByTestId("org-name")).toHaveText(renamed);
  await expect(page.getByLabel("Brand colour")).toHaveValue("#0f766e");

  // A second organization, created from the switcher in the header.
  await page.getByRole("button", { name: /Switch organization/ }).click();
  await page.getByRole("menuitem", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create organization" })).toBeVisible();
  const second = `Second ${person.organization}`;
  await page.getByLabel("Organization name").fill(second);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();
  await expect(page.getByTestId("org-name")).toHaveText(second);

  // Back to the first one, by keyboard: the menu opens on the first item and arrows move through it.
  const switcher = page.getByRole("button", { name: /Switch organization/ });
  await switcher.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Organizations" });
  await expect(menu.getByRole("menuitem")).toHaveCount(3);
  await expect(menu.getByRole("menuitem", { name: new RegExp(`${second}\\s*owner`) })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await menu.getByRole("menuitem", { name: new RegExp(`^${renamed}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
});
