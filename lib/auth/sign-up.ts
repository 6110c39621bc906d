import "server-only";
import { appendForUser, appendForUserOnItsOwn } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { deliverMailAfterCommit, enqueueMail } from "@/lib/mail";
import { createAccount } from "./create-account";
import { confirmEmailAddress, sendEmailVerification } from "./email-verification";
import { panelUrl } from "./panel-url";
import { hashPassword } from "./password";
import { ZSignUp, type TSignUp } from "./schemas";
import { issueSignInGrant } from "./sign-in";
import { mayMailSignUp, throttleSignUp } from "./sign-up-throttle";

export type SignUpOutcome =
  /** The instance's first account (its operator): confirmed at once and signed in. */
  | {
      status: "signed_in";
      user: { id: string; email: string; name: string };
      org: { id: string; slug: string; name: string };
      grant: string;
    }
  /** Every other sign-up, new address or not: the same answer, the rest happens by mail. */
  | { status: "confirm_email"; email: string };

const retryTime = (at: Date) => at.toISOString().replace("T", " ").slice(0, 16);

/** Two sign-ups at the same instant: the same organization name (its slug) or the same address. */
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * The first account of a fresh instance is its operator's, who may have no mail server yet: it needs
 * no confirmation. Two first sign-ups at once serialize on an advisory lock, so only one is first.
 */
async function isFirstAccount(tx: Tx): Promise<boolean> {
  if (await tx.user.findFirst({ select: { id: true } })) return false;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('verity:first-account'))`;
  return !(await tx.user.findFirst({ select: { id: true } }));
}

/** The owner of an address that has an account hears of the attempt by mail; the screen says nothing. */
async function tellOwner(
  tx: Tx,
  owner: { id: string; email: string; emailVerifiedAt: Date | null },
  context: RequestContext | null,
) {
  await enqueueMail(tx, {
    to: owner.email,
    subject: "Someone tried to create a Verity account with your address",
    kind: "sign_up_existing_account",
    text: [
      `Someone, perhaps you, tried to create a new Verity account with ${owner.email}. This address ` +
        `already has an account, so nothing was created or changed.`,
      owner.emailVerifiedAt
        ? `To use your account, sign in:\n\n${panelUrl("/signin")}\n`
        : `Your account's address is not confirmed yet. Sign in with its password to receive a new ` +
          `confirmation link:\n\n${panelUrl("/signin")}\n`,
      `Forgot your password? Choose a new one:\n\n${panelUrl("/forgot-password")}\n`,
      "If it was not you, you can ignore this message.",
    ].join("\n\n"),
  });
  await appendForUser(tx, owner, {
    action: "user.sign_up_refused",
    outcome: "failure",
    context,
    metadata: { reason: "email_taken" },
  });
}

async function createOrTellOwner(
  db: Db,
  fields: TSignUp,
  passwordHash: string,
  context: RequestContext | null,
  now: Date,
) {
  const checkYourEmail: SignUpOutcome = { status: "confirm_email", email: fields.email };
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx): Promise<SignUpOutcome> => {
        const owner = await tx.user.findUnique({
          where: { email: fields.email },
          select: { id: true, email: true, emailVerifiedAt: true },
        });
        if (owner) {
          await tellOwner(tx, owner, context);
          return checkYourEmail;
        }
        const first = await isFirstAccount(tx);
        const { user, org } = await createAccount(tx, { fields, passwordHash, context });
        if (!first) {
          await sendEmailVerification(tx, user, now);
          return checkYourEmail;
        }
        await confirmEmailAddress(tx, user, "first_account", context, now);
        // The operator has just proved their password: they are signed in without typing it again.
        const grant = await issueSignInGrant(tx, user.id);
        return {
          status: "signed_in",
          user: { id: user.id, email: user.email, name: user.name },
          org: { id: org.id, slug: org.slug, name: org.name },
          grant,
        };
      });
    } catch (error) {
      // The loser of a race runs again: a taken slug makes it pick another, a taken address makes it
      // an existing one (its owner is told). Neither is reported as "this email exists".
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Sign-up answers the same whether or not the address has an account ("check your email"), after the
 * same argon2 work: a new address gets a confirmation link, an existing one a note to its owner, and
 * nothing else is created. Throttled per client and for the instance before any hashing.
 */
export async function signUp({
  input,
  context,
  now = new Date(),
}: {
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}): Promise<SignUpOutcome> {
  const fields = ZSignUp.parse(input);
  const db = getDb();
  const throttle = await throttleSignUp(db, { ip: context?.ip ?? null, now });
  if (!throttle.allowed) {
    if (throttle.firstRefusal) {
      // Once per window, not per refusal: a flood must not also flood the account's trail.
      const owner = await db.user.findUnique({ where: { email: fields.email }, select: { id: true, email: true } });
      if (owner)
        await appendForUserOnItsOwn(db, owner, {
          action: "user.sign_up_refused",
          outcome: "denied",
          context,
          metadata: { reason: throttle.reason },
        });
      console.warn(`sign-up throttled (${throttle.reason}) until ${throttle.retryAt.toISOString()}`);
    }
    const who = throttle.reason === "ip_throttled" ? "from your network" : "on this Verity right now";
    throw new AppError("rate_limited", `Too many sign-ups ${who}. Try again after ${retryTime(throttle.retryAt)} UTC.`);
  }
  // Past a few mails per address and hour, the answer stays the same and nothing is sent.
  if (!(await mayMailSignUp(db, { email: fields.email, now }))) return { status: "confirm_email", email: fields.email };
  // Hashed whether or not the address has an account: both answers cost the same work.
  const passwordHash = await hashPassword(fields.password);
  const outcome = await createOrTellOwner(db, fields, passwordHash, context, now);
  deliverMailAfterCommit();
  return outcome;
}
