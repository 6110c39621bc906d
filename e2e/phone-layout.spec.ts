import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/** A 390 px phone: the page never scrolls sideways, axe finds nothing serious, and a screenshot to look at. */
async function checkOnPhone(page: Page, path: string, name: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const widths = await page.evaluate(() => {
    // What sticks out past the right edge, outside any sideways-scrolling box: named in the failure.
    const scrolls = (element: Element | null): boolean =>
      !!element && (["auto", "scroll"].includes(getComputedStyle(element).overflowX) || scrolls(element.parentElement));
    const culprits = [...document.body.querySelectorAll("*")]
      .filter(
        (element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(element.parentElement),
      )
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 80)}`);
    return { scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth, culprits };
  });
  expect
    .soft(widths.scroll, `${name} scrolls sideways at 390 px: ${widths.culprits.join(" | ")}`)
    .toBeLessThanOrEqual(widths.inner);
  await expectNoGraveViolations(page, { soft: true, name });
  await page.screenshot({ path: `test-results/phone-390-${name}.png`, fullPage: true });
}

/**
 * Every button and link of a table's first row is on screen once the page is scrolled down to the row, without
 * scrolling the table sideways: actions stay pinned in view, never pushed off to the right.
 */
async function expectRowActionsInView(page: Page, rowTestId: string) {
  const row = page.getByTestId(rowTestId).first();
  await expect(row).toBeVisible();
  await row.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 200));
  for (const control of await row.locator("button, a[href]").all()) {
    const label = (await control.getAttribute("aria-label")) ?? (await control.textContent());
    await expect.soft(control, `${rowTestId}: "${label}" is off screen`).toBeInViewport();
  }
}

/** A key that may write, pinned to this machine (the API refuses an unpinned writing key). */
async function createSeedKey(page: Page, slug: string): Promise<string> {
  await page.goto(`/${slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name", { exact: true }).fill("Phone seed");
  for (const box of await form.getByRole("checkbox").all()) if (await box.isEnabled()) await box.check();
  await form.getByRole("radio", { name: "Test" }).check();
  await form.getByLabel(/Allowed IP ranges/).fill("127.0.0.0/8, ::1/128");
  await form.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new key for Phone seed" });
  const key = await reveal.getByLabel("API key").inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  return key;
}

async function post(request: APIRequestContext, key: string, path: string, data: unknown) {
  const response = await request.post(`/api/v1${path}`, { headers: { Authorization: `Bearer ${key}` }, data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

test("every remaining screen at 390 px: no sideways scroll, row actions in view, no serious axe violations", async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  const receiver: Server = createServer((_, response) => response.writeHead(204).end());
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  try {
    const owner = newPerson("Phone");
    await signUp(page, owner);
    await enrolTwoFactor(page);
    await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
    const slug = new URL(page.url()).pathname.split("/")[1]!;

    // Something in every table, through the public API, so that rows (and their actions) are what is checked.
    const key = await createSeedKey(page, slug);
    const phone = "+13055550147";
    await post(request, key, "/contacts", {
      phone,
      name: "Ada Lovelace-Byron",
      state: "FL",
      timeZone: "America/New_York",
    });
    await post(request, key, "/dnc", {
      phone: "+12025550143",
      reason: "asked on a call to be removed from every list",
    });
    await post(request, key, "/campaigns", {
      name: "Spring appointment reminders",
      purpose: "informational",
      states: ["FL"],
    });
    await post(request, key, "/messages/check", { to: phone });
    const { endpoint } = (await post(request, key, "/webhooks", {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/a-rather-long-path-for-a-phone`,
      description: "SIEM forwarder",
    })) as { endpoint: { id: string } };
    await post(request, key, `/webhooks/${endpoint.id}/test`, {});

    await page.setViewportSize({ width: 390, height: 844 });
    const screens: [string, string, string?][] = [
      ["messaging", `/${slug}/messaging`],
      ["messaging-contacts", `/${slug}/messaging/contacts`, "contact-row"],
      ["messaging-dnc", `/${slug}/messaging/dnc`, "dnc-row"],
      ["messaging-campaigns", `/${slug}/messaging/campaigns`, "campaign-row"],
      ["messaging-decisions", `/${slug}/messaging/decisions`, "decision-row"],
      ["messaging-try", `/${slug}/messaging/try`],
      ["recordings", `/${slug}/recordings`],
      ["secrets", `/${slug}/secrets`],
      ["webhooks", `/${slug}/webhooks`, "webhook-endpoint-row"],
      ["webhook-endpoint", `/${slug}/webhooks/${endpoint.id}`, "delivery-row"],
      ["privacy-requests", `/${slug}/privacy-requests`],
      ["legal-holds", `/${slug}/legal-holds`],
      ["security", `/${slug}/security`],
      ["security-policy", `/${slug}/security/policy`],
      ["security-sessions", `/${slug}/security/sessions`],
      ["billing", `/${slug}/billing`],
      ["api-keys", `/${slug}/api-keys`, "api-key-row"],
    ];
    for (const [name, path, rowTestId] of screens) {
      await checkOnPhone(page, path, name);
      if (rowTestId) await expectRowActionsInView(page, rowTestId);
    }

    // Billing's note on audit retention leads to the setting itself.
    await page.goto(`/${slug}/billing`);
    await page.getByRole("link", { name: "Settings → Audit trail retention" }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/settings#retention-heading$`));
    await expect(page.getByRole("heading", { name: "Audit trail retention" })).toBeInViewport();
  } finally {
    receiver.close();
  }
});
