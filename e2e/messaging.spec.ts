import { expect, test, type Page } from "@playwright/test";
import { expectNoGraveViolations } from "./accessibility";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signUp } from "./journeys";

const DNC_CSV = [
  "phone,reason,source",
  "+1 202 555 0143,asked on a call,call center",
  "not-a-number,typo,",
  "(305) 555-0144,,",
].join("\n");

async function openMessaging(page: Page, slug: string, section: string) {
  await page.goto(`/${slug}/messaging`);
  await page.getByRole("navigation", { name: "Messaging" }).getByRole("link", { name: section }).click();
  await page.waitForLoadState("networkidle");
}

async function tryNumber(page: Page, slug: string, phone: string) {
  await openMessaging(page, slug, "Try a number");
  const form = page.getByRole("form", { name: "Try a number" });
  await form.getByLabel("Phone number").fill(phone);
  await form.getByRole("button", { name: "Check" }).click();
  const decision = page.getByTestId("gate-decision");
  await expect(decision).toBeVisible();
  return decision;
}

test("an admin imports a DNC list, a listed number is blocked with its reason, the kill switch blocks everything, on the record", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const owner = newPerson("Sms");
  const admin = newPerson("Smsadmin");
  await signUp(page, owner);
  // Owners and admins need a second factor before anything else.
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  await inviteMember(page, slug, admin, "Admin");
  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await enrolTwoFactor(adminPage);

  // The admin finds Messaging in the organization's navigation and imports a list with a bad line.
  await adminPage.goto(`/${slug}`);
  await adminPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Messaging" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Messaging" })).toBeVisible();
  // Admins see the switch but cannot turn it: owners only.
  await expect(adminPage.getByTestId("kill-switch")).toContainText("Only an owner can turn it on or off.");
  await openMessaging(adminPage, slug, "Do Not Contact");
  await expect(adminPage.getByText("The Do Not Contact list is empty")).toBeVisible();
  await expectNoGraveViolations(adminPage);
  const upload = adminPage.getByRole("form", { name: "Import a CSV" });
  await upload
    .getByLabel("CSV file")
    .setInputFiles({ name: "dnc.csv", mimeType: "text/csv", buffer: Buffer.from(DNC_CSV) });
  await upload.getByRole("button", { name: "Import" }).click();
  const report = adminPage.getByTestId("dnc-import-report");
  await expect(report).toContainText("3 rows read, 2 added, 0 already on the list, 1 rejected");
  await expect(adminPage.getByTestId("dnc-import-errors")).toHaveText("Line 3: not a valid phone number");
  await expect(adminPage.getByTestId("dnc-row")).toHaveCount(2);
  await expect(adminPage.getByTestId("dnc-row").filter({ hasText: "+12025550143" })).toContainText("asked on a call");
  await adminPage.screenshot({ path: "test-results/messaging-dnc-import.png", fullPage: true });

  // A number on the list is blocked, and the screen says by which check and why.
  const blocked = await tryNumber(adminPage, slug, "+12025550143");
  await expect(blocked).toHaveAttribute("data-decision", "block");
  await expect(blocked.getByRole("status")).toContainText("on_dnc_list");
  await expect(blocked.getByTestId("check-kill_switch")).toContainText("Passed");
  await expect(blocked.getByTestId("check-dnc")).toContainText("Failed: on_dnc_list");
  await expect(blocked.getByTestId("check-lead")).toContainText("Not run");
  await expectNoGraveViolations(adminPage);
  await adminPage.screenshot({ path: "test-results/messaging-try-blocked.png", fullPage: true });

  // The owner turns the kill switch on, after a confirmation that says what it does.
  await page.goto(`/${slug}/messaging`);
  await expect(page.getByTestId("kill-switch")).toHaveAttribute("data-on", "false");
  await expect(page.getByTestId("today-block")).toContainText("1");
  await page.getByRole("button", { name: "Turn the kill switch on" }).click();
  const confirm = page.getByRole("dialog", { name: "Block every message?" });
  await expect(confirm).toContainText("Every message of this organization will be blocked at the gate");
  await confirm.getByLabel("Reason (kept in the audit trail)").fill("carrier complaint, pausing all sends");
  await expectNoGraveViolations(page);
  await confirm.getByRole("button", { name: "Turn on and block everything" }).click();
  await expect(page.getByTestId("kill-switch")).toHaveAttribute("data-on", "true");
  await expect(page.getByTestId("kill-switch")).toContainText("carrier complaint, pausing all sends");
  await page.screenshot({ path: "test-results/messaging-kill-switch-on.png", fullPage: true });

  // Everything is blocked now, a number that is on no list included.
  const stopped = await tryNumber(page, slug, "+13055550199");
  await expect(stopped).toHaveAttribute("data-decision", "block");
  await expect(stopped.getByTestId("check-kill_switch")).toContainText("Failed: org_kill_switch_on");

  // The change is on the record: the decision log links to the compliance entries of the audit trail.
  await openMessaging(page, slug, "Decision log");
  await expect(page.getByTestId("decision-row")).toHaveCount(2);
  await expectNoGraveViolations(page);
  await page.getByRole("link", { name: "The whole compliance record in the audit trail" }).click();
  await expect(page).toHaveURL(/\/audit\?q=category%3Acompliance/);
  await expect(page.getByRole("cell", { name: "kill_switch.changed" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "dnc.imported" })).toBeVisible();
  await page.screenshot({ path: "test-results/messaging-audit-record.png", fullPage: true });

  // The admin adds a contact, corrects it, then deletes it after a confirmation.
  await openMessaging(adminPage, slug, "Contacts");
  await expectNoGraveViolations(adminPage);
  const add = adminPage.getByRole("form", { name: "Add a contact" });
  await add.getByLabel("Phone number").fill("+1 305 555 0177");
  await add.getByLabel("Name (optional)").fill("Ana Lead");
  await add.getByLabel("State (optional)").fill("FL");
  await add.getByRole("button", { name: "Add contact" }).click();
  const contactRow = adminPage.getByTestId("contact-row").filter({ hasText: "+13055550177" });
  await expect(contactRow).toContainText("Ana Lead");
  await contactRow.getByRole("button", { name: "Consent history and changes of +13055550177" }).click();
  const edit = adminPage.getByRole("form", { name: "Edit the contact +13055550177" });
  await edit.getByLabel("Name").fill("Ana Lead-Ortiz");
  await edit.getByLabel("State").fill("CA");
  await edit.getByRole("button", { name: "Save contact" }).click();
  await expect(edit.getByRole("status")).toContainText("Saved +13055550177.");
  await expect(contactRow).toContainText("Ana Lead-Ortiz");
  await expect(contactRow).toContainText("CA");
  await expectNoGraveViolations(adminPage);
  await adminPage.getByTestId("contact-manage").getByRole("button", { name: "Delete contact" }).click();
  const deleting = adminPage.getByRole("dialog", { name: "Delete +13055550177?" });
  await expect(deleting).toContainText("its pending messages are cancelled");
  await expectNoGraveViolations(adminPage);
  await deleting.getByRole("button", { name: "Delete the contact" }).click();
  await expect(contactRow).toHaveCount(0);
  await expect(adminPage.getByText("No contacts yet")).toBeVisible();

  // A campaign, archived after a confirmation: the gate blocks its messages from then on.
  await openMessaging(adminPage, slug, "Campaigns and rules");
  const create = adminPage.getByRole("form", { name: "Create a campaign" });
  await create.getByLabel("Name").fill("Spring offers");
  await create.getByRole("button", { name: "Create campaign" }).click();
  const campaignRow = adminPage.getByTestId("campaign-row").filter({ hasText: "Spring offers" });
  await expect(campaignRow).toContainText("Live");
  await campaignRow.getByRole("button", { name: "Archive the campaign Spring offers" }).click();
  const archiving = adminPage.getByRole("dialog", { name: "Archive the campaign “Spring offers”?" });
  await expect(archiving).toContainText("the gate blocks every message of this campaign");
  await expectNoGraveViolations(adminPage);
  await archiving.getByRole("button", { name: "Archive the campaign" }).click();
  await expect(campaignRow).toContainText("Archived");
  await expect(campaignRow.getByRole("button", { name: /Archive/ })).toHaveCount(0);
  await expectNoGraveViolations(adminPage);
  await expect(adminPage.getByTestId("rule-row").first()).toBeVisible();

  // Each change is on the record.
  await page.goto(`/${slug}/audit?q=category%3Acompliance`);
  for (const action of ["contact.updated", "contact.deleted", "campaign.archived"]) {
    await expect(page.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  }
});
