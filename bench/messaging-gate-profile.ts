/**
 * A closer look at one decision of the messaging gate (issue 20), in this process, against one org with
 * BENCH_CONTACTS contacts and a BENCH_DNC-row DNC list (the figures bench/messaging.ts measures over HTTP):
 *  - EXPLAIN (ANALYZE, BUFFERS) of every query a decision makes against the large tables;
 *  - the time of the seven checks alone (evaluateChecks, in a transaction rolled back), of the decision row and of
 *    the whole decision with its audit entry (checkMessage in a transaction), from BENCH_CLIENTS concurrent loops.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/messaging-gate-profile.ts
 *
 * PROFILE_DATABASE_URL=… reuses a database seeded before (BENCH_KEEP_DATABASE=1 keeps the one it seeds).
 */
import { connectDb, type Db } from "@/lib/db/client";
import { checkMessage } from "@/lib/messaging/messages/check-message";
import { evaluateChecks } from "@/lib/messaging/gate/evaluate-checks";
import { GateSubject } from "@/lib/messaging/gate/gate-subject";
import type { OrgContext } from "@/lib/context";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { CONTACTS, contactPhone, DNC, dncPhone, seedMessagingBench } from "./messaging-seed";
import { benchLog, machine, percentiles, round } from "./measure";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);

/** The statements a decision makes (as the checks and the decision row write them), explained. */
async function explainAll(db: Db, orgId: string) {
  const contact = await db.messagingContact.findUniqueOrThrow({
    where: { orgId_phoneE164: { orgId, phoneE164: contactPhone(4242) } },
    select: { id: true, phoneE164: true },
  });
  const o = `'${orgId}'::uuid`;
  const statements: Record<string, string> = {
    platformSwitch: `SELECT "on", changed_at FROM messaging_platform_switch WHERE id = 'platform'`,
    orgSettings: `SELECT kill_switch_on FROM messaging_settings WHERE org_id = ${o}`,
    organization: `SELECT deleted_at FROM organizations WHERE id = ${o}`,
    dnc: `SELECT source, added_at FROM messaging_dnc WHERE org_id = ${o} AND phone_e164 = '${dncPhone(4242)}'`,
    contact: `SELECT id, state, zip, time_zone, opted_out_at FROM messaging_contacts
               WHERE org_id = ${o} AND phone_e164 = '${contact.phoneE164}'`,
    consent: `SELECT id, granted_at, source FROM messaging_consents WHERE org_id = ${o} AND contact_id = '${contact.id}'
               AND channel = 'sms' AND revoked_at IS NULL AND granted_at <= now() ORDER BY granted_at DESC LIMIT 1`,
    frequencyCounts: `SELECT m.sent_at, m.campaign_id FROM messaging_messages m WHERE m.org_id = ${o}
               AND m.to_e164 = '${contact.phoneE164}' AND m.status = 'sent' AND m.sent_at > now() - interval '1 day'
               AND m.sent_at <= now()
             UNION ALL
             SELECT d.decided_at, m.campaign_id FROM messaging_messages m
               JOIN messaging_decisions d ON d.id = m.last_decision_id AND d.org_id = m.org_id
              WHERE m.org_id = ${o} AND m.to_e164 = '${contact.phoneE164}' AND m.status = 'sending'
                AND d.decision = 'allow' AND d.decided_at > now() - interval '1 day'`,
  };
  const plans: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(statements)) {
    const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    plans[name] = rows.map((row) => row["QUERY PLAN"]);
  }
  return plans;
}

class Rollback extends Error {}

async function drive(run: (n: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let n = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        await run(n++);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: round(latencies.length / seconds, 1), ...percentiles(latencies, [50, 95, 99], 2) };
}

const phoneOf = (n: number) => {
  const i = (n * 7919) % Math.min(CONTACTS, DNC);
  return n % 2 === 0 ? contactPhone(i) : dncPhone(i);
};

async function profile(databaseUrl: string, seeded: { orgId: string; ctx: OrgContext } | null) {
  const db = connectDb(databaseUrl);
  try {
    let org = seeded;
    if (!org) {
      const owner = await benchOwner(db, "Messaging profile");
      await seedMessagingBench(db, owner.orgId);
      org = owner;
      benchLog(`seeded org ${owner.orgId}`);
    }
    const { orgId, ctx } = org;
    const plans = await explainAll(db, orgId);
    const checksOnly = async (n: number) => {
      await db
        .$transaction(async (tx) => {
          await evaluateChecks(new GateSubject(tx, orgId, phoneOf(n), new Date(), null));
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    };
    // The seven checks and the decision row, committed, without the audit entry: the gate's own cost, next to the
    // append's (issue 23's chain head lock limits one org's appends; that is measured in checksAndRecord).
    const checksAndRow = (n: number) =>
      db.$transaction(async (tx) => {
        const subject = new GateSubject(tx, orgId, phoneOf(n), new Date(), null);
        const evaluation = await evaluateChecks(subject);
        await tx.$executeRaw`
          INSERT INTO messaging_decisions (id, org_id, phone_e164, decision, reason, checks)
          VALUES (gen_random_uuid(), ${orgId}::uuid, ${phoneOf(n)}, ${evaluation.decision}, ${evaluation.reason},
                  ${JSON.stringify(evaluation.checks)}::jsonb)`;
      });
    const emptyTransaction = () => db.$transaction(async (tx) => tx.$executeRaw`SELECT 1`);
    const fullDecision = (n: number) => db.$transaction((tx) => checkMessage(tx, ctx, { to: phoneOf(n) }));
    const figures: Record<string, unknown> = {};
    for (const [name, run] of [
      ["emptyTransaction", emptyTransaction],
      ["checksOnly", checksOnly],
      ["checksAndDecisionRowWithoutAudit", checksAndRow],
      ["checksAndRecord", fullDecision],
    ] as const) {
      await drive(run); // warm-up
      figures[name] = await drive(run);
      benchLog(`${name}: ${JSON.stringify(figures[name])}`);
    }
    return {
      machine: machine(),
      config: { clients: CLIENTS, seconds: SECONDS, contacts: CONTACTS, dnc: DNC },
      figures,
      plans,
    };
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const reuse = process.env.PROFILE_DATABASE_URL;
  const report = reuse
    ? await (async () => {
        const db = connectDb(reuse);
        const org = await db.organization.findFirstOrThrow({
          where: { name: "Messaging profile" },
          select: { id: true },
        });
        const member = await db.membership.findFirstOrThrow({
          where: { orgId: org.id },
          include: { user: true, org: true },
        });
        await db.$disconnect();
        const { ROLE_PERMISSIONS } = await import("@/lib/rbac/permissions");
        const ctx: OrgContext = {
          principal: {
            type: "user",
            userId: member.userId,
            sessionId: "bench",
            email: member.user.email,
            name: member.user.name,
          },
          org: { id: org.id, slug: member.org.slug, name: member.org.name },
          role: "OWNER",
          permissions: ROLE_PERMISSIONS.OWNER,
          request: { ip: "127.0.0.1", userAgent: "bench", geo: null, requestId: null },
        };
        return profile(reuse, { orgId: org.id, ctx });
      })()
    : await withBenchDatabase((url) => profile(url, null));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    benchLog(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
