import "server-only";
import { randomBytes } from "node:crypto";
import { appendAuditEntry, SYSTEM_ACTOR, type AuditEvent } from "@/lib/audit/append-audit-entry";
import { formatMicros } from "@/lib/audit/entry-content";
import { hashPassword } from "@/lib/auth/password";
import { getDb, type Tx } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { API_KEY_SCOPES } from "@/lib/api-keys/schemas";
import { ROLE_PERMISSIONS, type Permission, type RoleName } from "@/lib/rbac/permissions";
import { DEMO_ORG_SLUG, demoContext } from "./demo-context";
import { answerDemoAccessRequest } from "./answer-demo-access-request";
import { placeDemoLegalHold } from "./place-demo-legal-hold";
import { seedDemoMessaging } from "./seed-demo-messaging";
import { seedDemoRecordings } from "./seed-demo-recordings";
import { seedDemoSecrets } from "./seed-demo-secrets";

const DAY_MS = 24 * 60 * 60 * 1000;

const PEOPLE: { role: RoleName; name: string; email: string }[] = [
  { role: "OWNER", name: "Olivia Owner", email: "owner@acme.test" },
  { role: "ADMIN", name: "Adam Admin", email: "admin@acme.test" },
  { role: "MEMBER", name: "Maya Member", email: "member@acme.test" },
  { role: "AUDITOR", name: "Arthur Auditor", email: "auditor@acme.test" },
];

const PLACES = [
  { ip: "81.2.69.142", geo: { country: "GB", region: "ENG", city: "London" } },
  { ip: "89.160.20.112", geo: { country: "SE", region: "E", city: "Linköping" } },
  { ip: "216.160.83.56", geo: { country: "US", region: "WA", city: "Milton" } },
  { ip: "2a02:ec80:600::1", geo: { country: "DE", region: "BE", city: "Berlin" } },
];
const BROWSERS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
];

