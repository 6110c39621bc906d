import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp, type Person } from "./journeys";

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function inviteAuditor(page: Page, slug: string, auditor: Person) {
  await page.goto(`/${slug}/members`);
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email address").fill(auditor.email);
  await form.getByLabel("Role").selectOption({ label: "Auditor" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation created for ${auditor.email} as auditor.`);
}

/** The auditor opens the invitation from the outbox in a browser of their own and creates an account. */
async function joinAsAuditor(browser: Browser, auditor: Person, organization: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/outbox");
  await page.getByTestId("outbox-message").filter({ hasText: auditor.email }).first().getByRole("link").click();
  await page.getByLabel("Your name").fill(auditor.name);
  await page.getByLabel("Password").fill(auditor.password);
  await page.getByRole("button", { name: `Create account and join ${organization}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: organization })).toBeVisible();
  return page;
}

test("an auditor filters by actor and day, opens an entry, exports a CSV and a seq bundle, verifies the chain, pages a link", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Owner");
  const auditor = newPerson("Auditor");
  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  // The sign-up, the enrolment and the invitation are the activity the auditor will look at.
  await inviteAuditor(page, slug, auditor);
  const auditorPage = await joinAsAuditor(browser, auditor, owner.organization);

  // The dashboard charts the activity; the nav leads to the trail.
  await expect(auditorPage.getByTestId("activity-chart")).toBeVisible();
  await auditorPage
    .getByRole("navigation", { name: "Organization" })
    .getByRole("link", { name: "Audit trail" })
    .click();
  await expect(auditorPage.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const rows = auditorPage.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "member.joined" })).toHaveCount(1);

  // Facets write qualifiers into the one search; the address bar holds it.
  const today = new Date().toISOString().slice(0, 10);
  await auditorPage.getByLabel("Actor", { exact: true }).fill(owner.email);
  await auditorPage.getByLabel("Actor", { exact: true }).press("Enter");
  const searchBox = auditorPage.getByRole("combobox", { name: "Search", exact: true });
  await expect(searchBox).toHaveValue(`actor:${owner.email}`);
  // The time range picker writes created: too; a custom range is read in the zone the times are shown in (UTC).
  await auditorPage.getByLabel("Time range").selectOption({ label: "Custom range…" });
  await auditorPage.getByLabel("From (UTC)").fill(`${today}T00:00`);
  await auditorPage.getByLabel("To (UTC)").fill(`${today}T23:59`);
  await auditorPage.getByRole("button", { name: "Apply" }).click();
  const dayRange = `created:${today}T00:00:00Z..${today}T23:59:00Z`;
  await expect(searchBox).toHaveValue(`actor:${owner.email} ${dayRange}`);
  await expect(auditorPage).toHaveURL((url) => url.searchParams.get("q") === `actor:${owner.email} ${dayRange}`);
  await expect(rows.filter({ hasText: "member.invited" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "member.joined" })).toHaveCount(0);
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(1);
  for (const actor of await rows.locator("td:nth-child(3)").allTextContents()) expect(actor).toBe(owner.email);

  // Back goes to the previous search; forward returns.
  await auditorPage.goBack();
  await expect(searchBox).toHaveValue(`actor:${owner.email}`);
  await auditorPage.goForward();
  await expect(searchBox).toHaveValue(`actor:${owner.email} ${dayRange}`);
  await expect(rows).toHaveCount(shown);

  // An entry opens from the keyboard in the drawer; Escape closes it and focus returns to its row.
  const invited = rows.filter({ hasText: "member.invited" });
  await invited.focus();
  await auditorPage.keyboard.press("Enter");
  const drawer = auditorPage.getByRole("dialog", { name: /Entry #\d+/ });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId("entry-metadata")).toContainText(`"email": "${auditor.email}"`);
  await expect(drawer.getByTestId("entry-verification")).toHaveText("Verified");
  await expect(drawer.getByText(owner.email).first()).toBeVisible();
  // The previous entry in the chain opens in the same drawer.
  const seq = Number((await drawer.getByRole("heading", { level: 2 }).textContent())!.match(/#(\d+)/)![1]);
  await drawer.getByRole("button", { name: `← Previous entry #${seq - 1}` }).click();
  await expect(drawer.getByRole("heading", { level: 2 })).toContainText(`Entry #${seq - 1}`);
  await expect(drawer.getByTestId("entry-verification")).toHaveText("Verified");
  await auditorPage.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(invited).toBeFocused();

  // The export holds exactly the filtered entries.
  await auditorPage.getByRole("button", { name: "Export…" }).click();
  const exportDialog = auditorPage.getByRole("dialog", { name: "Export audit entries" });
  await exportDialog.getByLabel(/^CSV/).check();
  const downloading = auditorPage.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Export", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await expect(exportDialog.getByTestId("export-done")).toContainText(`Exported ${shown} entries`);
  const [header, ...records] = parseCsv(readFileSync((await download.path())!, "utf8"));
  expect(header.slice(0, 9)).toEqual([
    "seq",
    "id",
    "occurredAt",
    "category",
    "action",
    "outcome",
    "actorType",
    "actorId",
    "actorDisplay",
  ]);
  expect(records).toHaveLength(shown);
  for (const record of records) {
    expect(record[header.indexOf("actorDisplay")]).toBe(owner.email);
    expect(record[header.indexOf("occurredAt")].slice(0, 10)).toBe(today);
  }
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // A verifiable bundle covers a seq range of the whole chain; a backwards range cannot be exported.
  await auditorPage.getByRole("button", { name: "Export…" }).click();
  await exportDialog.getByLabel(/^Verifiable bundle/).check();
  // Text the number field cannot read is refused, not taken for a blank (the whole chain).
  await exportDialog.getByLabel("From seq").pressSequentially("1e");
  await expect(exportDialog.getByTestId("seq-range-error")).toHaveText(
    "From seq must be a whole number of at least 1.",
  );
  await expect(exportDialog.getByRole("button", { name: "Export", exact: true })).toBeDisabled();
  await exportDialog.getByLabel("From seq").fill("5");
  await exportDialog.getByLabel("To seq").fill("2");
  await expect(exportDialog.getByTestId("seq-range-error")).toHaveText("From seq (5) is after To seq (2).");
  await expect(exportDialog.getByLabel("From seq")).toHaveAttribute("aria-invalid", "true");
  await expect(exportDialog.getByRole("button", { name: "Export", exact: true })).toBeDisabled();
  await exportDialog.getByLabel("From seq").fill("2");
  await exportDialog.getByLabel("To seq").fill("5");
  await expect(exportDialog.getByTestId("seq-range-error")).toHaveCount(0);
  const bundling = auditorPage.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Export", exact: true }).click();
  const bundle = await bundling;
  expect(bundle.suggestedFilename()).toMatch(/\.bundle\.ndjson$/);
  await expect(exportDialog.getByTestId("export-done")).toContainText("Exported 4 entries");
  const [bundleHeader, ...bundleLines] = readFileSync((await bundle.path())!, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(bundleHeader).toMatchObject({ type: "verity.audit-bundle", fromSeq: 2, toSeq: 5, count: 4 });
  expect(bundleLines.map((entry: { seq: number }) => entry.seq)).toEqual([2, 3, 4, 5]);
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // Verification streams its progress, then says the chain is intact.
  await auditorPage.getByRole("button", { name: "Verify chain" }).click();
  await expect(auditorPage.getByTestId("verify-result")).toHaveText(/^Intact: \d+ entries verified/);

  // A malformed search is caught as it is typed, with its position, and cannot be run.
  await searchBox.fill("actor:x outcome:maybe");
  await expect(auditorPage.getByTestId("query-error")).toContainText('Unknown outcome "maybe" at position 17');
  await expect(auditorPage.getByTestId("query-error-span")).toHaveText("maybe");
  await expect(searchBox).toHaveAttribute("aria-invalid", "true");
  await expect(auditorPage.getByRole("button", { name: "Search", exact: true })).toBeDisabled();

  // The same fault in a shared link is named in the box; the table says what to do instead of "Try again".
  const malformedLink = await auditorPage.context().newPage();
  await malformedLink.goto(`/${slug}/audit?q=${encodeURIComponent("actor:x outcome:maybe")}`);
  await expect(malformedLink.getByTestId("query-error")).toContainText('Unknown outcome "maybe" at position 17');
  await expect(malformedLink.getByTestId("search-refused")).toContainText("This search cannot be run");
  await expect(malformedLink.getByText("The entries could not be loaded.")).toHaveCount(0);
  await malformedLink.getByRole("button", { name: "Clear search" }).click();
  await expect(malformedLink.getByRole("combobox", { name: "Search", exact: true })).toHaveValue("");
  await expect(malformedLink.getByTestId("audit-row").first()).toBeVisible();
  await malformedLink.close();

  // The empty state offers to clear the search.
  await searchBox.fill('"no entry says this"');
  await searchBox.press("Enter");
  await expect(auditorPage.getByText("No entries match this query")).toBeVisible();
  await auditorPage.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(searchBox).toHaveValue("");
  await expect(rows.filter({ hasText: "member.joined" })).toHaveCount(1);

  // A shared link deep in the history pages both ways from its address alone, in a page with no history.
  const seqsOf = async (table: Page) =>
    (await table.getByTestId("audit-row").locator("td:first-child").allTextContents()).map(Number);
  const everySeq = await seqsOf(auditorPage);
  const cursor = everySeq[3];
  const shared = await auditorPage.context().newPage();
  await shared.goto(`/${slug}/audit?before=${cursor}`);
  const pages = shared.getByRole("navigation", { name: "Pages" });
  await expect(shared.getByTestId("audit-row")).toHaveCount(everySeq.length - 4);
  expect(await seqsOf(shared)).toEqual(everySeq.slice(4));
  await expect(pages.getByRole("button", { name: "Older →" })).toBeDisabled();
  await pages.getByRole("button", { name: "← Newer" }).click();
  await expect(shared).toHaveURL(
    (url) => url.searchParams.get("after") === String(everySeq[4]) && !url.searchParams.has("before"),
  );
  await expect(shared.getByTestId("audit-row")).toHaveCount(4);
  expect(await seqsOf(shared)).toEqual(everySeq.slice(0, 4));
  await expect(pages.getByRole("button", { name: "← Newer" })).toBeDisabled();
  await pages.getByRole("button", { name: "Older →" }).click();
  await expect(shared).toHaveURL(
    (url) => url.searchParams.get("before") === String(cursor) && !url.searchParams.has("after"),
  );
  await expect(shared.getByTestId("audit-row")).toHaveCount(everySeq.length - 4);

  // The latest signed checkpoint (signed within seconds of the activity) heads the trail; the first entry's
  // drawer shows its inclusion proof against it, and the signed note downloads as text.
  const checkpoint = shared.getByTestId("latest-checkpoint");
  await expect(async () => {
    await shared.goto(`/${slug}/audit?entry=1`);
    await expect(checkpoint).toContainText("Tree size", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const size = (await checkpoint.locator("dd").first().textContent())!.trim();
  const entryDrawer = shared.getByRole("dialog", { name: /^Entry #1(?!\d)/ });
  await expect(entryDrawer.getByTestId("entry-inclusion")).toContainText(`Included in checkpoint ${size} ✓`);
  await shared.keyboard.press("Escape");
  const noting = shared.waitForEvent("download");
  await checkpoint.getByRole("link", { name: /Download signed note/ }).click();
  const note = await noting;
  expect(note.suggestedFilename()).toBe(`${slug}-checkpoint-${size}.txt`);
  const noteText = readFileSync((await note.path())!, "utf8");
  expect(noteText.split("\n").slice(1, 2)).toEqual([size]);
  expect(noteText).toMatch(/\n\n\u2014 \S+ \S+\n$/);
});
