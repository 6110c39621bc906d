import { expect, test } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, inviteMember, newPerson, signUp } from "./journeys";

/**
 * Issue 22, the audit viewer: one time policy, free text over what the table shows, previous results dimmed on
 * a syntax error, click-to-filter with result counts, a column chooser, a permalink per entry and a live tail.
 * The browser is in New York, the example: times still read UTC until the reader asks for local.
 */
test.use({ timezoneId: "America/New_York", viewport: { width: 1280, height: 900 } });
test.setTimeout(180_000);

test("an owner reads the trail in UTC or local time, filters from cells, keeps columns, links an entry, tails it live", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Owner");
  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await inviteMember(page, slug, newPerson("Member"), "Member");

  await page.goto(`/${slug}/audit`);
  const rows = page.getByTestId("audit-row");
  const table = page.getByRole("table", { name: "Audit entries" });
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(1);

  // One time policy: UTC by default, named in the header; the exact ISO instant on hover.
  await expect(table.getByRole("columnheader", { name: "Time (UTC)" })).toBeVisible();
  const firstTime = rows.first().locator("time");
  const iso = (await firstTime.getAttribute("title"))!;
  expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/);
  expect(await firstTime.getAttribute("datetime")).toBe(iso);
  const utcText = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  await expect(firstTime).toHaveText(utcText);
  await expectNoGraveViolations(page);

  // Local time on request, remembered: the header names the zone, the dashboard follows.
  await page.getByTestId("time-zone-toggle").getByLabel("Local (America/New_York)").check();
  await expect(table.getByRole("columnheader", { name: "Time (America/New_York)" })).toBeVisible();
  await expect(firstTime).not.toHaveText(utcText);
  await expect(firstTime).toHaveAttribute("title", iso);
  await expect(page.getByTestId("time-zone-toggle")).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Time (America/New_York)" })).toBeVisible();
  await page.goto(`/${slug}`);
  await expect(page.getByRole("columnheader", { name: "Time (America/New_York)" })).toBeVisible();
  // The choice is the person's, not the browser's: another browser (the session alone, no other cookie) in another
  // zone shows the same zone.
  const session = await page.context().storageState();
  const elsewhere = await browser.newContext({
    storageState: { ...session, cookies: session.cookies.filter((cookie) => cookie.name !== "verity_time_zone") },
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 900 },
  });
  expect((await elsewhere.cookies()).some((cookie) => cookie.name === "verity_time_zone")).toBe(false);
  const secondBrowser = await elsewhere.newPage();
  await secondBrowser.goto(`/${slug}/audit`);
  await expect(
    secondBrowser
      .getByRole("table", { name: "Audit entries" })
      .getByRole("columnheader", { name: "Time (America/New_York)" }),
  ).toBeVisible();
  await elsewhere.close();
  await page.goto(`/${slug}/audit`);
  await page.getByTestId("time-zone-toggle").getByLabel("UTC").check();
  await expect(table.getByRole("columnheader", { name: "Time (UTC)" })).toBeVisible();
  await expect(page.getByTestId("time-zone-toggle")).toHaveAttribute("aria-busy", "false");

  // A preset writes created: into the search.
  const searchBox = page.getByRole("combobox", { name: "Search", exact: true });
  await page.getByTestId("time-range").selectOption({ label: "Last 24 hours" });
  await expect(searchBox).toHaveValue(/^created:>=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  await expect(page.getByTestId("time-range")).toHaveValue("24h");
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(1);
  await page.getByTestId("time-range").selectOption({ label: "Any time" });
  await expect(searchBox).toHaveValue("");

  // Autocomplete, from the keyboard: the qualifiers a word starts, then the organization's own values for one.
  const suggestions = page.getByRole("listbox", { name: "Suggestions" });
  await searchBox.focus();
  await searchBox.pressSequentially("act");
  await expect(suggestions.getByRole("option")).toHaveText([/^action:/, /^actor:/]);
  await expect(searchBox).toHaveAttribute("aria-expanded", "true");
  await searchBox.press("ArrowDown");
  await searchBox.press("ArrowDown");
  const chosen = suggestions.getByRole("option", { selected: true });
  await expect(chosen).toHaveText(/^actor:/);
  await expect(searchBox).toHaveAttribute("aria-activedescendant", (await chosen.getAttribute("id"))!);
  await searchBox.press("Enter");
  await expect(searchBox).toHaveValue("actor:");
  await expect(suggestions.getByRole("option", { name: owner.email })).toBeVisible();
  await searchBox.press("ArrowDown");
  await searchBox.press("Tab");
  await expect(searchBox).toHaveValue(`actor:${owner.email} `);
  await expect(searchBox).toBeFocused();
  await expect(suggestions).toBeHidden();
  // Escape closes the list and keeps what is typed; the mouse picks as well.
  await searchBox.pressSequentially("-outcome:f");
  await expect(suggestions.getByRole("option")).toHaveText(["failure"]);
  await searchBox.press("Escape");
  await expect(suggestions).toBeHidden();
  await expect(searchBox).toHaveValue(`actor:${owner.email} -outcome:f`);
  await searchBox.press("ArrowDown");
  await suggestions.getByRole("option", { name: "failure" }).click();
  await expect(searchBox).toHaveValue(`actor:${owner.email} -outcome:failure `);
  await searchBox.press("Enter");
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(1);
  await expect(page.getByTestId("result-count")).toBeVisible();
  await searchBox.fill("");
  await searchBox.press("Enter");

  // Click a value to filter by it (here from the keyboard), with the count of the whole search.
  await rows.filter({ hasText: "member.invited" }).getByTestId("filter-action").focus();
  await page.keyboard.press("Enter");
  await expect(searchBox).toHaveValue("action:member.invited");
  await expect(page.getByTestId("result-count")).toHaveText(/^1 entry match/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The search is saved, shared with the organization (which the trail records).
  const saved = page.getByTestId("saved-searches");
  await saved.getByRole("button", { name: "Save this search…" }).click();
  const saveForm = page.getByRole("form", { name: "Save this search" });
  await saveForm.getByLabel("Name").fill("Invitations");
  await saveForm.getByLabel("Share with the organization").check();
  await saveForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saved.getByRole("status")).toHaveText('Saved "Invitations", shared with the organization.');

  // Free text finds what the table and drawer show: the target's id, which only the drawer's id line shows.
  await rows.first().locator("td").first().click();
  const drawer = page.getByRole("dialog", { name: /Entry #\d+/ });
  const targetId = (await drawer.getByTestId("entry-target-id").textContent())!.replace("·", "").trim();
  const permalink = drawer.getByTestId("entry-permalink");
  const href = (await permalink.getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^/${slug}/audit\\?entry=\\d+$`));
  await expectNoGraveViolations(page);
  await page.keyboard.press("Escape");
  await searchBox.fill(targetId);
  await searchBox.press("Enter");
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(1);

  // A search with a syntax error leaves the previous results dimmed, and says they are the previous ones.
  await searchBox.fill("outcome:maybe");
  await expect(page.getByTestId("query-error")).toContainText('Unknown outcome "maybe"');
  await expect(page.getByTestId("stale-results")).toBeVisible();
  await expect(page.getByTestId("results-summary")).toContainText("Previous results");
  await expect(page.getByTestId("results-summary")).not.toContainText("matching the search");
  await expectNoGraveViolations(page);
  await searchBox.fill("");
  await searchBox.press("Enter");
  await expect(page.getByTestId("current-results")).toBeVisible();

  // At 1280 px the table fits, nothing cut off: Location is hidden until asked for.
  await expect(table.getByRole("columnheader", { name: "Actor" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Location" })).toHaveCount(0);
  const fits = () =>
    table.evaluate((element) => element.parentElement!.scrollWidth <= element.parentElement!.clientWidth);
  expect(await fits()).toBe(true);
  await page.screenshot({ path: test.info().outputPath("audit-1280.png"), fullPage: false });
  // The column chooser restores it, and remembers the choice; hiding it again is remembered too.
  await page.getByTestId("column-chooser").locator("summary").click();
  await page.getByTestId("column-chooser").getByLabel("Location").check();
  await expect(table.getByRole("columnheader", { name: "Location" })).toBeVisible();
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Location" })).toBeVisible();
  await page.getByTestId("column-chooser").locator("summary").click();
  await page.getByTestId("column-chooser").getByLabel("Location").uncheck();
  await expect(table.getByRole("columnheader", { name: "Location" })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Actor" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Location" })).toHaveCount(0);

  // The saved search opens from the list after a reload, and is deleted after a confirmation.
  await saved.getByLabel("Saved searches").selectOption({ label: "Invitations (shared)" });
  await expect(searchBox).toHaveValue("action:member.invited");
  await saved.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("alertdialog", { name: "Delete saved search" }).getByRole("button", { name: "Delete" }).click();
  await expect(saved.getByRole("status")).toHaveText('Deleted "Invitations".');
  await searchBox.fill("action:audit.search_shared");
  await searchBox.press("Enter");
  await expect(rows).toHaveCount(1);
  await searchBox.fill("");
  await searchBox.press("Enter");

  // The permalink opens the entry's drawer in a fresh page.
  const linked = await page.context().newPage();
  await linked.goto(href);
  await expect(linked.getByRole("dialog", { name: /Entry #\d+\s*member\.invited/ })).toBeVisible();
  await linked.close();

  // The live tail appends what commits elsewhere, and says so politely.
  await page.getByTestId("live-tail").click();
  await expect(page.getByTestId("live-tail")).toHaveAttribute("aria-pressed", "true");
  const other = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
  await inviteMember(other, slug, newPerson("Later"), "Member");
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: /new entr/ })).toHaveCount(1);
  await page.getByTestId("live-tail").click();
  await expect(page.getByTestId("live-tail")).toHaveAttribute("aria-pressed", "false");
  await expectNoGraveViolations(page);
});
