import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./journeys";

const unique = Date.now().toString(36);
const person = {
  name: "Ada Lovelace",
  email: `ada-${unique}@example.test`,
  password: "analytical engine notes 1843",
  organization: `Difference Engines ${unique}`,
};
const resetPassword = "bernoulli numbers table G 1843";
const changedPassword = "poetical science for everyone";

test.describe.configure({ mode: "serial" });

async function signIn(page: Page, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signed in, wherever sign-in led: owners without a second factor are sent to set one up before
 * the panel opens, so the proof is a page that needs a session and nothing else.
 */
async function expectSignedIn(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && !url.pathname.startsWith("/signup"));
  await page.goto("/account/password");
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(person.email);
}

test("a user who forgot their password resets it from the emailed link, and only the new one works", async ({
  page,
}) => {
  await signUp(page, person);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(
    page.getByText("If an account exists for that address, a link to reset its password is waiting"),
  ).toBeVisible();

  // An unknown address gets exactly the same answer.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`nobody-${unique}@example.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(
    page.getByText("If an account exists for that address, a link to reset its password is waiting"),
  ).toBeVisible();

  await page.goto("/outbox");
  const mail = page
    .getByTestId("outbox-message")
    .filter({ hasText: person.email })
    .filter({ hasText: "Reset your Verity password" });
  await expect(mail).toHaveCount(1);
  await expect(page.getByTestId("outbox-message").filter({ hasText: `nobody-${unique}` })).toHaveCount(0);
  const link = mail.getByRole("link", { name: /\/reset-password\?token=/ });
  const resetUrl = await link.getAttribute("href");
  await link.click();

  await page.getByLabel("New password", { exact: true }).fill(resetPassword);
  await page.getByLabel("Confirm new password").fill(resetPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "Password changed" })).toBeVisible();

  // The link works once.
  await page.goto(resetUrl!);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password");

  await signIn(page, person.password);
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  await signIn(page, resetPassword);
  await expectSignedIn(page);
});

test("a signed-in user changes their password with their current one", async ({ page }) => {
  await signIn(page, resetPassword);
  await expectSignedIn(page);

  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(changedPassword);
  await page.getByLabel("Confirm new password").fill(changedPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That password is not correct.")).toBeVisible();

  await page.getByLabel("Current password").fill(resetPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/^Password changed\./)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, resetPassword);
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  await signIn(page, changedPassword);
  await expectSignedIn(page);
});
