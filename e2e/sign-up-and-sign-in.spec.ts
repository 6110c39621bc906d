import { expect, test, type Page } from "@playwright/test";

const unique = Date.now().toString(36);
const person = {
  name: "Grace Hopper",
  email: `grace-${unique}@example.test`,
  password: "compilers are friends 1952",
  organization: `Analytical Engines ${unique}`,
};

async function fillSignUp(page: Page, fields: Partial<typeof person>) {
  await page.goto("/signup");
  if (fields.name !== undefined) await page.getByLabel("Your name").fill(fields.name);
  if (fields.email !== undefined) await page.getByLabel("Work email").fill(fields.email);
  if (fields.password !== undefined) await page.getByLabel("Password").fill(fields.password);
  if (fields.organization !== undefined) await page.getByLabel("Organization name").fill(fields.organization);
  await page.getByRole("button", { name: "Create account" }).click();
}

function auditRows(page: Page) {
  return page.getByTestId("audit-entry");
}

test.describe.configure({ mode: "serial" });

test("sign-up shows field errors and writes nothing when the input is invalid", async ({ page }) => {
  await fillSignUp(page, { name: "Grace", email: "not-an-email", password: "short" });
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("a new user signs up, lands on the dashboard and sees the chain's first entries", async ({ page }) => {
  await fillSignUp(page, person);
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  const rows = auditRows(page);
  await expect(rows).toHaveCount(3);
  // Newest first: the sign-in that followed sign-up, the sign-up, the organization's creation.
  await expect(rows.nth(0)).toContainText("#3");
  await expect(rows.nth(0)).toContainText("user.signed_in");
  await expect(rows.nth(1)).toContainText("#2");
  await expect(rows.nth(1)).toContainText("user.signed_up");
  await expect(rows.nth(2)).toContainText("#1");
  await expect(rows.nth(2)).toContainText("org.created");
  await expect(page.getByText(person.password)).toHaveCount(0);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toHaveText(/Chain intact: 3 entries checked/);
});

test("the same email cannot sign up twice", async ({ page }) => {
  await fillSignUp(page, { ...person, organization: "Another" });
  await expect(page.getByText("An account with this email already exists.").first()).toBeVisible();
});

test("a user signs out, is refused a wrong password, and signs in again", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();

  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.organization })).toBeVisible();
  const actions = await auditRows(page).locator("td:nth-child(3)").allTextContents();
  // sign-up journey (3), verify (1), sign-in, sign-out, failed sign-in, sign-in: newest first.
  expect(actions.slice(0, 5)).toEqual(["user.signed_in", "user.sign_in_failed", "user.signed_out", "user.signed_in", "audit.chain_verified"]);
});
