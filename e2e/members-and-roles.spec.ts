import { expect, test, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import {
  acceptInvitation,
  enrolTwoFactor,
  inviteMember,
  newPerson,
  signInWithPassword,
  signUp,
  type Person,
} from "./journeys";

test("an owner invites an admin and members; the admin changes a role; each role sees only its own screens", async ({
  page,
  browser,
}) => {
  // Four people, then revocation and removal seen from both sides.
  test.setTimeout(240_000);
  const owner = newPerson("Owner");
  const admin = newPerson("Admin");
  const member = newPerson("Member");
  const analyst = newPerson("Analyst");

  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await inviteMember(page, slug, admin, "Admin");
  await inviteMember(page, slug, member, "Member");
  await inviteMember(page, slug, analyst, "Member");

  // The admin joins in a second browser, and must enrol a second factor before using the panel.
  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await expect(adminPage).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(adminPage);
  await expect(adminPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const memberPage = await acceptInvitation(browser, member, owner.organization);
  await expect(memberPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const analystPage = await acceptInvitation(browser, analyst, owner.organization);
  await expect(analystPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // The admin makes the analyst an auditor; the admin cannot hand out the Owner role.
  await adminPage.goto(`/${slug}/members`);
  const analystRow = adminPage.getByTestId("member-row").filter({ hasText: analyst.email });
  const roleSelect = analystRow.getByLabel(`Role of ${analyst.name}`);
  await expect(roleSelect.locator("option", { hasText: "owner" })).toHaveCount(0);
  // Choosing a role changes nothing until it is applied.
  await roleSelect.selectOption("AUDITOR");
  await expect(analystRow.getByRole("cell", { name: "member", exact: true })).toBeVisible();
  await analystRow.getByRole("button", { name: `Apply role for ${analyst.name}` }).click();
  // Applying asks first, saying what the new role may do and what it takes away (from the permission matrix).
  const roleDialog = adminPage.getByRole("dialog", { name: `Make ${analyst.name} an auditor?` });
  await expect(
    roleDialog.getByRole("list", { name: "What an auditor may do" }).getByText("Read the audit trail"),
  ).toBeVisible();
  await expect(roleDialog.getByRole("list", { name: "What they lose" }).getByText("Create API keys")).toBeVisible();
  await expectNoGraveViolations(adminPage);
  await expect(analystRow.getByRole("cell", { name: "member", exact: true })).toBeVisible();
  await roleDialog.getByRole("button", { name: "Change role to auditor" }).click();
  await expect(analystRow.getByRole("cell", { name: "auditor", exact: true })).toBeVisible();
  await expect(analystRow.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await expect(
    adminPage.getByTestId("member-row").filter({ hasText: owner.email }).getByRole("button", { name: "Remove" }),
  ).toHaveCount(0);

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
    // The 404 keeps the organization's header and navigation.
    await expect(auditorNav.getByRole("link", { name: "Audit trail" })).toBeVisible();
  }

  // The owner is marked "You", and cannot leave as the only owner: the button says why.
  await page.goto(`/${slug}/members`);
  const ownRow = page.getByTestId("member-row").filter({ hasText: owner.email });
  await expect(ownRow.getByText("You", { exact: true })).toBeVisible();
  await expect(ownRow.getByRole("button", { name: "Leave" })).toBeDisabled();
  await expect(ownRow.getByRole("button", { name: "Leave" })).toHaveAccessibleDescription(/only owner/);
  await expectNoGraveViolations(page);

  // An admin ends the auditor's sessions: the auditor is told who did, not just sent to sign in.
  await adminPage.goto(`/${slug}/security/sessions`);
  const analystSessions = adminPage.getByTestId("member-sessions").filter({ hasText: analyst.email });
  await analystSessions.getByRole("button", { name: `Revoke all sessions of ${analyst.name}` }).click();
  await analystSessions.getByRole("button", { name: "Yes, revoke all" }).click();
  await expect(analystSessions.getByRole("cell", { name: "0", exact: true })).toBeVisible();
  await analystPage.goto(`/${slug}`);
  await expect(analystPage.getByTestId("session-ended")).toHaveText(
    "Your session was ended by an administrator of your organization. Sign in again to continue.",
  );
  await expectNoGraveViolations(analystPage);

  // Removing the member says what else happens; this was their only organization, so their session ends.
  const memberRow = page.getByTestId("member-row").filter({ hasText: member.email });
  await memberRow.getByRole("button", { name: "Remove" }).click();
  await expect(memberRow).toContainText("Their API keys in this organization are revoked at once");
  await memberRow.getByRole("button", { name: "Yes" }).click();
  await expect(memberRow).toHaveCount(0);
  await memberPage.goto(`/${slug}/api-keys`);
  await expect(memberPage.getByTestId("session-ended")).toContainText("You were removed from your organization");
  // Signed in again, with no organization: a notice, a sign-out, and no Cancel that leads back here.
  await signInWithPassword(memberPage, member);
  await expect(memberPage.getByRole("heading", { name: "Create organization" })).toBeVisible();
  await expect(memberPage.getByTestId("no-organization")).toContainText("not a member of any organization");
  await expect(memberPage.getByRole("link", { name: "Cancel" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoGraveViolations(memberPage);
  // The old organization's address explains instead of a bare 404.
  await memberPage.goto(`/${slug}`);
  await expect(
    memberPage.getByRole("heading", { name: `You no longer have access to ${owner.organization}` }),
  ).toBeVisible();
  await expectNoGraveViolations(memberPage);
});

/** The owner's own confirmation of their password and a code, on the page the step-up link opens. */
async function confirmItsMe(page: Page, owner: Person, code: string) {
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Authentication code or recovery code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
}

test("granting, removing and inviting an Owner say what an owner can do, and need the owner to confirm it's them", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Founder");
  const admin = newPerson("Deputy");
  await signUp(page, owner);
  const { recoveryCodes } = await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await inviteMember(page, slug, admin, "Admin");
  await acceptInvitation(browser, admin, owner.organization);

  // Choosing Owner and applying opens a dialog that says what an owner can do, and asks for the step-up first.
  await page.goto(`/${slug}/members`);
  const adminRow = page.getByTestId("member-row").filter({ hasText: admin.email });
  await adminRow.getByLabel(`Role of ${admin.name}`).selectOption("OWNER");
  await adminRow.getByRole("button", { name: `Apply role for ${admin.name}` }).click();
  let dialog = page.getByRole("dialog", { name: `Make ${admin.name} an owner?` });
  await expect(dialog).toBeVisible();
  const powers = dialog.getByRole("list", { name: "What an owner can do" });
  for (const power of [
    "Manage billing",
    "Set the security policy",
    "Delete the organization",
    "Grant or remove the Owner role, and remove other owners",
  ]) {
    await expect(powers.getByRole("listitem").filter({ hasText: power })).toHaveCount(1);
  }
  await expect(dialog.getByText("That includes removing you.")).toBeVisible();
  // Not stepped up yet: the way to confirm it's you takes the focus, and there is nothing to apply.
  await expect(dialog.getByTestId("step-up-needed").getByRole("link", { name: "Confirm it's you" })).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Make owner" })).toHaveCount(0);
  // Escape closes it, and nothing changed.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(adminRow.getByRole("cell", { name: "admin", exact: true })).toBeVisible();

  await adminRow.getByRole("button", { name: `Apply role for ${admin.name}` }).click();
  await dialog.getByTestId("step-up-needed").getByRole("link", { name: "Confirm it's you" }).click();
  await confirmItsMe(page, owner, recoveryCodes[0]);
  await expect(page).toHaveURL(new RegExp(`/${slug}/members$`));

  // Back on Members within five minutes: the same choice now goes through, keyboard only.
  await adminRow.getByLabel(`Role of ${admin.name}`).selectOption("OWNER");
  await adminRow.getByRole("button", { name: `Apply role for ${admin.name}` }).focus();
  await page.keyboard.press("Enter");
  dialog = page.getByRole("dialog", { name: `Make ${admin.name} an owner?` });
  await expect(dialog.getByTestId("step-up-needed")).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Make owner" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(adminRow.getByRole("cell", { name: "owner", exact: true })).toBeVisible();

  // Taking the role away asks the same way.
  await adminRow.getByLabel(`Role of ${admin.name}`).selectOption("ADMIN");
  await adminRow.getByRole("button", { name: `Apply role for ${admin.name}` }).click();
  dialog = page.getByRole("dialog", { name: `Take the Owner role from ${admin.name}?` });
  await expect(dialog.getByText("They will no longer be able to:")).toBeVisible();
  await dialog.getByRole("button", { name: "Remove Owner role" }).click();
  await expect(adminRow.getByRole("cell", { name: "admin", exact: true })).toBeVisible();

  // Inviting an owner too.
  const coOwner = newPerson("Partner");
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email address").fill(coOwner.email);
  await form.getByLabel("Role").selectOption({ label: "Owner" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  dialog = page.getByRole("dialog", { name: `Invite ${coOwner.email} as an owner?` });
  await expect(
    dialog
      .getByRole("list", { name: "What an owner can do" })
      .getByRole("listitem")
      .filter({ hasText: "Manage billing" }),
  ).toHaveCount(1);
  await dialog.getByRole("button", { name: "Invite as owner" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation created for ${coOwner.email} as owner`);

  const trail = await page.request.get(
    `/api/orgs/${slug}/audit-entries?q=${encodeURIComponent("action:member.role_changed")}`,
  );
  const changes = ((await trail.json()) as { entries: { metadata: { from: string; to: string } }[] }).entries.map(
    (entry) => entry.metadata,
  );
  expect(changes).toEqual([
    { from: "OWNER", to: "ADMIN" },
    { from: "ADMIN", to: "OWNER" },
  ]);
});

test("one look at another organization's page is one attempt in its trail; the third raises the alert", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Target");
  await signUp(page, owner);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];

  const outsider = newPerson("Prober");
  const outsiderPage = await (await browser.newContext()).newPage();
  await signUp(outsiderPage, outsider);
  await expect(outsiderPage).toHaveURL(/\/account\/two-factor/);

  const entries = async (action: string) => {
    const response = await page.request.get(
      `/api/orgs/${slug}/audit-entries?q=${encodeURIComponent(`action:${action} actor:${outsider.email}`)}`,
    );
    expect(response.status()).toBe(200);
    return ((await response.json()) as { entries: { metadata: Record<string, unknown> }[] }).entries;
  };
  for (const [view, alerts] of [
    [1, 0],
    [2, 0],
    [3, 1],
  ] as const) {
    expect((await outsiderPage.goto(`/${slug}/members`))?.status()).toBe(404);
    const denied = await entries("access.denied");
    expect(denied).toHaveLength(view);
    expect(denied[0].metadata).toMatchObject({ crossTenant: true, reason: "not_a_member" });
    expect(await entries("security.alert")).toHaveLength(alerts);
  }
});