/** A small deterministic generator, so two demo seeds tell the same story. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type Person = { id: string; email: string; name: string; role: RoleName };

/** The day-to-day life of an organization: sign-ins, a few failures, keys, webhooks, settings, customer events. */
function demoStory(orgId: string, people: Person[], count: number): Omit<AuditEvent, "orgId">[] {
  const random = sequence(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const start = Date.now() - 90 * DAY_MS;
  const times = Array.from({ length: count }, () => start + random() * 89 * DAY_MS).sort((a, b) => a - b);
  // Strictly increasing microseconds, so the story is written in time order whatever the count.
  let previous = -1n;
  const micros = times.map((time) => {
    const at = BigInt(Math.floor(time * 1000));
    previous = at > previous ? at : previous + 1n;
    return previous;
  });
  return times.map((time, index) => {
    const person = pick(people);
    const place = pick(PLACES);
    const actor = { type: "user" as const, id: person.id, display: person.email };
    const context = { ip: place.ip, userAgent: pick(BROWSERS), geo: place.geo, requestId: `demo-${index}` };
    const occurredAt = formatMicros(micros[index]);
    const roll = random();
    const base = { actor, context, occurredAt };
    if (roll < 0.45)
      return {
        ...base,
        action: "user.signed_in",
        target: { type: "user", id: person.id, display: person.email },
        metadata: { method: "password" },
      };
    if (roll < 0.52)
      return {
        ...base,
        action: "user.sign_in_failed",
        outcome: "failure",
        target: { type: "user", id: person.id, display: person.email },
        metadata: { reason: "wrong_password" },
      };
    if (roll < 0.57)
      return {
        ...base,
        action: "access.denied",
        outcome: "denied",
        metadata: { permission: "billing.manage", reason: "missing_permission" },
      };
    if (roll < 0.63) {
      const name = `ci-deploy-${index}`;
      const expiresAt = new Date(time + 90 * DAY_MS).toISOString();
      const metadata = {
        name,
        environment: "live",
        scopes: ["audit.read"],
        readOnly: true,
        allowedCidrs: ["203.0.113.0/24"],
        rateLimitPerMinute: 600,
        expiresAt,
      };
      return {
        ...base,
        action: "api_key.created",
        target: { type: "api_key", id: `key_${index}`, display: name },
        metadata,
      };
    }
    if (roll < 0.66)
      return {
        ...base,
        action: "webhook.created",
        target: { type: "webhook", id: `wh_${index}`, display: "SIEM forwarder" },
        metadata: {
          url: "https://siem.acme.test/verity",
          description: "SIEM forwarder",
          categories: ["access", "authentication"],
          actions: [],
          enabled: true,
        },
      };
    if (roll < 0.7)
      return {
        ...base,
        action: "org.updated",
        target: { type: "organization", id: orgId, display: "Acme" },
        metadata: { before: { name: "Acme" }, after: { name: "Acme" } },
      };
    if (roll < 0.74)
      return {
        ...base,
        action: "audit.exported",
        metadata: { format: pick(["ndjson", "csv", "ocsf"]), count: Math.floor(random() * 500) + 10 },
      };
    const amount = (Math.floor(random() * 100_000) / 100).toFixed(2);
    return {
      actor: { type: "api_key", id: "key_payments", display: "vk_live_pay…" },
      context: { ...context, userAgent: "acme-payments/2.4" },
      occurredAt,
      action: "custom.wallet.transfer",
      target: { type: "wallet", id: `wal_${Math.floor(random() * 90) + 10}`, display: null },
      metadata: {
        amount,
        currency: pick(["EUR", "USD", "GBP"]),
        status: pick(["settled", "settled", "pending", "reversed"]),
      },
    };
  });
}

/**
 * Creates organization "acme" with an owner, an admin, a member and an auditor (fresh random
 * passwords, returned once), a few hundred audit entries spread over the last 90 days, then (dated now)
 * a legal hold and two API keys. The whole chain is in time order: occurredAt never goes back as seq grows.
 */
export async function seedDemo({ entries = 300 }: { entries?: number } = {}) {
  const db = getDb();
  if (await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG } })) {
    throw new Error(
      `The demo organization "${DEMO_ORG_SLUG}" already exists; its logins were printed when it was seeded.`,
    );
  }
  const logins = PEOPLE.map((person) => ({ ...person, password: randomBytes(12).toString("base64url") }));
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));
  const seededAt = Date.now() - 90 * DAY_MS - DAY_MS;
  const createdAt = formatMicros(BigInt(seededAt) * 1000n);

  const { orgId, people } = await db.$transaction(async (tx: Tx) => {
    const users = [];
    for (const [index, login] of logins.entries()) {
      // Demo logins (example addresses nobody can receive mail at) are usable at once.
      users.push(
        await tx.user.create({
          data: { email: login.email, name: login.name, passwordHash: hashes[index], emailVerifiedAt: new Date() },
        }),
      );
    }
    const owner = users[0];
    const org = await createOrganization(tx, {
      name: "Acme",
      slug: DEMO_ORG_SLUG,
      ownerId: owner.id,
      actor: SYSTEM_ACTOR,
      context: null,
      occurredAt: createdAt,
    });
    for (const [index, user] of users.entries()) {
      if (index === 0) continue;
      await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: logins[index].role } });
      await appendAuditEntry(tx, {
        orgId: org.id,
        action: "member.added",
        actor: { type: "user", id: owner.id, display: owner.email },
        target: { type: "user", id: user.id, display: user.email },
        metadata: { role: logins[index].role },
        occurredAt: createdAt,
      });
    }
    return {
      orgId: org.id,
      people: users.map((user, index) => ({
        id: user.id,
        email: user.email,
        name: user.name,
        role: logins[index].role,
      })),
    };
  });

  const story = demoStory(orgId, people, entries);
  for (let offset = 0; offset < story.length; offset += 50) {
    await db.$transaction(async (tx: Tx) => {
      for (const event of story.slice(offset, offset + 50)) await appendAuditEntry(tx, { orgId, ...event });
    });
  }
  const legalHold = await placeDemoLegalHold(
    orgId,
    people.find((person) => person.role === "OWNER")!,
  );
  const apiKeys = await demoApiKeys(orgId, people);
  const accessRequest = await answerDemoAccessRequest(
    orgId,
    people.find((person) => person.role === "ADMIN")!,
    people.find((person) => person.role === "MEMBER")!.email,
  );
  const secrets = await seedDemoSecrets(orgId, people);
  apiKeys.push(secrets.apiKey);
  const messaging = await seedDemoMessaging(orgId, people);
  // Last: two calls in which a caller reads out a test card number, uploaded and redacted through the pipeline.
  const recordings = await seedDemoRecordings(orgId, people);
  return {
    organization: DEMO_ORG_SLUG,
    // org.created, three member.added, the story, the hold, the two keys, the access request received and
    // completed, then the secrets and their key, then the messaging contacts, campaign and decisions, then the
    // recordings (uploaded, redacted)
    entries: logins.length + story.length + 1 + 2 + 2 + secrets.entries + messaging.entries + recordings.entries,
    legalHold,
    accessRequest,
    secrets: secrets.secrets,
    messaging,
    recordings: recordings.recordings,
    logins: logins.map(({ role, name, email, password }) => ({ role: role.toLowerCase(), name, email, password })),
    apiKeys,
    tryIt: `curl -H "Authorization: Bearer ${apiKeys[0].key}" http://localhost:3000/api/v1/me`,
    tryMessaging:
      `curl -H "Authorization: Bearer ${apiKeys[0].key}" -H "Content-Type: application/json" ` +
      `-d '{"to":"+13055550101"}' http://localhost:3000/api/v1/messages/check`,
    tryRecordings: `curl -H "Authorization: Bearer ${apiKeys[0].key}" http://localhost:3000/api/v1/recordings`,
    trySecrets: `curl -H "Authorization: Bearer ${secrets.apiKey.key}" http://localhost:3000/api/v1/secrets/DEPLOY_TOKEN`,
  };
}

/**
 * Two keys so a new user can call the API at once, both created by the demo admin: a live key with
 * the admin's permissions, pinned to this machine (127.0.0.1/32, ::1/128), and a read-only test key.
 */
async function demoApiKeys(orgId: string, people: Person[]) {
  const admin = people.find((person) => person.role === "ADMIN")!;
  const ctx = demoContext(orgId, admin);
  const definitions = [
    {
      name: "Demo admin (live, this machine only)",
      environment: "live" as const,
      scopes: API_KEY_SCOPES.filter((scope) => ROLE_PERMISSIONS.ADMIN.includes(scope)),
      allowedCidrs: ["127.0.0.1/32", "::1/128"],
    },
    {
      name: "Demo reader (test, read-only)",
      environment: "test" as const,
      scopes: ["org.read", "members.read", "api_keys.read", "audit.read"] as Permission[],
      readOnly: true,
    },
  ];
  const created = [];
  for (const definition of definitions) {
    const { key, apiKey } = await getDb().$transaction((tx) => createApiKey(tx, ctx, definition));
    created.push({
      name: apiKey.name,
      environment: apiKey.environment,
      key,
      readOnly: apiKey.readOnly,
      scopes: apiKey.scopes,
      allowedCidrs: apiKey.allowedCidrs,
      expiresAt: apiKey.expiresAt,
    });
  }
  return created;
}
