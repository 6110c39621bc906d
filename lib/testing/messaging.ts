import { randomInt } from "node:crypto";
import type { OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { createContact } from "@/lib/messaging/contacts/create-contact";
import type { TCreateContact } from "@/lib/messaging/contacts/contact-schemas";
import { parsePhone } from "@/lib/messaging/phone";
import { createOwner, orgContextFor } from "./factories";

/** A valid US number in the area code given (random, so tests sharing one database never collide). */
export function testPhone(areaCode = "305"): string {
  for (;;) {
    const candidate = `+1${areaCode}${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
    const parsed = parsePhone(candidate);
    if (parsed) return parsed.e164;
  }
}

/** An owner with an organization of their own, and its context. */
export async function messagingOrg() {
  const owner = await createOwner();
  return { owner, org: owner.org, ctx: orgContextFor(owner, owner.org) };
}

export type TestContact = Partial<Omit<TCreateContact, "consent">> & { consent?: TCreateContact["consent"] | false };

/** A contact through the real service; with an SMS consent given a day before `now` unless `consent: false`. */
export async function addTestContact(db: Db, ctx: OrgContext, contact: TestContact = {}, now = new Date()) {
  const { consent, ...rest } = contact;
  return db.$transaction((tx) =>
    createContact(
      tx,
      ctx,
      {
        phone: testPhone(),
        name: "Test lead",
        ...rest,
        ...(consent === false
          ? {}
          : {
              consent: consent ?? {
                source: "web form",
                textShown: "I agree to receive texts.",
                grantedAt: new Date(now.getTime() - 24 * 3600 * 1000),
              },
            }),
      },
      now,
    ),
  );
}
