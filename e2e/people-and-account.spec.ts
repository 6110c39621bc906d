import { expect, test, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signUp, totpCode } from "./journeys";

/** A 390 px phone screenshot of the page as it stands, after checking nothing makes it scroll sideways. */
async function checkOnPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState("networkidle");
  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(widths.inner);
  await expectNoGraveViolations(page);
  await page.screenshot({ path: `test-results/phone-390-${name}.png`, fullPage: true });
}

const JOURNEY =
  "people: forced enrolment returns to the page asked for, a 2FA policy with a grace period, a member's landing, " +
  "the account menu, old URLs, phones";

test(JOURNEY, async ({ page, browser }) => {
  test.setTimeout(300_000);
  const owner = newPerson("People");
  const member = newPerson("Landing");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  const slug = decodeURIComponent(new URL(page.url()).searchParams.get("next") ?? "").split("/")[1];

  // Asking for the members page before enrolling: enrolment comes first, then that very page.
  await page.goto(`/${slug}/members`);
  await expect(page).toHaveURL(new RegExp(`/account/two-factor\\?required=1&next=%2F${slug}%2Fmembers`));
  const { secret } = await enrolTwoFactor(page);
  await expect(page).toHaveURL(new RegExp(`/${slug}/members$`));
  // Once enrolled the "required" banner is gone.
  await page.goto("/account/two-factor?required=1");
  await expect(page.getByText("Set it up to continue")).toHaveCount(0);

  // A member joins without a second factor; the policy page says who is not enrolled.
  await inviteMember(page, slug, member, "Member");
  const memberPage = await acceptInvitation(browser, member, owner.organization);
  await page.goto(`/${slug}/security/policy`);
  await expect(page.getByTestId("unenrolled")).toHaveText([new RegExp(`${member.email}\\s*member`)]);
  await expectNoGraveViolations(page);
  await page.getByLabel("Require two-factor authentication for every member").check();
  await page.getByLabel("Grace period when turned on").selectOption({ label: "7 days" });
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Security policy saved.")).toBeVisible();
  await expect(page.getByTestId("mfa-grace")).toContainText(/Members without it keep access until \d{4}-\d\d-\d\d/);

  // The member keeps access during the grace period, told until when, and lands on a useful dashboard.
  await memberPage.goto(`/${slug}`);
  await expect(
    memberPage.getByRole("status").filter({ hasText: "requires two-factor authentication from" }),
  ).toBeVisible();
  await expect(memberPage.getByText("Your role does not include the audit trail")).toHaveCount(0);
  await expect(memberPage.getByRole("heading", { name: "Your API keys" })).toBeVisible();
  await expect(memberPage.getByText("You have no active API keys in this organization.")).toBeVisible();
  await expect(memberPage.getByTestId("landing-session")).toHaveCount(1);
  await expect(memberPage.getByTestId("landing-session")).toContainText("This browser");
  await expect(memberPage.getByTestId("quickstart")).toContainText("/api/v1/me");
  await expect(memberPage.getByTestId("landing-admin")).toHaveText([
    new RegExp(`${owner.name}.*${owner.email}\\s*owner`),
  ]);
  await expectNoGraveViolations(memberPage);
  await checkOnPhone(memberPage, "member-dashboard");
  // On a phone the sections fold into the Menu button.
  await expect(memberPage.getByRole("navigation", { name: "Organization" })).toBeHidden();
  await memberPage.getByRole("button", { name: "Menu" }).click();
  await memberPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "API keys" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/${slug}/api-keys$`));
  await checkOnPhone(memberPage, "member-api-keys");
  await memberPage.close();

  // The owner's account menu: profile with a new name, shown in the header at once.
  await page.getByRole("button", { name: /Your account/ }).click();
  await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await page.getByLabel("Your name").fill("Pat Renamed");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved.")).toBeVisible();
  await expectNoGraveViolations(page);
  await page.goto(`/${slug}`);
  await expect(page.getByRole("button", { name: /Your account/ })).toContainText("Pat Renamed");

  // A new address: the password and a second-factor code, then a link to the new address; the old one is told.
  const newEmail = `moved-${owner.email}`;
  await page.goto("/account/profile");
  const change = page.getByRole("form", { name: "Change email" });
  await change.getByLabel("New email").fill(newEmail);
  await change.getByLabel("Current password").fill(owner.password);
  await change.getByLabel("Two-factor code").fill(await totpCode(secret, 1));
  await change.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("email-change-sent")).toContainText(`We sent a link to ${newEmail}`);
  await expect(page.getByTestId("profile-email")).toHaveText(owner.email);
  await page.goto("/outbox");
  const mails = page.getByTestId("outbox-message");
  await expect(
    mails
      .filter({ hasText: owner.email })
      .filter({ hasText: "A change of your Verity account's address was requested" }),
  ).toHaveCount(1);
  await mails
    .filter({ hasText: newEmail })
    .filter({ hasText: "Confirm your new address for Verity" })
    .getByRole("link", { name: /\/confirm-email-change\?token=/ })
    .click();
  await expect(page.getByText(newEmail)).toBeVisible();
  await expectNoGraveViolations(page);
  await page.getByRole("button", { name: "Change my address" }).click();
  await expect(page.getByRole("heading", { name: "Address changed" })).toBeVisible();
  // This browser stays signed in, under the new address.
  await page.goto("/account/profile");
  await expect(page.getByTestId("profile-email")).toHaveText(newEmail);

  // Settings: the slug field is the URL, with its prefix; the old URL leads members to the new one.
  await page.goto(`/${slug}/settings`);
  await expect(page.getByTestId("slug-prefix")).toHaveText(/\/$/);
  const moved = `moved-${Date.now().toString(36)}`;
  await page.getByLabel("URL", { exact: true }).fill(moved);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/${moved}/settings$`));
  await page.goto(`/${slug}/members`);
  await expect(page).toHaveURL(new RegExp(`/${moved}/members$`));

  // Phones: the owner's most used screens keep their actions in view and never scroll sideways.
  for (const screen of ["", "/members", "/api-keys", "/audit", "/settings"]) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/${moved}${screen}`);
    await checkOnPhone(page, `owner${screen.replace("/", "-") || "-dashboard"}`);
  }
  const actions = page.getByTestId("member-row").first().locator("td").last();
  await page.goto(`/${moved}/members`);
  // On a phone the row may sit below the fold: scrolled to, its actions cell must be on screen, not off to the right.
  if (await actions.count()) {
    await actions.scrollIntoViewIfNeeded();
    await expect(actions).toBeInViewport();
  }
});
