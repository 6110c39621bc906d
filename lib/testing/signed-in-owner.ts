import { STEP_UP_WINDOW_MS, stepUp } from "@/lib/auth/step-up";
import type { Db } from "@/lib/db/client";
import { createOwner, testContext } from "./factories";
import { enrolTotp } from "./mfa";
import { sessionCookieFor } from "./sessions";
import { testBrowser } from "./test-browser";

/**
 * An organization's owner signed in on the test browser (testBrowser.cookie), with a second factor,
 * who has not stepped up yet: confirmItsMe steps up (with the current TOTP code unless given one),
 * letStepUpLapse moves that step-up out of its window, as if the owner came back later.
 */
export async function signedInOwner(db: Db) {
  const person = await createOwner();
  const factor = await enrolTotp(db, person.user.id);
  const { cookie, sessionId } = await sessionCookieFor(db, person.user.id);
  testBrowser.cookie = cookie;
  const principal = {
    type: "user" as const,
    userId: person.user.id,
    sessionId,
    email: person.user.email,
    name: person.user.name,
  };
  const confirmItsMe = async (code?: string) =>
    stepUp({ principal, password: person.password, code: code ?? (await factor.codeAt()), context: testContext });
  const letStepUpLapse = () =>
    db.session.update({
      where: { id: sessionId },
      data: { steppedUpAt: new Date(Date.now() - STEP_UP_WINDOW_MS - 1_000) },
    });
  return { ...person, factor, sessionId, principal, confirmItsMe, letStepUpLapse };
}
