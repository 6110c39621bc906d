/**
 * What API key verification adds to a request: GET /api/v1/me through its real route handler (key
 * format and checksum, the lookup of key, org, creator and role, the IP ranges, the rate-limit count
 * with "last used", scopes ∩ role) against the very same handler body without authentication, in the
 * same run, alternating rounds so that drift affects both alike. The keyed request includes the key's request log
 * (one INSERT after the answer, lib/api-keys/record-key-request.ts); `requestLogAloneMs` times that INSERT alone.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/api-key-auth.ts
 *
 * Prints one JSON object on stdout (latencies in milliseconds), progress on stderr.
 */
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { recordKeyRequest } from "@/lib/api-keys/record-key-request";
import { effectivePermissions } from "@/lib/rbac/effective-permissions";
import { connectDb, type Db } from "@/lib/db/client";
import { requestContextFrom } from "@/lib/http/request-context";
import { describeKey } from "@/lib/rest/describe-key";
import { ZMe } from "@/lib/rest/operations";
import { withBenchDatabase } from "./bench-database";
import { benchOrgWithKey } from "./bench-org";
import { benchLog, machine, percentiles, round, timeEach } from "./measure";

const WARMUP = 300;
const ROUNDS = 6;
const REQUESTS_PER_ROUND = 500;
const TARGET_ADDED_MEDIAN_MS = 1;

type Sample = number[];
const stats = (samples: Sample) => {
  const { p50, p99 } = percentiles(samples, [50, 99]);
  return { median: p50, p99, count: samples.length };
};

async function main(): Promise<number> {
  const report = await withBenchDatabase(async (url) => {
    const db = connectDb(url);
    (globalThis as { verityDb?: Db }).verityDb = db; // the route handler's getDb()
    try {
      const { key } = await benchOrgWithKey(db, { name: "Bench", scopes: ["org.read", "audit.read"] });
      const { GET } = await import("@/app/api/v1/me/route");
      const request = () =>
        new Request("http://localhost/api/v1/me", {
          headers: { authorization: `Bearer ${key}`, "x-verity-peer-ip": "127.0.0.1", "user-agent": "bench" },
        });
      const noParams = { params: Promise.resolve({}) };
      // The baseline: the same request, handler body and response, with an access resolved once, up
      // front. Both sides build their Request inside the timing, so only the key check differs.
      const facts = await authenticateApiKey(db, {
        authorization: `Bearer ${key}`,
        method: "GET",
        path: "/api/v1/me",
        request: { ip: "127.0.0.1", userAgent: "bench", geo: null, requestId: null },
      });
      const keyOrg = { principal: facts.principal, org: facts.org, role: facts.role };
      const permissions = effectivePermissions(facts.role, facts.scopes);
      const access = {
        ctx: { ...keyOrg, permissions },
        rateLimit: facts.rateLimit,
        scopes: facts.scopes,
        key: facts.key,
      };
      const unauthenticated = async (incoming: Request) => {
        const context = requestContextFrom(incoming.headers);
        new URL(incoming.url);
        const body = describeKey({ ...access, ctx: { ...access.ctx, request: context } });
        return Response.json(ZMe.parse(body), {
          headers: context.requestId ? { "x-request-id": context.requestId } : {},
        });
      };
      const authenticateOnly = () =>
        authenticateApiKey(db, {
          authorization: `Bearer ${key}`,
          method: "GET",
          path: "/api/v1/me",
          request: { ip: "127.0.0.1", userAgent: "bench", geo: null, requestId: null },
        });

      const logOnly = () =>
        recordKeyRequest(db, {
          orgId: facts.org.id,
          keyId: facts.principal.keyId,
          method: "GET",
          path: "/api/v1/me",
          status: 200,
          ip: "127.0.0.1",
        });

      const time = async (run: () => Promise<unknown>, samples: Sample, count: number) => {
        const durations = await timeEach(count, async () => {
          const response = await run();
          if (response instanceof Response) {
            if (response.status !== 200)
              throw new Error(`unexpected status ${response.status}: ${await response.text()}`);
            await response.arrayBuffer();
          }
        });
        samples.push(...durations);
      };
      // The rate limit is real: start every round in a fresh window.
      const resetRateLimit = () => db.$executeRawUnsafe(`DELETE FROM rate_limit_buckets`);

      benchLog(`warming up (${WARMUP} requests each)`);
      await time(() => GET(request(), noParams), [], WARMUP);
      await time(() => unauthenticated(request()), [], WARMUP);
      const withKey: Sample = [];
      const baseline: Sample = [];
      const verification: Sample = [];
      const requestLog: Sample = [];
      for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
        benchLog(`round ${roundIndex + 1}/${ROUNDS}`);
        await resetRateLimit();
        await time(() => GET(request(), noParams), withKey, REQUESTS_PER_ROUND);
        await time(() => unauthenticated(request()), baseline, REQUESTS_PER_ROUND);
        await resetRateLimit();
        await time(authenticateOnly, verification, REQUESTS_PER_ROUND);
        await time(logOnly, requestLog, REQUESTS_PER_ROUND);
      }
      const keyed = stats(withKey);
      const plain = stats(baseline);
      const addedMedian = round(keyed.median - plain.median);
      return {
        machine: machine(),
        config: { warmup: WARMUP, rounds: ROUNDS, requestsPerRound: REQUESTS_PER_ROUND, sequential: true },
        withApiKeyMs: keyed,
        withoutAuthenticationMs: plain,
        keyVerificationAloneMs: stats(verification),
        requestLogAloneMs: stats(requestLog),
        addedMs: { median: addedMedian, p99: round(keyed.p99 - plain.p99) },
        target: { addedMedianMsAtMost: TARGET_ADDED_MEDIAN_MS },
        meetsTarget: addedMedian <= TARGET_ADDED_MEDIAN_MS,
      };
    } finally {
      await db.$disconnect();
    }
  });
  if (!report) return 2;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    benchLog(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
