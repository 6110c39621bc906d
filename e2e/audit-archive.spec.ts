import { expect, test } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

test("a fresh organization's audit trail says nothing of an archive: no notice, no date-range note, none in the verdict", async ({
  page,
}) => {
  const owner = newPerson("Archive");
  await signUp(page, owner);
  await enrolTwoFactor(page); // owners must have two-factor before the panel opens
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];

  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expect(page.getByTestId("archived-range")).toHaveCount(0);

  // A date range reaching far back finds the hot entries, and says nothing of an archive there is not.
  await page.goto(`/${slug}/audit?q=${encodeURIComponent("created:2000-01-01..2100-01-01")}`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expect(page.getByTestId("search-reaches-archive")).toHaveCount(0);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("Intact");
  await expect(page.getByTestId("verify-archived")).toHaveCount(0);
});
