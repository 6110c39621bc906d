import { expect, test } from "@playwright/test";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signUp, totpCode } from "./journeys";

test("an owner reads what retention and the hot window mean, confirms it's them, and keeps the trail ten years", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Retention");
  await signUp(page, owner);
  const { secret } = await enrolTwoFactor(page);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Settings" }).click();
  const section = page.getByTestId("retention-policy");
  await expect(section.getByRole("heading", { name: "Audit trail retention" })).toBeVisible();
  await expect(section).toContainText("Kept 7 years (2557 days); the last 400 days in the database");
  await expect(section).toContainText("never less than 1 year");

  // Before a step-up the section says so, with the way to confirm it's you and come back.
  const notice = section.getByTestId("step-up-needed");
  await expect(notice).toContainText("Changing retention needs a recent confirmation");
  await notice.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Authentication code or recovery code").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(section.getByTestId("step-up-needed")).toHaveCount(0);

  // Out of bounds: the field says why, and nothing is asked or saved.
  await section.getByLabel("Retention (years)").fill("0");
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(section.getByText("At least 1 year: the audit trail is never kept for less.")).toBeVisible();

  // Ten years, 500 days hot: a confirmation names the change before it is saved.
  await section.getByLabel("Retention (years)").fill("10");
  await section.getByLabel("Hot window (days)").fill("500");
  await section.getByRole("button", { name: "Save retention" }).click();
  const dialog = page.getByRole("dialog", { name: "Change the audit trail's retention?" });
  await expect(dialog).toContainText("New: Kept 10 years (3653 days); the last 500 days in the database");
  await dialog.getByRole("button", { name: "Change retention" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(section).toContainText("Retention policy saved.");
  await expect(section).toContainText("Kept 10 years (3653 days); the last 500 days in the database");

  // Shortening it again warns that archived entries will be deleted sooner.
  await section.getByLabel("Retention (years)").fill("2");
  await section.getByLabel("Hot window (days)").fill("400");
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(dialog).toContainText("This shortens retention");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(section).toContainText("Kept 10 years (3653 days)");

  // An admin reads the policy and what it means, and has nothing to change it with.
  const admin = newPerson("Archivist");
  const slug = new URL(page.url()).pathname.split("/")[1];
  await inviteMember(page, slug, admin, "Admin");
  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await enrolTwoFactor(adminPage);
  await adminPage.goto(`/${slug}/settings`);
  const readOnly = adminPage.getByTestId("retention-policy");
  await expect(readOnly).toContainText("Kept 10 years (3653 days); the last 500 days in the database");
  await expect(readOnly).toContainText("Only owners can change the retention policy.");
  await expect(readOnly.getByRole("button", { name: "Save retention" })).toHaveCount(0);
});
