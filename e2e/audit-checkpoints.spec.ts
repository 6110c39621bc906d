import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/** No serious or critical axe violation on the page as it stands. */
async function expectAccessible(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  const grave = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`)).toEqual(
    [],
  );
}

test("an owner reads the latest signed checkpoint, copies and downloads it, checks an entry's proof, verifies against it", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = newPerson("Checkpoints");
  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];

  // The integrator signs a checkpoint covering the newest entry within seconds of it.
  const panel = page.getByRole("region", { name: "Latest signed checkpoint" });
  await expect(async () => {
    await page.goto(`/${slug}/audit`);
    const newest = page.getByTestId("audit-row").first().locator("td:first-child");
    const headSeq = (await newest.textContent({ timeout: 5_000 }))!.trim();
    await expect(panel.getByTestId("checkpoint-size")).toHaveText(headSeq, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const size = Number(await panel.getByTestId("checkpoint-size").textContent());
  expect(size).toBeGreaterThan(0);
  const root = await panel.getByTestId("checkpoint-root").textContent();
  expect(root).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  await expect(panel.getByTestId("checkpoint-key-id")).toHaveText(/^[0-9a-f]{8}$/);
  await expect(panel.locator("time")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expectAccessible(page);

  // Copy, from the keyboard, puts the signed note on the clipboard; Download saves the same note.
  await panel.getByRole("button", { name: "Copy signed note" }).focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("status")).toHaveText("Copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^[^\\n]+/orgs/[0-9a-f-]{36}\\n${size}\\n[A-Za-z0-9+/=]{44}\\n\\n— `));
  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: /Download signed note/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}-checkpoint-${size}.txt`);
  expect(readFileSync((await download.path())!, "utf8")).toBe(copied);

  // The oldest entry opens in the drawer from the keyboard, with its inclusion proof checked against that checkpoint.
  const first = page.getByTestId("audit-row").filter({ has: page.locator("td:first-child", { hasText: /^1$/ }) });
  await first.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: "Entry #1" });
  const inclusion = drawer.getByRole("region", { name: "Checkpoint" });
  await expect(inclusion).toContainText(`Included in checkpoint ${size}`);
  await inclusion.getByText(/^Inclusion proof:/).focus();
  await page.keyboard.press("Enter");
  const proof = inclusion.getByRole("list", { name: "Inclusion proof hashes" }).getByRole("listitem");
  await expect(proof).toHaveCount(Math.ceil(Math.log2(size)));
  for (const hash of await proof.allTextContents()) expect(hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  await expect(inclusion.getByTestId("inclusion-root")).toHaveText(root!);
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // Verifying signs a checkpoint up to the head first: the result names that checkpoint, covering every entry.
  await page.getByRole("button", { name: "Verify chain" }).click();
  const verdict = page.getByTestId("verify-result");
  await expect(verdict).toHaveText(/^Intact: \d+ entries verified \(head #\d+\)/);
  const head = (await verdict.textContent())!.match(/head #(\d+)/)![1];
  const checked = page.getByTestId("verify-checkpoint");
  await expect(checked).toContainText(`Matches the signed checkpoint at size ${head}`);
  await expect(checked.getByTestId("verify-checkpoint-root")).toHaveText(/^[A-Za-z0-9+/]{43}=$/);
  await expect(checked.getByTestId("verify-checkpoint-key-id")).toHaveText(/^[0-9a-f]{8}$/);
  await expect(checked.locator("time")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  // The panel follows: it shows that checkpoint, or a newer one (the verification is an entry of the trail too).
  await expect(async () => {
    expect(Number(await panel.getByTestId("checkpoint-size").textContent())).toBeGreaterThanOrEqual(Number(head));
  }).toPass();
  await expectAccessible(page);

  // The dashboard's Verify chain (a server action) signs up to the head first too, and names the checkpoint.
  await page.goto(`/${slug}`);
  await page.getByRole("button", { name: "Verify chain" }).click();
  const dashboardVerdict = page.getByTestId("verify-result");
  await expect(dashboardVerdict).toHaveText(/^Chain intact: \d+ entries checked, head #\d+\.$/);
  const dashboardHead = (await dashboardVerdict.textContent())!.match(/head #(\d+)/)![1];
  await expect(page.getByTestId("verify-checkpoint")).toContainText(
    `Matches the signed checkpoint at size ${dashboardHead}`,
  );
});
