import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, enrolTwoFactor, inviteMember, newPerson, signUp, totpCode, type Person } from "./journeys";

/** Confirms it's them on the page the step-up link opens: the password, and a code when they have a second factor. */
async function confirmItsMe(page: Page, person: Person, code?: string) {
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(person.password);
  if (code) await page.getByLabel("Authentication code or recovery code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
}

/** Reveals `name` from the secrets screen, confirming it's them first when asked; answers the value shown. */
async function reveal(page: Page, slug: string, name: string, person: Person, code?: string) {
  const row = page.getByTestId("secret-row").filter({ hasText: name });
  await row.getByRole("button", { name: "Reveal" }).click();
  let dialog = page.getByRole("dialog", { name: `Reveal ${name}` });
  await dialog.getByRole("button", { name: "Reveal value" }).click();
  await expect(dialog.getByTestId("step-up-needed")).toBeVisible();
  await dialog.getByRole("link", { name: "Confirm it's you" }).click();
  await confirmItsMe(page, person, code);
  await expect(page).toHaveURL(new RegExp(`/${slug}/secrets$`));
  await page.getByTestId("secret-row").filter({ hasText: name }).getByRole("button", { name: "Reveal" }).click();
  dialog = page.getByRole("dialog", { name: `Reveal ${name}` });
  await dialog.getByRole("button", { name: "Reveal value" }).click();
  await expect(dialog.getByTestId("reveal-countdown")).toContainText("Hidden again in");
  return dialog.getByTestId("revealed-secret-value").inputValue();
}

test("an owner creates, shares and reveals a secret; the member it is shared with reveals it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = newPerson("Vault");
  const member = newPerson("Vaultmember");
  const value = `e2e-secret-${randomUUID()}`;
  await signUp(page, owner);
  const { secret: totp } = await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await inviteMember(page, slug, member, "Member");
  const memberPage = await acceptInvitation(browser, member, owner.organization);
  await expect(memberPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  await page.goto(`/${slug}`);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Secrets" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Secrets" })).toBeVisible();
  await expect(page.getByTestId("secrets-empty")).toContainText("No secrets yet");
  await page.getByTestId("secrets-empty").getByRole("button", { name: "New secret" }).click();
  const form = page.getByRole("dialog", { name: "New secret" });
  await form.getByRole("button", { name: "Create secret" }).click();
  await expect(form.getByText("Give the secret a name.")).toBeVisible();
  await form.getByLabel("Name").fill("DEPLOY_TOKEN");
  await form.getByLabel("Description (optional)").fill("CI deploys");
  await form.getByLabel("Value").fill(value);
  await form.getByRole("button", { name: "Create secret" }).click();
  await expect(page.getByTestId("secrets-status")).toHaveText('Created "DEPLOY_TOKEN".');
  const row = page.getByTestId("secret-row").filter({ hasText: "DEPLOY_TOKEN" });
  await expect(row).toContainText("v1");
  await expect(row).toContainText("Owners only");
  await expect(row).toContainText("Never");
  // The value is not in the page until someone asks for it.
  expect(await page.content()).not.toContain(value);

  await row.getByRole("button", { name: "Share" }).click();
  const share = page.getByRole("dialog", { name: "Share DEPLOY_TOKEN" });
  await share.getByLabel("Share with").selectOption({ label: `${member.email} (member)` });
  await share.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByTestId("secrets-status")).toHaveText(`Shared "DEPLOY_TOKEN" with ${member.email}.`);
  await expect(share.getByRole("list", { name: "Shared with" })).toContainText(member.email);
  await share.getByRole("button", { name: "Done" }).click();
  await expect(row).toContainText(member.email);

  expect(await reveal(page, slug, "DEPLOY_TOKEN", owner, await totpCode(totp, 1))).toBe(value);
  await page.screenshot({ path: "test-results/secrets-revealed.png" });
  await page.getByRole("button", { name: "Hide now" }).click();
  await page.reload();
  await expect(page.getByTestId("secret-row").filter({ hasText: "DEPLOY_TOKEN" })).toContainText(owner.email);
  expect(await page.content()).not.toContain(value);
  await page.screenshot({ path: "test-results/secrets-list.png", fullPage: true });

  // A small file: uploaded, listed by name and type only, downloaded byte for byte (the step-up is still recent).
  const fileBytes = Buffer.concat([
    Buffer.from(`-----BEGIN KEY-----\ne2e-file-${randomUUID()}\n`),
    Buffer.from([0, 0xff, 0x80]),
  ]);
  await page.getByRole("button", { name: "New secret" }).click();
  const upload = page.getByRole("dialog", { name: "New secret" });
  await upload.getByLabel("Name").fill("TLS_KEY");
  await upload.getByLabel("A file").check();
  await upload
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "tls.key", mimeType: "application/x-pem-file", buffer: fileBytes });
  await upload.getByRole("button", { name: "Create secret" }).click();
  await expect(page.getByTestId("secrets-status")).toHaveText('Created "TLS_KEY".');
  const fileRow = page.getByTestId("secret-row").filter({ hasText: "TLS_KEY" });
  await expect(fileRow.getByTestId("secret-file")).toHaveText(
    `File: tls.key (application/x-pem-file, ${fileBytes.length} bytes)`,
  );
  expect(await page.content()).not.toContain(fileBytes.toString("base64"));
  await fileRow.getByRole("button", { name: "Reveal" }).click();
  const revealFile = page.getByRole("dialog", { name: "Reveal TLS_KEY" });
  await revealFile.getByRole("button", { name: "Reveal value" }).click();
  await expect(revealFile.getByTestId("revealed-secret-file")).toContainText("tls.key");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    revealFile.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("tls.key");
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of saved) chunks.push(Buffer.from(chunk));
  expect(Buffer.concat(chunks).equals(fileBytes)).toBe(true);
  await revealFile.getByRole("button", { name: "Hide now" }).click();

  // The member sees only what is shared with them, and reveals it after confirming it's them (password only).
  await memberPage.goto(`/${slug}/secrets`);
  await expect(memberPage.getByTestId("secret-row")).toHaveCount(1);
  await expect(memberPage.getByRole("button", { name: "Share" })).toHaveCount(0);
  expect(await reveal(memberPage, slug, "DEPLOY_TOKEN", member)).toBe(value);

  // Both reveals are in the owner's audit trail, in the credentials category, without the value.
  await page.goto(`/${slug}/audit?q=${encodeURIComponent("action:secret.revealed")}`);
  await expect(page.getByText(member.email).first()).toBeVisible();
  expect(await page.content()).not.toContain(value);
});
