import { expect, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";

export type Person = { name: string; email: string; password: string; organization: string };

export function newPerson(label: string): Person {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  return {
    name: `${label} Tester`,
    email: `${label.toLowerCase()}-${unique}@example.test`,
    password: `a long passphrase ${unique}`,
    organization: `${label} Works ${unique}`,
  };
}

/** The code an authenticator app would show `steps` time steps from now (±1 step is accepted). */
export async function totpCode(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

/** Fills in and sends the sign-up form, and nothing more. */
export async function submitSignUp(page: Page, person: Person) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("Organization name").fill(person.organization);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Opens the newest confirmation link mailed to `email` from the outbox page (VERITY_LOCAL_OUTBOX=1) and confirms. */
export async function confirmEmailFromOutbox(page: Page, email: string) {
  await page.goto("/outbox");
  const mail = page
    .getByTestId("outbox-message")
    .filter({ hasText: email })
    .filter({ hasText: "Confirm your email address for Verity" })
    .first();
  await mail.getByRole("link", { name: /\/verify-email\?token=/ }).click();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
}

/**
 * Signs up and ends signed in, as every journey starts: the instance's first account is signed in at
 * once; any later one confirms its address from the outbox, then signs in with its password.
 */
export async function signUp(page: Page, person: Person) {
  await submitSignUp(page, person);
  // "Confirm your email address" when this server has no mail server (the e2e server has none).
  const checkYourEmail = page.getByRole("heading", { name: /^(Check your email|Confirm your email address)$/ });
  await page.waitForFunction(
    () =>
      !location.pathname.startsWith("/signup") ||
      ["Check your email", "Confirm your email address"].includes(document.querySelector("h1")?.textContent ?? ""),
  );
  if (!(await checkYourEmail.isVisible())) return;
  await confirmEmailFromOutbox(page, person.email);
  await signInWithPassword(page, person);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** Enrols an authenticator on the two-factor page; returns its secret and the recovery codes. */
export async function enrolTwoFactor(page: Page) {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const shown = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/); // in groups of four, as apps print it
  const secret = shown.replace(/\s+/g, "");
  await expect(page.getByRole("link", { name: "open it in your authenticator app" })).toHaveAttribute(
    "href",
    new RegExp(`^otpauth://totp/.*secret=${secret}`),
  );
  await page.getByLabel("Code from the app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const recoveryCodes = (await page.getByTestId("recovery-code").allTextContents()).map((code) => code.trim());
  await page.getByRole("button", { name: "I have saved them" }).click();
  return { secret, recoveryCodes };
}

export async function signInWithPassword(page: Page, person: Pick<Person, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Invites `person` to the organization at `slug` with `role`, from the Members screen. */
export async function inviteMember(page: Page, slug: string, person: Person, role: "Admin" | "Member") {
  await page.goto(`/${slug}/members`);
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email address").fill(person.email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation created for ${person.email}`);
}

/** The invitee opens the link from the outbox in a browser of their own and creates their account. */
export async function acceptInvitation(browser: Browser, person: Person, organization: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/outbox");
  await page.getByTestId("outbox-message").filter({ hasText: person.email }).first().getByRole("link").click();
  // The form works once the page is hydrated: a click before that would only post the page to itself.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: `Create account and join ${organization}` }).click();
  await expect(page).not.toHaveURL(/\/invitations\//);
  return page;
}
