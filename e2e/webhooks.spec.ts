import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

type Event = { type: string; data: { id?: string; action?: string } };
type Delivery = { webhookId: string; event: Event };

/**
 * A customer's receiver on 127.0.0.1: it answers 202 with a short body, and keeps the requests that
 * verify with the endpoint's secret (set once the screen has revealed it) through the official
 * Standard Webhooks library. A request that does not verify is kept apart, and fails the test.
 */
async function startReceiver() {
  const receiver = {
    secret: null as string | null,
    verified: [] as Delivery[],
    refused: [] as string[],
    url: "",
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        if (!receiver.secret) throw new Error("no secret configured yet");
        const event = new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>) as Event;
        receiver.verified.push({ webhookId: String(request.headers["webhook-id"]), event });
        response.writeHead(202, { "content-type": "text/plain" }).end("accepted by the e2e receiver");
      } catch (error) {
        receiver.refused.push(`${(error as Error).message}: ${body.slice(0, 200)}`);
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/verity`;
  receiver.close = () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done())));
  return receiver;
}

async function ownerOnWebhooksScreen(page: Page) {
  const owner = newPerson("Hooks");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  const { recoveryCodes } = await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  return { owner, recoveryCodes };
}

test("an owner points a webhook at their receiver, gets a verified delivery of an audited change, sees it logged, replays it", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const receiver = await startReceiver();
  try {
    const { owner, recoveryCodes } = await ownerOnWebhooksScreen(page);
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const form = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    const url = form.getByLabel("Endpoint URL");

    // The SSRF guard answers on the field: a private address is refused when the endpoint is saved.
    await url.fill("https://10.1.2.3/hooks");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Webhooks cannot be sent to 10.1.2.3: it is a private network address.")).toBeVisible();

    // Unknown event types are caught as they are typed.
    await form.getByRole("radio", { name: "Only some events" }).check();
    const actions = form.getByLabel("Actions");
    await actions.fill("member.bogus");
    await expect(actions).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText(/"member\.bogus" is not an event type Verity records/)).toBeVisible();
    await actions.fill("");
    await form.getByRole("checkbox", { name: /org_settings/ }).check();

    await url.fill(receiver.url);
    await form.getByLabel(/Description/).fill("E2E receiver");
    await form.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, shown once: copied from the reveal, as a developer would.
    const reveal = page.getByRole("dialog", { name: "Your endpoint's signing secret" });
    await expect(reveal.getByText("It is shown this once")).toBeVisible();
    await reveal.getByRole("button", { name: "Copy" }).click();
    await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(page.url()).not.toContain(secret);
    receiver.secret = secret;
    await reveal.getByRole("button", { name: "Done" }).click();

    const row = page.getByTestId("webhook-endpoint-row").filter({ hasText: receiver.url });
    await expect(row).toContainText("E2E receiver");
    await expect(row).toContainText("Category: org_settings");
    await expect(row).toContainText("enabled");
    await expect(row).toContainText("1 live");
    await expect(page.getByRole("table", { name: "Webhook endpoints" })).not.toContainText(secret);
    await page.screenshot({ path: "test-results/webhooks-list.png", fullPage: true });

    // An audited change in the organization: renaming it.
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Organization name").fill(`Renamed ${owner.organization}`);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("org-name")).toHaveText(`Renamed ${owner.organization}`);

    // The worker inside the server delivers it, signed: the receiver verifies it with the copied secret.
    await expect.poll(() => receiver.verified.length, { timeout: 30_000 }).toBe(1);
    const [first] = receiver.verified;
    expect(first.event).toMatchObject({ type: "org.updated", data: { action: "org.updated" } });
    expect(first.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);

    // The delivery log shows it delivered, with the receiver's status code and answer.
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Webhooks" }).click();
    await row.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { level: 1, name: "E2E receiver" })).toBeVisible();
    const deliveries = page.getByTestId("delivery-row");
    await expect(deliveries).toHaveCount(1);
    const delivered = deliveries.first();
    await expect(delivered).toContainText("org.updated");
    await expect(delivered.getByTestId("delivery-status")).toHaveText("delivered");
    await expect(delivered.getByTestId("delivery-last-status")).toHaveText("202");
    await delivered.getByRole("button", { name: /^Show attempts of org\.updated/ }).click();
    const attempt = page.getByTestId("delivery-attempt");
    await expect(attempt).toHaveCount(1);
    await expect(attempt).toContainText("202");
    await expect(attempt).toContainText("accepted by the e2e receiver");
    await expect(page.getByText(first.webhookId).first()).toBeVisible();
    // The exchange of that attempt: the request sent (headers with the signature, the body) and the answer.
    const exchange = page.getByTestId("attempt-exchange");
    await exchange.getByText("Attempt 1: request and response").click();
    const sentHeaders = exchange.getByRole("definition").filter({ hasText: /^v1,/ });
    await expect(sentHeaders).toHaveCount(1);
    await expect(exchange.getByLabel("Request headers")).toContainText(`webhook-id:${first.webhookId}`);
    await expect(exchange.getByLabel("Request body")).toContainText('"type": "org.updated"');
    await expect(exchange.getByLabel("Response headers")).toContainText("content-type:text/plain");
    await expect(exchange.getByLabel("Response body (first 1 KB)")).toHaveText("accepted by the e2e receiver");
    await expectNoGraveViolations(page);

    // Replay: a new delivery of the same audit entry, with its own webhook-id, arrives and shows up delivered.
    await delivered.getByRole("button", { name: /^Replay org\.updated/ }).click();
    await expect(
      page.getByText(/Replay of org\.updated queued as a new delivery \(msg_[0-9a-f]{32}\)\./),
    ).toBeVisible();
    await expect.poll(() => receiver.verified.length, { timeout: 30_000 }).toBe(2);
    const second = receiver.verified[1];
    expect(second.event).toEqual(first.event);
    expect(second.webhookId).not.toBe(first.webhookId);
    await expect(deliveries).toHaveCount(2);
    const replayed = deliveries.filter({ has: page.getByTestId("replay-badge") });
    await expect(replayed.getByTestId("delivery-status")).toHaveText("delivered", { timeout: 20_000 });
    await expect(replayed.getByTestId("delivery-last-status")).toHaveText("202");

    // A test event goes to this endpoint alone, whatever its filter.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect
      .poll(() => receiver.verified.map(({ event }) => event.type), { timeout: 30_000 })
      .toContain("webhook.test");
    await expect(deliveries.filter({ hasText: "webhook.test" }).getByTestId("delivery-status")).toHaveText(
      "delivered",
      { timeout: 20_000 },
    );

    // The success rate counts every attempt of the last 30 days: all three answered 2xx.
    await page.reload();
    await expect(page.getByTestId("success-rate")).toHaveText("100%");
    await expect(page.getByRole("img", { name: "Delivery success rate per day" })).toBeVisible();

    // A test of any event type: its catalog sample, marked as a test, signed like the rest.
    await page.getByLabel("Test event type").selectOption("member.invited");
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText(/Test member\.invited event queued/)).toBeVisible();
    await expect
      .poll(() => receiver.verified.map(({ event }) => event.type), { timeout: 30_000 })
      .toContain("member.invited");
    const sample = receiver.verified.find(({ event }) => event.type === "member.invited")!.event as unknown as {
      test?: boolean;
      data: { metadata: Record<string, unknown> };
    };
    expect(sample.test).toBe(true);
    expect(Object.keys(sample.data.metadata)).toEqual(expect.arrayContaining(["email", "role"]));

    // The event catalog: every type with its description, fields and a sample payload.
    await page.goto(`/${new URL(page.url()).pathname.split("/")[1]}/webhooks/events`);
    await expect(page.getByRole("heading", { level: 1, name: "Event types" })).toBeVisible();
    const renamed = page
      .getByTestId("event-type")
      .filter({ has: page.getByRole("heading", { name: "api_key.renamed" }) });
    await expect(renamed).toContainText("An API key's name changed.");
    await expect(renamed.getByRole("table", { name: "Metadata of api_key.renamed" })).toContainText("from");
    await renamed.getByText("Sample payload").click();
    await expect(renamed.getByLabel("Sample payload of api_key.renamed")).toContainText('"action": "api_key.renamed"');
    await expectNoGraveViolations(page);
    await page.screenshot({ path: "test-results/webhooks-event-types.png", fullPage: false });
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1, name: "E2E receiver" })).toBeVisible();

    // Revealing the current secret needs a fresh confirmation of the password and a code.
    await page.getByRole("button", { name: "Reveal current secret" }).click();
    await expect(page.getByText("Confirm it's you: re-enter your password")).toBeVisible();
    await page.getByTestId("step-up-needed").getByRole("link", { name: "Confirm it's you" }).click();
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await page.getByLabel("Password").fill(owner.password);
    await page.getByLabel("Authentication code or recovery code").fill(recoveryCodes[0]);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "E2E receiver" })).toBeVisible();
    await page.getByRole("button", { name: "Reveal current secret" }).click();
    await expect(page.getByRole("dialog", { name: "Current signing secret" }).getByLabel("Signing secret")).toHaveValue(
      secret,
    );
    await page.getByRole("dialog", { name: "Current signing secret" }).getByRole("button", { name: "Done" }).click();

    await page.screenshot({ path: "test-results/webhooks-endpoint.png", fullPage: true });
    expect(receiver.refused).toEqual([]);
  } finally {
    await receiver.close();
  }
});
