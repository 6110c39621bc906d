import { expect, test } from "@playwright/test";
import { enrolTwoFactor, newPerson, signInWithPassword, signUp, totpCode } from "./journeys";

test("a user revokes their session in another browser, which is signed out on its next request", async ({
  browser,
}) => {
  const person = newPerson("Sessions");
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const a = await laptop.newPage();
  const b = await phone.newPage();

  await signUp(a, person);
  // Owners use the panel only with a second factor: enrolment comes first.
  const { secret } = await enrolTwoFactor(a);
  await expect(a.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  await signInWithPassword(b, person);
  // The enrolment used the current time step's code; the next step's is still accepted.
  await b.getByLabel("Authentication code").fill(await totpCode(secret, 1));
  await b.getByRole("button", { name: "Verify" }).click();
  await expect(b.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();

  await a.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Security" }).click();
  await expect(a.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  const rows = a.getByTestId("own-session");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);

  const other = rows.filter({ hasNotText: "This session" });
  await other.getByRole("button", { name: /^Revoke session/ }).click();
  // Nothing happens until the second, explicit confirmation.
  await expect(rows).toHaveCount(2);
  await expect(other.getByRole("button", { name: "Yes, revoke" })).toBeFocused();
  await a.keyboard.press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(a.getByTestId("no-other-sessions")).toBeVisible();

  await b.reload();
  await expect(b).toHaveURL(/\/signin/);
  await expect(b.getByRole("button", { name: "Sign in" })).toBeVisible();

  // The revoking browser is still signed in.
  await a.reload();
  await expect(a.getByTestId("own-session")).toHaveCount(1);
  await laptop.close();
  await phone.close();
});
