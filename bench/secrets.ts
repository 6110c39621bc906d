/**
 * What reading a secret adds to an API request, and how fast a key rotation re-wraps data keys:
 * - GET /api/v1/secrets/{name} (key check, lookup, unwrap from the cache, AES-GCM open, the secret.accessed audit
 *   append) against GET /api/v1/me with the same key, through their real route handlers, alternating rounds in
 *   the same run; target: at most 2 ms more at the median.
 * - rewrapDataKeys over 10,000 data keys under a new key-encryption key; target: at least 5,000 a second.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/secrets.ts
 *
 * Prints one JSON object on stdout (latencies in milliseconds), progress on stderr.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { keyProvider, resetKeyProvider } from "@/lib/crypto/key-provider";
import { dataKeyContext } from "@/lib/crypto/org-data-keys";
import { rewrapDataKeys } from "@/lib/crypto/rewrap-data-keys";
import { connectDb, type Db } from "@/lib/db/client";
import { createSecret } from "@/lib/secrets/create-secret";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { benchLog, machine, percentiles, round, timeEach, timed } from "./measure";

const WARMUP = 200;
const ROUNDS = 5;
const REQUESTS_PER_ROUND = 300;
const DATA_KEYS = 10_000;
const TARGET_ADDED_MEDIAN_MS = 2;
const TARGET_REWRAPS_PER_SECOND = 5_000;

const stats = (samples: number[]) => {
  const { p50, p99 } = percentiles(samples, [50, 99]);
  return { median: p50, p99, count: samples.length };
};

async function readBench(db: Db) {
  const { ctx } = await benchOwner(db, "Secrets");
  const value = randomBytes(32).toString("hex");
  await db.$transaction((tx) => createSecret(tx, ctx, { name: "BENCH_TOKEN", value }));
  const { key } = await db.$transaction((tx) =>
    createApiKey(tx, ctx, {
      name: "secrets bench",
      environment: "live",
      scopes: ["org.read", "secrets.read"],
      allowedCidrs: ["127.0.0.0/8", "::1/128"],
      rateLimitPerMinute: 10_000,
    }),
  );
  const [{ GET: me }, { GET: secret }] = await Promise.all([
    import("@/app/api/v1/me/route"),
    import("@/app/api/v1/secrets/[name]/route"),
  ]);
  const request = (path: string) =>
    new Request(`http://localhost/api/v1${path}`, {
      headers: { authorization: `Bearer ${key}`, "x-verity-peer-ip": "127.0.0.1", "user-agent": "bench" },
    });
  const call = (handler: typeof me, path: string, params: Record<string, string>) => async () => {
    const response = await handler(request(path), { params: Promise.resolve(params) });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const getMe = call(me, "/me", {});
  const getSecret = call(secret, "/secrets/BENCH_TOKEN", { name: "BENCH_TOKEN" });
  const resetRateLimit = () => db.$executeRawUnsafe(`DELETE FROM rate_limit_buckets`);
  benchLog(`warming up (${WARMUP} requests each)`);
  await resetRateLimit();
  await timeEach(WARMUP, getMe);
  await timeEach(WARMUP, getSecret);
  const [meSamples, secretSamples]: [number[], number[]] = [[], []];
  for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
    benchLog(`round ${roundIndex + 1}/${ROUNDS}`);
    await resetRateLimit();
    meSamples.push(...(await timeEach(REQUESTS_PER_ROUND, getMe)));
    await resetRateLimit();
    secretSamples.push(...(await timeEach(REQUESTS_PER_ROUND, getSecret)));
  }
  const [plain, reading] = [stats(meSamples), stats(secretSamples)];
  return { meMs: plain, secretMs: reading, addedMedianMs: round(reading.median - plain.median) };
}

async function rewrapBench(db: Db) {
  const { orgId } = await benchOwner(db, "Rewrap");
  benchLog(`wrapping ${DATA_KEYS} data keys under the current key-encryption key`);
  const rows = await Promise.all(
    Array.from({ length: DATA_KEYS }, async () => {
      const id = randomUUID();
      const wrapped = await keyProvider().wrap(randomBytes(32), dataKeyContext(orgId, id));
      return { id, ...wrapped };
    }),
  );
  for (let offset = 0; offset < rows.length; offset += 2_000) {
    const batch = rows.slice(offset, offset + 2_000);
    await db.$executeRaw`
      INSERT INTO org_data_keys (id, org_id, kek_id, wrapped_key, retired_at)
      SELECT u.id, ${orgId}::uuid, u.kek_id, u.wrapped, now()
      FROM unnest(${batch.map((row) => row.id)}::uuid[], ${batch.map((row) => row.kekId)}::text[],
                  ${batch.map((row) => row.wrapped)}::text[]) AS u(id, kek_id, wrapped)`;
  }
  process.env.VERITY_KEY_ENCRYPTION_KEYS = randomBytes(32).toString("base64");
  resetKeyProvider();
  benchLog("re-wrapping them under a new key-encryption key");
  const { result, ms } = await timed(() => rewrapDataKeys(db, { orgIds: [orgId] }));
  if (result.rewrapped !== DATA_KEYS) throw new Error(`re-wrapped ${result.rewrapped} of ${DATA_KEYS}`);
  return { dataKeys: DATA_KEYS, seconds: round(ms / 1000), perSecond: Math.round(DATA_KEYS / (ms / 1000)) };
}

async function main(): Promise<number> {
  const report = await withBenchDatabase(async (url) => {
    const db = connectDb(url);
    (globalThis as { verityDb?: Db }).verityDb = db; // the route handlers' getDb()
    try {
      const read = await readBench(db);
      const rewrap = await rewrapBench(db);
      return {
        machine: machine(),
        config: { warmup: WARMUP, rounds: ROUNDS, requestsPerRound: REQUESTS_PER_ROUND, sequential: true },
        read,
        rewrap,
        target: { addedMedianMsAtMost: TARGET_ADDED_MEDIAN_MS, rewrapsPerSecondAtLeast: TARGET_REWRAPS_PER_SECOND },
        meetsTarget: read.addedMedianMs <= TARGET_ADDED_MEDIAN_MS && rewrap.perSecond >= TARGET_REWRAPS_PER_SECOND,
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
