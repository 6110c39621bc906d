import { expect, test, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import {
  confirmEmailFromOutbox,
  enrolTwoFactor,
  newPerson,
  signInWithPassword,
  signOut,
  signUp,
  submitSignUp,
  totpCode,
} from "./journeys";

const person = newPerson("Grace");
let secret = "";
let recoveryCodes: string[] = [];

function auditRows(page: Page) {
  return page.getByTestId("audit-entry");
}

test.describe.configure({ mode: "serial" });

test("sign-up shows field errors and writes nothing when the input is invalid", async ({ page }) => {
  await submitSignUp(page, { ...person, email: "not-an-email", password: "short" });
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("a new owner signs up, confirms the address from the mailed link, enrols a second factor, and sees the chain's first entries", async ({
  page,
}) => {
  // Whoever signed up first on this instance (its operator) needed no confirmation; everyone after does.
  await signUp(page, newPerson("Operator"));
  await signOut(page);

  await page.goto("/signup");
  // Owners see the dashboard only once they have a second factor: the page says so before they start.
  await expect(page.getByTestId("two-factor-notice")).toContainText("set up an authenticator app");
  await submitSignUp(page, person);
  // Nothing was mailed (no SMTP_URL): the page does not pretend it was.
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`A message for ${person.email} is waiting`);
  await expect(page.getByText("We've sent")).toHaveCount(0);
  // No SMTP server here: the page says where the link waits and how the operator reads it.
  const notice = page.getByTestId("outbox-notice");
  await expect(notice).toContainText("npx verity outbox");
  await expect(notice.getByRole("link", { name: "outbox page" })).toHaveAttribute("href", "/outbox");

  // Until the address is confirmed, the right password opens nothing.
  await signInWithPassword(page, person);
  await expect(page.getByText("Confirm your email address first")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await confirmEmailFromOutbox(page, person.email);
  await signInWithPassword(page, person);
  // Owners use the panel only with a second factor: enrolment comes first.
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  ({ secret, recoveryCodes } = await enrolTwoFactor(page));
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  const rows = auditRows(page);
  await expect(rows).toHaveCount(6);
  // Newest first, each with its position in the chain.
  const expected = [
    ["#6", "mfa.enrolled"],
    ["#5", "user.signed_in"],
    ["#4", "user.email_verified"],
    ["#3", "user.sign_in_failed"],
    ["#2", "user.signed_up"],
    ["#1", "org.created"],
  ];
  for (const [index, [seq, action]] of expected.entries()) {
    await expect(rows.nth(index)).toContainText(seq);
    await expect(rows.nth(index)).toContainText(action);
  }
  await expect(page.getByText(person.password)).toHaveCount(0);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(/Chain intact: 6 entries checked/);

  // The page ends where its content ends: the chart's table for screen readers adds no blank scroll.
  await expect(page.getByRole("table", { name: /Audit entries per day/ })).toBeAttached();
  const { scrollHeight, contentBottom } = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    contentBottom: document.querySelector("main")!.getBoundingClientRect().bottom + window.scrollY,
  }));
  expect(scrollHeight - contentBottom).toBeLessThan(50);
  // A favicon, and no serious contrast or other axe violation on the dashboard.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/\/icon\.svg/);
  expect((await page.request.get(icon!)).headers()["content-type"]).toContain("image/svg+xml");
  await expectNoGraveViolations(page);
});

test("signing up with an address that has an account answers like any sign-up, and mails its owner instead", async ({
  page,
}) => {
  await submitSignUp(page, { ...person, organization: "Another", password: "somebody else's password" });
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByText("already exists")).toHaveCount(0);
  await page.goto("/outbox");
  const notice = page
    .getByTestId("outbox-message")
    .filter({ hasText: person.email })
    .filter({ hasText: "Someone tried to create a Verity account with your address" });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("/forgot-password");
});

test("a user signs in with a code, signs out, is refused a wrong password, and signs in with a recovery code", async ({
  page,
}) => {
  await signInWithPassword(page, person);
  // The enrolment used the current time step; the next step's code is still inside the window.
  await page.getByLabel("Authentication code").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();

  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);

  await signInWithPassword(page, { email: person.email, password: "not the password at all" });
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();

  await signInWithPassword(page, person);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 recovery codes left");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  const actions = await auditRows(page).locator("td:nth-child(3)").allTextContents();
  expect(actions.slice(0, 6)).toEqual([
    "user.signed_in",
    "mfa.recovery_code_used",
    "user.sign_in_failed",
    "user.signed_out",
    "user.signed_in",
    "user.sign_up_refused",
  ]);
});
