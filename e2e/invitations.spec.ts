import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

/** The invitation link from the outbox, opened in the invitee's own browser. */
async function openInvitation(browser: Browser, email: string): Promise<{ page: Page; link: string }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/outbox");
  const link = page.getByTestId("outbox-message").filter({ hasText: email }).first().getByRole("link");
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await link.click();
  return { page, link: new URL(href).pathname };
}

test("an owner invites a newcomer, who creates an account from the link and joins; a revoked link stops working", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Inviter");
  const newcomer = newPerson("Newcomer");
  const withdrawn = newPerson("Withdrawn");

  await signUp(page, owner);
  // Owners use the panel only with a second factor: enrolment comes first.
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];

  await page.goto(`/${slug}/members`);
  const form = page.getByRole("form", { name: "Invite a member" });
  for (const [person, role] of [
    [newcomer, "Member"],
    [withdrawn, "Auditor"],
  ] as const) {
    await form.getByLabel("Email address").fill(person.email);
    await form.getByLabel("Role").selectOption({ label: role });
    await form.getByRole("button", { name: "Send invitation" }).click();
    // No SMTP_URL here: the panel never claims the mail went out.
    await expect(form.getByRole("status")).toHaveText(
      `Invitation created for ${person.email} as ${role.toLowerCase()}. Mail is not configured, so nothing was ` +
        "sent: copy its link from the pending invitations below and hand it over yourself.",
    );
  }
  await expect(page.getByText(/Invitation sent/)).toHaveCount(0);
  // Owners are told once, on every page, that mail reaches nobody and where it waits.
  await expect(page.getByTestId("mail-not-configured")).toContainText("npx verity outbox");
  await expectNoGraveViolations(page);
  // A second invitation to the same address is refused: resend the pending one instead.
  await form.getByLabel("Email address").fill(newcomer.email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("alert").first()).toContainText("already has a pending invitation");

  const pending = page.getByTestId("pending-invitation");
  await expect(pending).toHaveCount(2);
  const row = pending.filter({ hasText: withdrawn.email });
  await row.getByRole("button", { name: `Revoke the invitation to ${withdrawn.email}` }).click();
  // Nothing happens until the explicit confirmation.
  await expect(pending).toHaveCount(2);
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(pending).toHaveCount(1);

  // The inviter copies a link to hand over: a new one, shown once, which ends the link waiting in the outbox.
  const mailedLink = await openInvitation(browser, newcomer.email);
  await pending
    .filter({ hasText: newcomer.email })
    .getByRole("button", { name: `Copy invitation link for ${newcomer.email}` })
    .click();
  const copiedLink = page.getByTestId("invitation-link");
  await expect(copiedLink).toHaveValue(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expectNoGraveViolations(page);
  const link = new URL(await copiedLink.inputValue()).pathname;
  await page.getByRole("button", { name: "Done" }).click();
  await mailedLink.page.reload();
  await expect(mailedLink.page.getByText("This invitation link is invalid")).toBeVisible();

  const invitee = { page: mailedLink.page, link };
  await invitee.page.goto(link);
  await expect(invitee.page.getByTestId("invitation-summary")).toHaveText(
    `You are invited to ${owner.organization} as member.`,
  );
  await expect(invitee.page.getByLabel("Email", { exact: true })).toHaveValue(newcomer.email);
  await invitee.page.getByLabel("Your name").fill(newcomer.name);
  await invitee.page.getByLabel("Password").fill(newcomer.password);
  await invitee.page.getByRole("button", { name: `Create account and join ${owner.organization}` }).click();
  await expect(invitee.page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  await expect(invitee.page.getByRole("banner")).toContainText("member");

  // The link is spent.
  await invitee.page.goto(invitee.link);
  await expect(invitee.page.getByText("This invitation has already been used.")).toBeVisible();

  const revoked = await openInvitation(browser, withdrawn.email);
  await expect(revoked.page.getByText("This invitation was withdrawn.")).toBeVisible();

  // The owner's list no longer shows the accepted invitation.
  await page.reload();
  await expect(pending).toHaveCount(0);
});
