import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp, type Person } from "./journeys";

// Each passed the old "starts with / but not //" check, and the browser reads it as //evil.example: it takes
// "\" for "/" and drops tabs and newlines anywhere in a URL.
const OFFSITE = ["/\\evil.example/x", "/\t/evil.example", "/\n/evil.example/x"];

/** Were the browser to leave for evil.example, it would land on this page instead of failing on DNS. */
async function trapEvilSite(page: Page) {
  await page
    .context()
    .route(/^https?:\/\/evil\.example\//, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil.example</h1>" }),
    );
}

async function expectOnPanel(page: Page, person: Person) {
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
}

test("finishing 2FA enrolment stays on the panel whatever `next` says", async ({ page }) => {
  await trapEvilSite(page);
  const person = newPerson("Enrol");
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await page.goto(`/account/two-factor?required=1&next=${encodeURIComponent(OFFSITE[0])}`);
  await enrolTwoFactor(page);
  await expectOnPanel(page, person);
});

for (const callbackUrl of OFFSITE) {
  test(`signing in with both factors stays on the panel with callbackUrl=${JSON.stringify(callbackUrl)}`, async ({
    page,
  }) => {
    await trapEvilSite(page);
    const person = newPerson("Callback");
    await signUp(page, person);
    await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
    const { recoveryCodes } = await enrolTwoFactor(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);

    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
    await page.getByRole("button", { name: "Verify" }).click();
    // A recovery code stops on the count of codes left; its Continue leads on, never off the panel.
    await expect(page.getByTestId("recovery-codes-left")).toContainText("9 recovery codes left");
    await page.getByRole("link", { name: "Continue" }).click();
    await expectOnPanel(page, person);
  });
}
