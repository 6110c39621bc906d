import "server-only";
import { currentRequest } from "./org-action";
import { resolvePrincipal } from "./principal";
import type { Principal } from "@/lib/context";

/** The signed-in principal of the current page or action, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const { credentials } = await currentRequest();
  return resolvePrincipal(credentials).catch(() => null);
}
