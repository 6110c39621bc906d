import { expect, test } from "@playwright/test";
import { enrolTwoFactor, newPerson, signInWithPassword, signOut, signUp, totpCode } from "./journeys";

test.describe.configure({ mode: "serial" });

const person = newPerson("Mfa");
let secret = "";
let recoveryCodes: string[] = [];

test("an owner enrols an authenticator and gets ten recovery codes", async ({ page }) => {
  await signUp(page, person);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  ({ secret, recoveryCodes } = await enrolTwoFactor(page));
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("two-factor-status")).toContainText("10 recovery codes left");
});

test("signing in asks for the code after the password, and a wrong code gets a clear error", async ({ page }) => {
  await signInWithPassword(page, person);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.getByLabel("Authentication code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not valid.")).toBeVisible();
  // The next step's code: the current one was used up by the enrolment (a replayed code fails).
  await page.getByLabel("Authentication code").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  await signOut(page);
});

test("a recovery code signs in once, and says how many are left", async ({ page }) => {
  await signInWithPassword(page, person);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 recovery codes left");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  await signOut(page);

  await signInWithPassword(page, person);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not valid.")).toBeVisible();
});

test("five wrong passwords lock the account with a clear message and a time to retry", async ({ page }) => {
  const victim = newPerson("Locked");
  await signUp(page, victim);
  await expect(page).toHaveURL(/\/account\/two-factor/);
  await signOut(page);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInWithPassword(page, { email: victim.email, password: `wrong password ${attempt}` });
    await expect(
      page.getByText(attempt < 5 ? "Incorrect email or password." : /locked after too many failed sign-ins/),
    ).toBeVisible();
  }
  await signInWithPassword(page, victim);
  await expect(
    page.getByText(
      /This account is locked after too many failed sign-ins\. Try again after \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    ),
  ).toBeVisible();
});

test("regenerating recovery codes first asks the owner to confirm it's them", async ({ page }) => {
  await signInWithPassword(page, person);
  await page.getByLabel("Authentication code").fill(recoveryCodes[1]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-codes-left")).toContainText("8 recovery codes left");

  // An owner's role requires the second factor: turning it off is refused, with the reason.
  await page.getByRole("button", { name: "Turn off" }).click();
  await page.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(
    page.getByText(
      `Two-factor authentication cannot be turned off: your role or the policy of ${person.organization} requires it.`,
    ),
  ).toBeVisible();

  await page.goto("/account/two-factor");
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await page.getByRole("link", { name: "Re-enter your password and a code" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Authentication code or recovery code").fill(recoveryCodes[2]);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  // The step-up gave this browser a new session id; the panel keeps working with it.
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
});
