import { expect, test, type Browser, type Page } from "@playwright/test";
import { enrolTwoFactor, newPerson, signUp, type Person } from "./journeys";

async function invite(page: Page, slug: string, person: Person, role: "Admin" | "Member") {
  await page.goto(`/${slug}/members`);
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email address").fill(person.email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation sent to ${person.email}`);
}

/** The invitee opens the link from the outbox in a browser of their own and creates their account. */
async function accept(browser: Browser, person: Person, organization: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/outbox");
  await page.getByTestId("outbox-message").filter({ hasText: person.email }).first().getByRole("link").click();
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: `Create account and join ${organization}` }).click();
  // Joined once the browser has left the invitation page.
  await expect(page).not.toHaveURL(/\/invitations\//);
  return page;
}

test("an owner invites an admin and members; the admin changes a role; each role sees only its own screens", async ({ page, browser }) => {
  const owner = newPerson("Owner");
  const admin = newPerson("Admin");
  const member = newPerson("Member");
  const analyst = newPerson("Analyst");

  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await invite(page, slug, admin, "Admin");
  await invite(page, slug, member, "Member");
  await invite(page, slug, analyst, "Member");

  // The admin joins in a second browser, and must enrol a second factor before using the panel.
  const adminPage = await accept(browser, admin, owner.organization);
  await expect(adminPage).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(adminPage);
  await expect(adminPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const memberPage = await accept(browser, member, owner.organization);
  await expect(memberPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const analystPage = await accept(browser, analyst, owner.organization);
  await expect(analystPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // The admin makes the analyst an auditor; the admin cannot hand out the Owner role.
  await adminPage.goto(`/${slug}/members`);
  const analystRow = adminPage.getByTestId("member-row").filter({ hasText: analyst.email });
  const roleSelect = analystRow.getByLabel(`Role of ${analyst.name}`);
  await expect(roleSelect.locator("option", { hasText: "owner" })).toHaveCount(0);
  await roleSelect.selectOption("AUDITOR");
  await expect(analystRow).toContainText("auditor");
  await expect(adminPage.getByTestId("member-row").filter({ hasText: owner.email }).getByRole("button", { name: "Remove" })).toHaveCount(0);

  // A member sees no admin screens, and their addresses answer 404.
  await memberPage.goto(`/${slug}`);
  const memberNav = memberPage.getByRole("navigation", { name: "Organization" });
  await expect(memberNav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: "Verify chain" })).toHaveCount(0);
  for (const path of ["settings", "security/policy"]) {
    const response = await memberPage.goto(`/${slug}/${path}`);
    expect(response?.status()).toBe(404);
  }

  // The auditor sees the audit trail and nothing of the members or settings.
  await analystPage.goto(`/${slug}`);
  await expect(analystPage.getByTestId("audit-entry").first()).toBeVisible();
  await expect(analystPage.getByTestId("audit-entry").filter({ hasText: "member.role_changed" })).toHaveCount(1);
  const auditorNav = analystPage.getByRole("navigation", { name: "Organization" });
  await expect(auditorNav.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expect(auditorNav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  for (const path of ["members", "settings"]) {
    const response = await analystPage.goto(`/${slug}/${path}`);
    expect(response?.status()).toBe(404);
  }
});
