import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, enrolTwoFactor, newPerson, signUp, totpCode, type Person } from "./journeys";

const CARD_NUMBER = "4242 4242 4242 4242";

/** A new owner with a second factor, on their organization's billing screen; answers the org slug and the authenticator's secret. */
async function ownerOnBillingScreen(page: Page, owner: Person): Promise<{ slug: string; secret: string }> {
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  const { secret } = await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  return { slug, secret };
}

test("an owner confirms it's them to add a test card, moves to Team with 5 seats, closes the period and opens the invoice", async ({
  page,
}) => {
  const owner = newPerson("Billing");
  const { slug, secret } = await ownerOnBillingScreen(page, owner);
  const currentPlan = page.getByTestId("current-plan");
  await expect(currentPlan).toContainText("Free");
  await expect(page.getByTestId("seats")).toHaveText("1 / 5");
  await expect(page.getByRole("heading", { name: "Invoice history" })).toBeVisible();
  await expect(page.getByText("No invoices yet.")).toBeVisible();

  // A paid plan without a payment method on file is refused, and the screen says what to do.
  const planForm = page.getByRole("form", { name: "Change plan or seats" });
  await planForm.getByRole("radio", { name: /^Team/ }).check();
  await planForm.getByLabel("Seats", { exact: true }).fill("5");
  await planForm.getByRole("button", { name: "Save plan and seats" }).click();
  const refusal = planForm.getByRole("alert").filter({ hasText: "Add a payment method first" });
  await expect(refusal).toContainText("Add a payment method before moving to the Team plan.");
  await expect(currentPlan).toContainText("Free");

  // A card number typed where a token belongs is refused by the server, wiped from the field, and never put in the URL.
  const tokenField = page.getByLabel("Payment-method token");
  await tokenField.fill(CARD_NUMBER);
  await page.getByRole("button", { name: "Add payment method" }).click();
  await expect(page.getByText(/That looks like a card number\. Verity never takes card numbers/)).toBeVisible();
  await expect(tokenField).toHaveValue("");
  expect(page.url()).not.toContain("4242");
  await expect(page.getByTestId("payment-method")).toHaveCount(0);

  // Changing payment details needs a fresh confirmation of the password and a code; the owner comes back here after it.
  await tokenField.fill("pm_card_visa");
  await page.getByRole("button", { name: "Add payment method" }).click();
  const stepUpNeeded = page.locator("#payment-method").getByTestId("step-up-needed");
  await expect(stepUpNeeded).toContainText("Confirm it's you first");
  await expect(page.getByTestId("payment-method")).toHaveCount(0);
  await stepUpNeeded.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(owner.password);
  // The enrolment used the current code; the next one is accepted and not a replay.
  await page.getByLabel("Authentication code or recovery code").fill(await totpCode(secret, 1));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/billing$`));
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await page.getByLabel("Payment-method token").fill("pm_card_visa");
  await page.getByRole("button", { name: "Add payment method" }).click();
  await expect(page.getByTestId("payment-method")).toHaveText("visa •••• 4242");
  await expect(page.locator("#payment-method")).toContainText(/Expires 12\/\d{4}/);

  // Now Team with 5 seats goes through.
  await planForm.getByRole("radio", { name: /^Team/ }).check();
  await planForm.getByLabel("Seats", { exact: true }).fill("5");
  await expect(planForm).toContainText("$75.00 per month");
  await planForm.getByRole("button", { name: "Save plan and seats" }).click();
  await expect(planForm.getByRole("status")).toHaveText("You are on the Team plan with 5 seats.");
  await expect(currentPlan).toContainText("Team");
  await expect(currentPlan).toContainText("$15.00 per seat per month");
  await expect(page.getByTestId("seats")).toHaveText("1 / 5");
  await expect(page.locator("#upcoming-invoice")).toContainText("Team plan, 5 seats");
  await expect(page.getByRole("img", { name: /Usage per day this billing period/ })).toBeVisible();
  await page.screenshot({ path: "test-results/billing-screen.png", fullPage: true });

  // The test-mode close issues invoice 1 for the period just ended, and the provider charges the visa.
  await page.getByRole("button", { name: "Close period now (test mode)" }).click();
  await expect(page.getByText("Period closed: invoice 1 issued.")).toBeVisible();
  const row = page.getByTestId("invoice-row").filter({ hasText: "Invoice 1" });
  await expect(row).toContainText("Paid");
  const listedTotal = (await row.locator("td").nth(3).textContent())!.trim();
  expect(listedTotal).toMatch(/^\$\d+\.\d{2}$/);

  await row.getByRole("link", { name: "Invoice 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/billing/invoices/1$`));
  await expect(page.getByRole("heading", { level: 1, name: "Invoice 1" })).toBeVisible();
  await expect(page.getByText(`Billed to ${owner.organization}`)).toBeVisible();
  const lines = page.getByTestId("invoice-line");
  await expect(lines.filter({ hasText: "Free plan, 5 seats" })).toHaveCount(1);
  await expect(lines.filter({ hasText: "Team plan, 5 seats" })).toHaveCount(1);
  await expect(lines.filter({ hasText: /^Ingested events: / })).toHaveCount(1);
  await expect(page.getByTestId("invoice-total")).toHaveText(listedTotal);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await page.screenshot({ path: "test-results/billing-invoice.png", fullPage: true });
  // On paper, the invoice stands alone: no panel navigation, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Organization" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByTestId("invoice-total")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Cancelling is confirmed and keeps Team to the end of the new period; then the card may be removed.
  await page.getByRole("link", { name: "← Billing" }).click();
  await page.getByRole("button", { name: "Cancel subscription" }).click();
  const confirmCancel = page.getByRole("dialog", { name: "Cancel the Team plan?" });
  await expect(confirmCancel).toContainText("The Team plan stays until the end of the current period");
  await confirmCancel.getByRole("button", { name: "Cancel at period end" }).click();
  await expect(currentPlan).toContainText("Cancels at the end of the period: Team stays until");
  await page.locator("#payment-method").getByRole("button", { name: "Remove" }).click();
  await page
    .getByRole("dialog", { name: "Remove the payment method?" })
    .getByRole("button", { name: "Remove payment method" })
    .click();
  await expect(page.getByText("No payment method on file.")).toBeVisible();

  // An invoice number that does not exist is a 404.
  const missing = await page.goto(`/${slug}/billing/invoices/99`);
  expect(missing?.status()).toBe(404);
});

test("billing is the owner's alone: an admin sees no Billing link and gets a 404 for its pages", async ({
  page,
  browser,
}) => {
  const owner = newPerson("Payer");
  const admin = newPerson("Admin");
  const { slug } = await ownerOnBillingScreen(page, owner);

  await page.goto(`/${slug}/members`);
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email address").fill(admin.email);
  await form.getByLabel("Role").selectOption({ label: "Admin" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`Invitation created for ${admin.email}`);

  const adminPage = await acceptInvitation(browser, admin, owner.organization);
  await expect(adminPage).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(adminPage);
  await expect(adminPage.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  await expect(
    adminPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Members" }),
  ).toBeVisible();
  await expect(
    adminPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Billing" }),
  ).toHaveCount(0);
  for (const path of ["billing", "billing/invoices/1"]) {
    const response = await adminPage.goto(`/${slug}/${path}`);
    expect(response?.status()).toBe(404);
  }
});
