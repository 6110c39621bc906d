/**
 * The messaging benchmarks' organization at scale (bench/messaging.ts over HTTP, bench/messaging-gate-profile.ts in
 * process): BENCH_CONTACTS contacts, each with an SMS consent, and a BENCH_DNC-row Do Not Contact list.
 */
import type { Db } from "@/lib/db/client";
import { benchLog, round } from "./measure";

export const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
export const DNC = Number(process.env.BENCH_DNC ?? 1_000_000);

// Contacts: +1 201 2xx xxxx (New Jersey); DNC: +1 305 2xx xxxx (Miami).
export const contactPhone = (i: number) => `+1201${2000000 + i}`;
export const dncPhone = (i: number) => `+1305${2000000 + i}`;

/** Seeds the contacts, their consents and the DNC list with generate_series, then ANALYZE; returns the seconds it took. */
export async function seedMessagingBench(db: Db, orgId: string): Promise<number> {
  benchLog(`seeding ${CONTACTS} contacts with consents and ${DNC} DNC entries (generate_series)`);
  const started = performance.now();
  await db.$executeRaw`
    INSERT INTO messaging_contacts (id, org_id, phone_e164, name, state, time_zone)
    SELECT gen_random_uuid(), ${orgId}::uuid, '+1201' || (2000000 + i)::text, 'Lead ' || i, 'NJ', 'America/New_York'
      FROM generate_series(0, ${CONTACTS - 1}) AS i`;
  await db.$executeRaw`
    INSERT INTO messaging_consents (id, org_id, contact_id, channel, source, text_shown, granted_at)
    SELECT gen_random_uuid(), org_id, id, 'sms', 'bench', 'Yes, text me', now() - interval '1 day'
      FROM messaging_contacts WHERE org_id = ${orgId}::uuid`;
  await db.$executeRaw`
    INSERT INTO messaging_dnc (org_id, phone_e164, reason, source, added_by)
    SELECT ${orgId}::uuid, '+1305' || (2000000 + i)::text, 'bench', 'bench', 'bench'
      FROM generate_series(0, ${DNC - 1}) AS i`;
  await db.$executeRawUnsafe("ANALYZE messaging_contacts, messaging_consents, messaging_dnc");
  return round((performance.now() - started) / 1000, 1);
}
