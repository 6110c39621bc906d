import { expect, test, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

test.describe.configure({ mode: "serial" });

const person = newPerson("Redirect");
let recoveryCodes: string[] = [];

// The review's vectors: each passed the old "starts with / but not //" check, and the browser read it as //evil.example.
const OFFSITE = ["/\\evil.example/x", "/\t/evil.example", "/\tevil.example/x"];

/** Were the browser to leave for evil.example, it would land on this page instead of failing on DNS. */
async function trapEvilSite(page: Page) {
  await page.context().route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil.example</h1>" }));
}

async function expectOnPanel(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
}

test("finishing 2FA enrolment stays on the panel whatever `next` says", async ({ page }) => {
  await trapEvilSite(page);
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await page.goto(`/account/two-factor?required=1&next=${encodeURIComponent(OFFSITE[0])}`);
  ({ recoveryCodes } = await enrolTwoFactor(page));
  await expectOnPanel(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
});

for (const [index, callbackUrl] of OFFSITE.entries()) {
  test(`signing in stays on the panel with callbackUrl=${JSON.stringify(callbackUrl)}`, async ({ page }) => {
    await trapEvilSite(page);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // A recovery code each time: an authenticator code is accepted once per 30-second step.
    await page.getByLabel("Authentication code").fill(recoveryCodes[index]);
    await page.getByRole("button", { name: "Verify" }).click();
    await expectOnPanel(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
  });
}
