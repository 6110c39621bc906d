import "server-only";
import type { Principal } from "@/lib/context";
import { currentRequest } from "./incoming-request";
import { resolvePrincipal } from "./principal";

/** The signed-in principal of the current page or action, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const { credentials } = await currentRequest();
  return resolvePrincipal(credentials).catch(() => null);
}
