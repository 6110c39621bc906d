import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import { createTestKey } from "@/lib/testing/api";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { panelFetch } from "@/lib/testing/panel-fetch";

const VERITY = path.resolve(__dirname, "../cli/verity.mjs");
const NO_DATA = path.join(tmpdir(), `verity-monitor-no-db-${process.pid}`);
let server: http.Server;
let url: string;

/** The panel's API over real HTTP on 127.0.0.1 (the route handlers in this process), for the CLI to call. */
beforeAll(async () => {
  const fetch = panelFetch();
  server = http.createServer(async (request, response) => {
    const headers = { authorization: String(request.headers.authorization ?? "") };
    const answer = await fetch(`http://127.0.0.1${request.url}`, { headers });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function verity(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // No DATABASE_URL and an empty data folder: the monitor must not need a database.
  const env = { ...process.env, DATABASE_URL: "", VERITY_DATA_DIR: NO_DATA };
  return new Promise((done) => {
    execFile(process.execPath, [VERITY, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npx verity monitor", () => {
  it("checks a panel over HTTP with no database, exit 0 and one line, and saves its state", async () => {
    const db = testDb();
    const owner = await createOwner();
    const { key } = await createTestKey(db, owner, owner.org, { name: "cron", scopes: ["audit.read"], readOnly: true });
    await appendMany(db, owner.org.id, 30);
    await checkpointNow(db, owner.org.id);
    // The key this process signed with (not the newest row of a table other test files of the run write to too).
    const vkey = (await currentLogSigner(db)).verifierKey;
    const state = path.join(await mkdtemp(path.join(tmpdir(), "verity-monitor-")), "state.json");
    const run = await verity(["monitor", "--url", url, "--api-key", key, "--log-key", vkey, "--state", state]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^ok: \\S+/orgs/${owner.org.id} at size \\d+, first run, .*\\n$`));
    expect(run.code).toBe(0);
    expect(existsSync(NO_DATA)).toBe(false); // no embedded database was opened, no secret generated
    expect(JSON.parse(await readFile(state, "utf8")).origin).toMatch(new RegExp(`/orgs/${owner.org.id}$`));

    const wrongKey = await verity([
      "monitor",
      "--url",
      url,
      "--api-key",
      "vk_test_nope",
      "--log-key",
      vkey,
      "--state",
      state,
    ]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/^FAILED \(could not check\): GET \/audit-log\/checkpoint answered 401/);
  }, 240_000);
});
