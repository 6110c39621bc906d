import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { enrolTwoFactor, newPerson, signInWithPassword, signUp } from "./journeys";

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

/** The real `verity` CLI on the server's database (VERITY_DATA_DIR, or DATABASE_URL on PostgreSQL runs). */
async function verity(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ["lib/cli/verity.mjs", ...args], { env: process.env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error }),
  );
}

test("a search whose dates reach into the archive reads it on request, with progress, and verification covers it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seeded = await verity("seed", "--demo");
  test.skip(seeded.code !== 0 && /already exists/.test(seeded.stderr), "the demo organization was seeded before");
  expect(seeded.code).toBe(0);
  const demo = JSON.parse(seeded.stdout.slice(seeded.stdout.indexOf("{"))) as {
    logins: { role: string; email: string; password: string }[];
  };
  const archived = await verity("archive", "run", "--org", "acme", "--older-than", "0");
  // The demo's history is archived through the last full tile (256), a segment per calendar month.
  expect(archived.stdout).toMatch(/acme: archived entries \d+\.\.256 /);
  const segments = archived.stdout.match(/acme: archived entries/g)!.length;

  const auditor = demo.logins.find((login) => login.role === "auditor")!;
  await signInWithPassword(page, auditor);
  await expect(page.getByRole("heading", { level: 1, name: "Acme" })).toBeVisible(); // auditors need no second factor
  await page.goto(`/acme/audit?q=${encodeURIComponent("action:user.signed_in created:2000-01-01..2100-01-01")}`);
  await expect(page.getByTestId("archived-range")).toContainText("Entries 1–256");
  const offer = page.getByTestId("search-reaches-archive");
  await expect(offer).toContainText("Your date range reaches into the archive");
  await expect(page.getByTestId("archived-row")).toHaveCount(0);

  await offer.getByRole("button", { name: "Include the archive" }).click();
  await expect(page.getByTestId("archive-search-done")).toContainText(
    new RegExp(`\\d+ archived entries match, from ${segments} of ${segments} segments`),
  );
  await expect(offer.getByRole("heading", { name: "From the archive" })).toBeVisible();
  const rows = page.getByTestId("archived-row");
  await expect(rows.first()).toContainText("user.signed_in");
  const seqs = (await rows.locator("td:first-child").allTextContents()).map(Number);
  expect(seqs.every((seq) => seq <= 256)).toBe(true);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs); // newest first, like the trail
  await rows.first().click();
  await expect(page.getByTestId("archived-entry")).toContainText('"hash"');
  await page.screenshot({ path: "test-results/audit-archive-search.png", fullPage: true });

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("Intact");
  await expect(page.getByTestId("verify-archived")).toContainText(`${segments} segments read back and checked first`);
});
