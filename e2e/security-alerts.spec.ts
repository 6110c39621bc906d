import { expect, test } from "@playwright/test";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signInWithPassword, signUp } from "./journeys";

test("failed sign-ins raise an alert on the dashboard; an admin acknowledges it and the trail shows who did", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = newPerson("Alerts");
  const admin = newPerson("AlertsAdmin");
  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await expect(page.getByRole("heading", { name: "Security alerts" })).toBeVisible();
  await expect(page.getByText("No open security alerts.")).toBeVisible();
  await inviteMember(page, slug, admin, "Admin");
  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await enrolTwoFactor(adminPage);
  await expect(adminPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // Someone guesses the owner's password three times, from a browser of their own.
  const guesser = await (await browser.newContext()).newPage();
  for (let attempt = 0; attempt < 3; attempt++) {
    await signInWithPassword(guesser, { email: owner.email, password: `guess number ${attempt} of many` });
    await expect(guesser.getByText("Incorrect email or password.")).toBeVisible();
  }

  await adminPage.goto(`/${slug}`);
  const alert = adminPage.getByTestId("security-alert").filter({ hasText: "Repeated failed sign-ins" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("medium");
  await expect(alert).toContainText(owner.email);
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert).toContainText(`acknowledged by ${admin.email}`);
  await expect(alert.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await adminPage.screenshot({ path: "test-results/security-alerts-dashboard.png", fullPage: true });

  // The link opens the trail on the account's entries: the failures and the alert itself.
  await alert.getByRole("link", { name: "See the entries" }).click();
  await expect(adminPage).toHaveURL(/\/audit\?q=/);
  await expect(adminPage.getByTestId("audit-row").filter({ hasText: "user.sign_in_failed" }).first()).toBeVisible();

  await adminPage.goto(`/${slug}/audit?q=${encodeURIComponent("action:security.alert_acknowledged")}`);
  const acknowledged = adminPage.getByTestId("audit-row").filter({ hasText: "security.alert_acknowledged" });
  await expect(acknowledged).toHaveCount(1);
  await expect(acknowledged).toContainText(admin.email);

  // Resolved, it leaves the dashboard.
  await adminPage.goto(`/${slug}`);
  await alert.getByRole("button", { name: "Resolve" }).click();
  await expect(alert).toHaveCount(0);
  await expect(adminPage.getByText("No open security alerts.")).toBeVisible();
});
