import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { enrolTwoFactor, newPerson, signUp, totpCode } from "./journeys";

/**
 * Two `verity start` instances on one PostgreSQL database, each with its own data folder, as two machines behind
 * a load balancer: with the same keys, a session made on one works on the other, a TOTP seed sealed by one opens
 * on the other, and both workers deliver webhooks signed with a secret the other sealed. With another key, a third
 * instance refuses to start. PostgreSQL only: PGlite serves one process per data folder.
 */
const databaseUrl = process.env.DATABASE_URL ?? "";
test.skip(!databaseUrl.startsWith("postgres"), "two instances share a PostgreSQL server; PGlite cannot");
test.describe.configure({ mode: "serial" });

const basePort = Number(process.env.E2E_PORT ?? 3100) + 1;
const keys = {
  VERITY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
};

type Instance = {
  url: string;
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  folder: string;
};

let database = { url: "", drop: async () => {} };
const started: Instance[] = [];

function startInstance(port: number, env: Record<string, string> = {}): Instance {
  const folder = mkdtempSync(join(tmpdir(), "verity-twin-"));
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["lib/cli/verity.mjs", "start", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      VERITY_DATA_DIR: folder,
      NEXTAUTH_URL: url,
      VERITY_KEY_ENCRYPTION_KEYS: "",
      VERITY_LOCAL_OUTBOX: "1",
      VERITY_ALLOW_LOOPBACK_WEBHOOKS: "1",
      VERITY_SIGN_IN_IP_LIMIT: "500",
      VERITY_SIGN_UP_IP_LIMIT: "500",
      ...keys,
      ...env,
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const instance = { url, child, output: () => output, exit, folder };
  started.push(instance);
  return instance;
}

async function ready(instance: Instance) {
  let exited = false;
  void instance.exit.then(() => (exited = true));
  await expect
    .poll(
      async () => {
        if (exited) throw new Error(`the instance exited:\n${instance.output()}`);
        return fetch(`${instance.url}/api/health`).then(
          (answer) => answer.ok,
          () => false,
        );
      },
      { timeout: 240_000, intervals: [1_000] },
    )
    .toBe(true);
}

async function stop(instance: Instance) {
  instance.child.kill("SIGTERM");
  await instance.exit;
}

/** A customer's receiver on 127.0.0.1 verifying every delivery with the endpoint's secret. */
async function startReceiver() {
  const receiver = { secret: "", verified: [] as string[], refused: [] as string[], url: "", close: async () => {} };
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      try {
        const event = new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>) as {
          type: string;
        };
        receiver.verified.push(event.type);
      } catch (error) {
        receiver.refused.push((error as Error).message);
      }
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done())));
  return receiver;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const name = `verity_twins_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  database = {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
});

test.afterAll(async () => {
  for (const instance of started) {
    if (instance.child.exitCode === null) await stop(instance);
    rmSync(instance.folder, { recursive: true, force: true });
  }
  await database.drop();
});

async function renameOrg(page: Page, base: string, slug: string, name: string) {
  await page.goto(`${base}/${slug}/settings`);
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("org-name")).toHaveText(name);
}

test("sign in on one instance, act on the other; both workers deliver; another key is refused at start", async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const first = startInstance(basePort);
  await ready(first);
  const second = startInstance(basePort + 1);
  await ready(second);

  // Signed up, enrolled and signed in on the first instance.
  const context = await browser.newContext({ baseURL: first.url });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: second.url });
  const page = await context.newPage();
  const owner = newPerson("Twin");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  const { secret: seed } = await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1]!;

  // The same session on the second instance (cookies are per host, not per port): no sign-in asked.
  await page.goto(`${second.url}/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // A new sign-in on the second instance checks the code against the seed the first one sealed.
  await context.clearCookies();
  await page.goto(`${second.url}/signin`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(await totpCode(seed, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();

  // A webhook endpoint made on the second instance: its signing secret sealed there.
  const receiver = await startReceiver();
  try {
    await page.goto(`${second.url}/${slug}/webhooks`);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const form = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await form.getByLabel("Endpoint URL").fill(receiver.url);
    await form.getByRole("radio", { name: "Only some events" }).check();
    await form.getByRole("checkbox", { name: /org_settings/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const reveal = page.getByRole("dialog", { name: "Your endpoint's signing secret" });
    await reveal.getByRole("button", { name: "Copy" }).click();
    receiver.secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(receiver.secret).toMatch(/^whsec_/);
    await reveal.getByRole("button", { name: "Done" }).click();

    // Only the first instance's worker is left: it opens the secret the second sealed and delivers.
    await stop(second);
    await renameOrg(page, first.url, slug, `${owner.organization} one`);
    await expect.poll(() => receiver.verified.length, { timeout: 60_000 }).toBe(1);

    // Then only the second's (restarted on its own data folder): it delivers too.
    const secondAgain = startInstance(basePort + 1, { VERITY_DATA_DIR: second.folder });
    await ready(secondAgain);
    await stop(first);
    await renameOrg(page, secondAgain.url, slug, `${owner.organization} two`);
    await expect.poll(() => receiver.verified.length, { timeout: 60_000 }).toBe(2);
    expect(receiver.verified).toEqual(["org.updated", "org.updated"]);
    expect(receiver.refused).toEqual([]);
  } finally {
    await receiver.close();
    await context.close();
  }

  // A third instance with a key of its own is refused before it serves anything, told what to set, shown no key.
  const stranger = startInstance(basePort + 2, { VERITY_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
  expect(await stranger.exit).not.toBe(0);
  expect(stranger.output()).toMatch(/VERITY_ENCRYPTION_KEY of this instance \(VERITY_ENCRYPTION_KEY\) does not match/);
  expect(stranger.output()).toContain("Set VERITY_ENCRYPTION_KEY on this instance to that instance's value");
  expect(stranger.output()).not.toContain(keys.VERITY_ENCRYPTION_KEY);
  expect(stranger.output()).not.toContain(keys.NEXTAUTH_SECRET);
});
